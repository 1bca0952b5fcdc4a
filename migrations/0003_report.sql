-- The completion report's view of history (issue 5). Every recorded change of a district, small area
-- or building also leaves one narrow row saying what it did to the report's counts: +1 district on
-- the list, −1 drawn, +24 households… (report_change), and the same effects summed per township and
-- China day (report_day). A township's counts as of a moment are the sum of its whole days before
-- that moment's day plus that day's changes up to the moment: "as of 27 July 17:00" and "now" are
-- the same query, it never reads the row images (whose geometry makes them large), and its cost
-- grows with townships × days, not with the number of buildings. change_log stays the record; both
-- tables are derived from it by the one function below, for new changes (trigger) and for the
-- history already there.

-- What one row image (null: the thing does not exist) contributes to a count.
CREATE FUNCTION census_report_measure(p_entity text, p_image jsonb, p_measure text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p_image IS NULL THEN 0
    WHEN p_measure = 'districts' THEN (p_entity = 'district')::int
    WHEN p_measure = 'drawn' THEN (p_entity = 'district' AND jsonb_typeof(p_image->'boundary') = 'object')::int
    WHEN p_measure IN ('submitted', 'approved', 'returned') THEN (p_entity = 'district' AND p_image->>'status' = p_measure)::int
    WHEN p_measure = 'small_areas' THEN (p_entity = 'small_area')::int
    WHEN p_measure = 'buildings' THEN (p_entity = 'building')::int
    WHEN p_measure = 'households' THEN CASE WHEN p_entity = 'building' THEN (p_image->>'households')::int ELSE 0 END
  END
$$;

CREATE TABLE report_change (
  county_code   text NOT NULL,
  id            bigint NOT NULL,
  at            timestamptz NOT NULL,
  township_code text NOT NULL,
  districts     smallint NOT NULL,
  drawn         smallint NOT NULL,
  submitted     smallint NOT NULL,
  approved      smallint NOT NULL,
  returned      smallint NOT NULL,
  small_areas   smallint NOT NULL,
  buildings     smallint NOT NULL,
  households    integer NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, id) REFERENCES change_log (county_code, id)
);
-- "As of" reads the changes of one day up to a moment; the included columns let it answer from the index.
CREATE INDEX report_change_at_idx ON report_change (county_code, at)
  INCLUDE (township_code, districts, drawn, submitted, approved, returned, small_areas, buildings, households);

-- Campaign days are China days (UTC+8, no daylight saving), whatever the session's time zone.
CREATE FUNCTION census_china_day(p_at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((p_at AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;

CREATE TABLE report_day (
  county_code   text NOT NULL,
  township_code text NOT NULL,
  day           date NOT NULL,
  districts     integer NOT NULL,
  drawn         integer NOT NULL,
  submitted     integer NOT NULL,
  approved      integer NOT NULL,
  returned      integer NOT NULL,
  small_areas   integer NOT NULL,
  buildings     integer NOT NULL,
  households    integer NOT NULL,
  PRIMARY KEY (county_code, township_code, day)
);

-- One change's effect on the counts: each measure after it minus the same measure before it.
CREATE FUNCTION census_report_effect(c change_log) RETURNS report_change
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT c.county_code, c.id, c.at, left(c.code, 9),
         census_report_measure(c.entity, c.after, 'districts') - census_report_measure(c.entity, c.before, 'districts'),
         census_report_measure(c.entity, c.after, 'drawn') - census_report_measure(c.entity, c.before, 'drawn'),
         census_report_measure(c.entity, c.after, 'submitted') - census_report_measure(c.entity, c.before, 'submitted'),
         census_report_measure(c.entity, c.after, 'approved') - census_report_measure(c.entity, c.before, 'approved'),
         census_report_measure(c.entity, c.after, 'returned') - census_report_measure(c.entity, c.before, 'returned'),
         census_report_measure(c.entity, c.after, 'small_areas') - census_report_measure(c.entity, c.before, 'small_areas'),
         census_report_measure(c.entity, c.after, 'buildings') - census_report_measure(c.entity, c.before, 'buildings'),
         census_report_measure(c.entity, c.after, 'households') - census_report_measure(c.entity, c.before, 'households')
$$;

-- Adds effects to their days. Ordered by key, so two writers touching several townships lock their
-- day rows in the same order and cannot deadlock.
CREATE FUNCTION census_add_to_report_days(p_effects report_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_day AS d
  SELECT county_code, township_code, census_china_day(at), sum(districts), sum(drawn), sum(submitted), sum(approved),
         sum(returned), sum(small_areas), sum(buildings), sum(households)
  FROM unnest(p_effects)
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (county_code, township_code, day) DO UPDATE SET
    districts = d.districts + excluded.districts, drawn = d.drawn + excluded.drawn, submitted = d.submitted + excluded.submitted,
    approved = d.approved + excluded.approved, returned = d.returned + excluded.returned,
    small_areas = d.small_areas + excluded.small_areas, buildings = d.buildings + excluded.buildings,
    households = d.households + excluded.households
$$;

CREATE FUNCTION census_record_report_effect() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE effects report_change[];
BEGIN
  SELECT array_agg(e) INTO effects
  FROM new_rows c CROSS JOIN LATERAL census_report_effect(c) e
  WHERE c.entity IN ('district', 'small_area', 'building');
  IF effects IS NOT NULL THEN
    INSERT INTO report_change SELECT * FROM unnest(effects);
    PERFORM census_add_to_report_days(effects);
  END IF;
  RETURN NULL;
END $$;

-- The history already recorded (an installation upgraded mid-campaign), then every new change.
INSERT INTO report_change
SELECT e.* FROM change_log c CROSS JOIN LATERAL census_report_effect(c) e
WHERE c.entity IN ('district', 'small_area', 'building');
SELECT census_add_to_report_days(array_agg(r)) FROM report_change r;

CREATE TRIGGER change_log_report_effect AFTER INSERT ON change_log REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION census_record_report_effect();
