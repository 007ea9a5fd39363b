-- Which actors each directory write touched, by the value of `directory_version.n` the write's
-- transaction moved it to (directory-writes.ts): another process that finds the counter moved
-- reads here which actors changed and patches its search index, views and caches for them
-- alone, instead of rebuilding everything. Written by the temporary triggers of every connection
-- opened by `openDatabase`; a transaction touching more actors than a process would replay one by
-- one records `actor_id = -1` (« too many: rebuild ») instead of the rest. Only the last 1,000
-- transactions are kept: a process that lagged further behind rebuilds.
CREATE TABLE directory_changes (
  n        INTEGER NOT NULL,
  actor_id INTEGER NOT NULL,
  PRIMARY KEY (n, actor_id)
) WITHOUT ROWID;
