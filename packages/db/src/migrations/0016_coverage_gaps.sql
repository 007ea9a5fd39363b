-- Issue 19: when each coverage gap of a département opened and closed, so the quarterly report can
-- say which gaps were opened and closed in the quarter. One row per episode; closed_at is NULL
-- while the gap is open. Recorded when the coverage is rebuilt (services/stats.ts).
CREATE TABLE coverage_gaps (
  id          INTEGER PRIMARY KEY,
  departement TEXT    NOT NULL,
  code        TEXT    NOT NULL,
  opened_at   TEXT    NOT NULL,
  closed_at   TEXT
);
CREATE UNIQUE INDEX coverage_gaps_open ON coverage_gaps(departement, code) WHERE closed_at IS NULL;
CREATE INDEX coverage_gaps_opened ON coverage_gaps(opened_at);
CREATE INDEX coverage_gaps_closed ON coverage_gaps(closed_at);
