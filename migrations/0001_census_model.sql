-- The census model: townships → districts (普查区) → small areas (普查小区), and buildings.
-- Runs unchanged on PostGIS 3.3 (Debian server) and 3.6 (embedded PGlite).
--
-- Every table carries county_code and has it first in its primary and foreign keys: every query is
-- scoped by it, and it is the distribution column when the tables move to Citus (sharded by county).
-- Codes are checked here as well as in shared/src/codes.ts: the database refuses what the API would.

CREATE EXTENSION IF NOT EXISTS postgis;

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

-- History: every create, update and delete of the tables above, written by a trigger in the same
-- transaction as the change, so no write path can forget it. The writer names itself with
-- set_config('census.author', …, true); a write without an author is refused. `census.at` lets the
-- demo loader backdate a campaign; the app never sets it.
CREATE TABLE change_log (
  county_code text NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  entity      text NOT NULL CHECK (entity IN ('township', 'district', 'small_area', 'building')),
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

CREATE FUNCTION census_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  author   text := nullif(current_setting('census.author', true), '');
  at       timestamptz := coalesce(nullif(current_setting('census.at', true), '')::timestamptz, now());
  old_row  jsonb;
  new_row  jsonb;
  row_json jsonb;
BEGIN
  IF author IS NULL THEN
    RAISE EXCEPTION 'census.author is not set: every change to % must name its author', TG_TABLE_NAME;
  END IF;
  -- PostGIS casts geometry to GeoJSON inside to_jsonb, so history holds readable geometry.
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  -- Re-deriving a building's small area is bookkeeping, not an edit by a person.
  IF TG_OP = 'UPDATE' AND old_row - 'small_area_code' = new_row - 'small_area_code' THEN
    RETURN NULL;
  END IF;
  row_json := coalesce(new_row, old_row);
  INSERT INTO change_log (county_code, entity, code, operation, author, at, before, after)
  VALUES (row_json->>'county_code', TG_TABLE_NAME, row_json->>'code',
          CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
          author, at, old_row, new_row);
  RETURN NULL;
END $$;

CREATE TRIGGER township_history AFTER INSERT OR UPDATE OR DELETE ON township
  FOR EACH ROW EXECUTE FUNCTION census_record_change();
CREATE TRIGGER district_history AFTER INSERT OR UPDATE OR DELETE ON district
  FOR EACH ROW EXECUTE FUNCTION census_record_change();
CREATE TRIGGER small_area_history AFTER INSERT OR UPDATE OR DELETE ON small_area
  FOR EACH ROW EXECUTE FUNCTION census_record_change();
CREATE TRIGGER building_history AFTER INSERT OR UPDATE OR DELETE ON building
  FOR EACH ROW EXECUTE FUNCTION census_record_change();

-- The small area a building lies in, derived from its location: the lowest code among those that
-- cover it (a building on a shared edge is ambiguous; the topology checks report it).
CREATE FUNCTION census_small_area_at(p_county text, p_district text, p_location geometry)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT s.code FROM small_area s
  WHERE s.county_code = p_county AND s.district_code = p_district AND ST_Covers(s.boundary, p_location)
  ORDER BY s.code LIMIT 1
$$;

-- Re-derives small_area_code for every building of a district after its small areas changed.
CREATE FUNCTION census_assign_buildings(p_county text, p_district text)
RETURNS integer LANGUAGE sql AS $$
  WITH derived AS (
    SELECT b.code, census_small_area_at(b.county_code, b.district_code, b.location) AS small_area_code
    FROM building b WHERE b.county_code = p_county AND b.district_code = p_district
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
