-- A township's revision: like the county's (0005), raised in the transaction of every recorded change
-- of the township's own rows (itself, its districts, small areas and buildings: every code starts with
-- the township's nine digits; a county's own changes touch none). A township's or district's findings
-- read only rows of that township (topology/census.sql.ts), so they stay true while its revision
-- holds: stored ones (0006) are served again after an edit in another township, where with the
-- county's revision one clerk's save made every other township's panel check again.
--
-- Commit order: a writer raises these after the county's row (the trigger's name sorts after
-- change_log_county_revision and change_log_report_effect), whose lock it holds until commit, so a
-- county's township revisions also commit in their own order.
CREATE TABLE township_revision (
  county_code   text NOT NULL,
  township_code text NOT NULL,
  revision      bigint NOT NULL,
  PRIMARY KEY (county_code, township_code)
);

CREATE FUNCTION census_bump_township_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO township_revision AS r (county_code, township_code, revision)
  SELECT DISTINCT county_code, left(code, 9), 1 FROM new_rows WHERE entity <> 'county' ORDER BY 1, 2
  ON CONFLICT (county_code, township_code) DO UPDATE SET revision = r.revision + 1;
  RETURN NULL;
END $$;

INSERT INTO township_revision (county_code, township_code, revision) SELECT county_code, code, 1 FROM township;

CREATE TRIGGER change_log_township_revision AFTER INSERT ON change_log REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION census_bump_township_revision();

-- Findings stored before this migration were computed at a county revision: none may pass for a township's.
DELETE FROM topology_findings;
