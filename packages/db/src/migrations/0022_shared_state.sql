-- What several server processes on one database file share (PARE_WORKERS, docs/SCALING.md).

-- The directory version: bumped once per transaction that writes an actor, its publics, actions,
-- territories, sites or contacts (temporary triggers of every connection opened by
-- `openDatabase`, see directory-writes.ts). Every process drops what it keeps in memory (public
-- answers, search index, map, summaries) when another one moved it.
CREATE TABLE directory_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO directory_version (id, n) VALUES (1, 0);

-- Work that one process alone may do (the outbox worker and the periodic jobs: `background`):
-- the holder renews its lease; when it stops renewing (its process died), another takes it over
-- once `expires_at` (epoch ms) is past.
CREATE TABLE leases (
  name       TEXT    PRIMARY KEY,
  holder     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The per-client rate limits of the public POST routes, counted here so that every process sees
-- the same count: one fixed window per key (`<limit name>:<client address>`), which starts at its
-- first hit and ends at `reset_at` (epoch ms). Windows past their end are deleted now and then.
CREATE TABLE rate_limit_windows (
  key      TEXT    PRIMARY KEY,
  hits     INTEGER NOT NULL,
  reset_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limit_windows_reset ON rate_limit_windows(reset_at);
