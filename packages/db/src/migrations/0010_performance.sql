-- Performance (docs/PERFORMANCE.md). The search keeps an in-memory index of every published
-- actor and reads it from indexes only; these two were missing: ids by type, and ids in update
-- order (name order and territory scope have theirs since 0001).
CREATE INDEX actors_published_type ON actors(status, type);
CREATE INDEX actors_published_updated ON actors(status, updated_at);
