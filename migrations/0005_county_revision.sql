-- A county's revision: a counter raised (by one per statement that records changes) in the same
-- transaction as every recorded change of the county. What is derived from a whole county and costs seconds to
-- compute (the per-township topology summary) is stored with the revision it was computed at and
-- served again while the revision is the same; the vector tiles carry it as their ETag.
--
-- Why not change_log's largest id: ids are taken when a row is inserted, but transactions commit in
-- any order. A writer that took id 9 and is still running while another commits id 10 lets a reader
-- see "10" without change 9; once 9 commits the largest id is still 10, and whatever was computed
-- at "10" would be served as current for ever without it. The revision is one row per county,
-- UPDATEd (revision + 1) by every writing transaction: its row lock makes a second writer of the
-- county wait until the first commits or rolls back, so revisions commit in their own order, and a
-- snapshot that reads revision N has seen every change up to N and none after it.
--
-- The price: writers of one county queue from their first recorded change to their commit (the
-- rest of one save: the district's buildings re-derived, its findings read back). The report's
-- report_day rows already queued writers of a township for the same span.
CREATE TABLE county_revision (
  county_code text NOT NULL,
  revision    bigint NOT NULL,
  PRIMARY KEY (county_code)
);

-- Once per statement that recorded changes, once per county it touched (ordered, so two writers
-- of several counties lock them in the same order). Named so that it fires before
-- change_log_report_effect: every writer takes the county's row before any report_day row.
CREATE FUNCTION census_bump_county_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO county_revision AS r (county_code, revision)
  SELECT DISTINCT county_code, 1 FROM new_rows ORDER BY county_code
  ON CONFLICT (county_code) DO UPDATE SET revision = r.revision + 1;
  RETURN NULL;
END $$;

INSERT INTO county_revision (county_code, revision) SELECT county_code, 1 FROM county;

CREATE TRIGGER change_log_county_revision AFTER INSERT ON change_log REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION census_bump_county_revision();

-- The per-township topology summary of a county (GET /api/topology/summary) as computed at a
-- revision. A table rather than memory in the server process: it survives a restart and is shared
-- by every server process of the installation.
CREATE TABLE topology_summary (
  county_code text NOT NULL,
  revision    bigint NOT NULL,
  townships   json NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code)
);
