-- The findings of one scope (a township or a district: GET /api/topology?scope=… with the default
-- tolerances) as computed at the county's revision (0005), like the city's summary. The editor
-- checks the township or district it opens; a township takes seconds, and on the embedded database
-- every other request of the page waits while it runs. Served again while the revision holds.
CREATE TABLE topology_findings (
  county_code text NOT NULL,
  scope       text NOT NULL,
  revision    bigint NOT NULL,
  findings    json NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, scope)
);
