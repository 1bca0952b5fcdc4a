-- The census model: county → townships → districts (普查区) → small areas (普查小区), and buildings.
-- Runs unchanged on PostGIS 3.3 (Debian server) and 3.6 (embedded PGlite).
--
-- Every table carries county_code and has it first in its primary and foreign keys: every query is
-- scoped by it, and it is the distribution column when the tables move to Citus (sharded by county).
-- Codes are checked here as well as in shared/src/codes.ts: the database refuses what the API would.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE county (
  county_code text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  boundary    geometry(MultiPolygon, 4326) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL,
  PRIMARY KEY (county_code)
);

CREATE TABLE township (
  county_code        text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  code               text NOT NULL CHECK (code ~ '^[0-9]{9}$'),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  kind               text NOT NULL CHECK (kind IN ('town', 'subdistrict')),
  boundary           geometry(MultiPolygon, 4326) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
  -- The city office's estimate of the township's buildings, and the day it was entered.
  expected_buildings integer CHECK (expected_buildings >= 0),
  expected_buildings_on date,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         text NOT NULL,
  PRIMARY KEY (county_code, code),
  FOREIGN KEY (county_code) REFERENCES county (county_code),
  CONSTRAINT township_code_in_county CHECK (left(code, 6) = county_code)
);
CREATE INDEX township_boundary_idx ON township USING gist (boundary);

CREATE TABLE district (
  county_code     text NOT NULL,
  code            text NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  township_code   text NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  urban_rural_code text CHECK (urban_rural_code ~ '^[0-9]{3}$'),
  boundary        geometry(MultiPolygon, 4326) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
  status          text NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'drawn', 'submitted', 'approved', 'returned')),
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL,
  PRIMARY KEY (county_code, code),
  FOREIGN KEY (county_code, township_code) REFERENCES township (county_code, code),
  CONSTRAINT district_code_in_township CHECK (left(code, 9) = township_code),
  -- A district without a boundary cannot be further along than "not started".
  CONSTRAINT district_drawn_before_status CHECK (boundary IS NOT NULL OR status = 'not_started')
);
CREATE INDEX district_boundary_idx ON district USING gist (boundary);
CREATE INDEX district_township_idx ON district (county_code, township_code);

CREATE TABLE small_area (
  county_code    text NOT NULL,
  code           text NOT NULL CHECK (code ~ '^[0-9]{15}$' AND right(code, 3) <> '000'),
  district_code  text NOT NULL,
  township_code  text GENERATED ALWAYS AS (left(district_code, 9)) STORED,
  boundary       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
  enumerator     text CHECK (length(enumerator) <= 40),
  status         text NOT NULL DEFAULT 'drawn'
                 CHECK (status IN ('not_started', 'drawn', 'submitted', 'approved', 'returned')),
  version        integer NOT NULL DEFAULT 1,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL,
  PRIMARY KEY (county_code, code),
  FOREIGN KEY (county_code, district_code) REFERENCES district (county_code, code),
  CONSTRAINT small_area_code_in_district CHECK (left(code, 12) = district_code)
);
CREATE INDEX small_area_boundary_idx ON small_area USING gist (boundary);
CREATE INDEX small_area_district_idx ON small_area (county_code, district_code);
CREATE INDEX small_area_township_idx ON small_area (county_code, township_code);

CREATE TABLE building (
  county_code     text NOT NULL,
  code            text NOT NULL CHECK (code ~ '^[0-9]{16}$' AND right(code, 4) <> '0000'),
  district_code   text NOT NULL,
  township_code   text GENERATED ALWAYS AS (left(district_code, 9)) STORED,
  -- Derived from location by census_assign_buildings(); never written by a client.
  small_area_code text,
  location        geometry(Point, 4326) NOT NULL,
  footprint       geometry(MultiPolygon, 4326) CHECK (footprint IS NULL OR ST_IsValid(footprint)),
  use             text NOT NULL
                  CHECK (use IN ('residential', 'non_residential', 'mixed', 'under_construction', 'other')),
  floors          integer NOT NULL CHECK (floors BETWEEN 0 AND 200),
  households      integer NOT NULL CHECK (households BETWEEN 0 AND 999),
  address         text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  note            text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL,
  PRIMARY KEY (county_code, code),
  FOREIGN KEY (county_code, district_code) REFERENCES district (county_code, code),
  FOREIGN KEY (county_code, small_area_code) REFERENCES small_area (county_code, code)
    ON DELETE SET NULL (small_area_code),
  CONSTRAINT building_code_in_district CHECK (left(code, 12) = district_code),
  CHECK (small_area_code IS NULL OR left(small_area_code, 12) = district_code)
);
CREATE INDEX building_location_idx ON building USING gist (location);
CREATE INDEX building_district_idx ON building (county_code, district_code);
CREATE INDEX building_township_idx ON building (county_code, township_code);
CREATE INDEX building_small_area_idx ON building (county_code, small_area_code);

-- History: every create, update and delete of the tables above, written by triggers in the same
-- transaction as the change, so no write path can forget it. The writer names itself with
-- set_config('census.author', …, true); a write without an author is refused. `census.at` lets the
-- demo loader backdate a campaign; the app never sets it.
CREATE TABLE change_log (
  county_code text NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  entity      text NOT NULL CHECK (entity IN ('county', 'township', 'district', 'small_area', 'building')),
  code        text NOT NULL,
  operation   text NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  author      text NOT NULL,
  at          timestamptz NOT NULL,
  before      jsonb,
  after       jsonb,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX change_log_entity_idx ON change_log (county_code, entity, code, id);
CREATE INDEX change_log_at_idx ON change_log (county_code, at);

-- Statement-level with transition tables: one set-based INSERT per statement, so a bulk load or a
-- re-derivation of thousands of rows costs one trigger call, not thousands.
CREATE FUNCTION census_record_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  author text := nullif(current_setting('census.author', true), '');
  at     timestamptz := coalesce(nullif(current_setting('census.at', true), '')::timestamptz, now());
  kind   text := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END;
BEGIN
  IF author IS NULL THEN
    RAISE EXCEPTION 'census.author is not set: every change to % must name its author', TG_TABLE_NAME;
  END IF;
  -- PostGIS casts geometry to GeoJSON inside to_jsonb, so history holds readable geometry.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO change_log (county_code, entity, code, operation, author, at, before, after)
    SELECT r->>'county_code', TG_TABLE_NAME, coalesce(r->>'code', r->>'county_code'), kind, author, at, NULL, r
    FROM (SELECT to_jsonb(n) AS r FROM new_rows n) x;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO change_log (county_code, entity, code, operation, author, at, before, after)
    SELECT r->>'county_code', TG_TABLE_NAME, coalesce(r->>'code', r->>'county_code'), kind, author, at, r, NULL
    FROM (SELECT to_jsonb(o) AS r FROM old_rows o) x;
  ELSE
    -- Codes never change (they are the keys), so old and new rows pair up by code.
    INSERT INTO change_log (county_code, entity, code, operation, author, at, before, after)
    SELECT n.r->>'county_code', TG_TABLE_NAME, coalesce(n.r->>'code', n.r->>'county_code'), kind, author, at, o.r, n.r
    FROM (SELECT to_jsonb(o) AS r FROM old_rows o) o
    JOIN (SELECT to_jsonb(n) AS r FROM new_rows n) n
      ON n.r->>'county_code' = o.r->>'county_code' AND n.r->>'code' IS NOT DISTINCT FROM o.r->>'code'
    -- Re-deriving a building's small area is bookkeeping, not an edit by a person.
    WHERE o.r - 'small_area_code' <> n.r - 'small_area_code';
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['county', 'township', 'district', 'small_area', 'building'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_history_insert AFTER INSERT ON %1$s REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION census_record_changes()', t);
    EXECUTE format('CREATE TRIGGER %1$s_history_update AFTER UPDATE ON %1$s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION census_record_changes()', t);
    EXECUTE format('CREATE TRIGGER %1$s_history_delete AFTER DELETE ON %1$s REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION census_record_changes()', t);
  END LOOP;
END $$;

-- The small area a building lies in, derived from its location: the lowest code among those that
-- cover it (a building on a shared edge is ambiguous; the topology checks report it). A table
-- function so that PostgreSQL inlines it into the calling query (LATERAL or a scalar subquery):
-- the same rule for one building and for a million, without a function call per row.
CREATE FUNCTION census_small_area_covering(p_county text, p_district text, p_location geometry)
RETURNS TABLE (code text) LANGUAGE sql STABLE AS $$
  SELECT s.code FROM small_area s
  WHERE s.county_code = p_county AND s.district_code = p_district AND ST_Covers(s.boundary, p_location)
  ORDER BY s.code LIMIT 1
$$;

-- Re-derives small_area_code for every building of a district after its small areas changed.
CREATE FUNCTION census_assign_buildings(p_county text, p_district text)
RETURNS integer LANGUAGE sql AS $$
  WITH derived AS (
    SELECT b.code, sa.code AS small_area_code
    FROM building b LEFT JOIN LATERAL census_small_area_covering(b.county_code, b.district_code, b.location) sa ON true
    WHERE b.county_code = p_county AND b.district_code = p_district
  ), changed AS (
    UPDATE building b SET small_area_code = d.small_area_code
    FROM derived d
    WHERE b.county_code = p_county AND b.code = d.code
      AND b.small_area_code IS DISTINCT FROM d.small_area_code
    RETURNING 1
  )
  SELECT count(*)::integer FROM changed
$$;

-- Datasets loaded in bulk (the demo city now; imports of earlier boundaries later). A row without
-- finished_at is a load that was interrupted: the server says so instead of serving half a city.
CREATE TABLE dataset_load (
  county_code text NOT NULL,
  name        text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (county_code, name)
);
