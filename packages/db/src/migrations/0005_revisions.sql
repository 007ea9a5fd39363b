-- History: every change to a curated entry (actor, resource, protocol) is a revision holding
-- the full state after the change, so any revision can be shown, compared and restored.

CREATE TABLE revisions (
  id            INTEGER PRIMARY KEY,
  entity        TEXT    NOT NULL CHECK (entity IN ('actor','resource','protocol')),
  entity_id     INTEGER NOT NULL,
  action        TEXT    NOT NULL CHECK (action IN ('create','update','archive','restore','revert','import','verify')),
  snapshot      TEXT    NOT NULL CHECK (json_valid(snapshot)), -- the entry's input form after the change
  changes       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(changes)), -- [{path, before, after}]
  author_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author_label  TEXT,            -- kept when the account is gone: "seed", "import", a name
  submission_id INTEGER,         -- the submission this change came from, if any
  import_id     TEXT,            -- the import batch, if any
  reverted_to   INTEGER REFERENCES revisions(id),
  note          TEXT,
  created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX revisions_entity ON revisions(entity, entity_id, id);
CREATE INDEX revisions_import ON revisions(import_id) WHERE import_id IS NOT NULL;
