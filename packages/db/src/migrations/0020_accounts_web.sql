-- pare:rebuild
-- Accounts managed from the web (issue 17, items 6 and 7):
-- 1. `secure_links` gains the purpose `password`: the single-use link mailed to choose a password
--    (new account, or a reset by an administrator), tied to its account. SQLite cannot alter a
--    CHECK, so the table is rebuilt (foreign keys off while it runs, checked before commit).
-- 2. `sessions` gain a public id (to list and revoke them without showing the token's hash) and
--    the browser that opened them.
-- 3. `account_requests`: professionals asking for an account, the administrators' queue.

CREATE TABLE secure_links_new (
  id                 INTEGER PRIMARY KEY,
  purpose            TEXT    NOT NULL CHECK (purpose IN ('answer','update','password')),
  token_hash         TEXT    NOT NULL UNIQUE,
  contact_request_id INTEGER REFERENCES contact_requests(id) ON DELETE CASCADE,
  campaign_entry_id  INTEGER REFERENCES campaign_entries(id) ON DELETE CASCADE,
  user_id            INTEGER REFERENCES users(id) ON DELETE CASCADE,
  created_at         TEXT    NOT NULL,
  expires_at         TEXT    NOT NULL,
  revoked_at         TEXT,
  CHECK ((purpose = 'answer' AND contact_request_id IS NOT NULL AND campaign_entry_id IS NULL AND user_id IS NULL)
      OR (purpose = 'update' AND campaign_entry_id IS NOT NULL AND contact_request_id IS NULL AND user_id IS NULL)
      OR (purpose = 'password' AND user_id IS NOT NULL AND contact_request_id IS NULL AND campaign_entry_id IS NULL))
);
INSERT INTO secure_links_new (id, purpose, token_hash, contact_request_id, campaign_entry_id, user_id, created_at, expires_at, revoked_at)
  SELECT id, purpose, token_hash, contact_request_id, campaign_entry_id, NULL, created_at, expires_at, revoked_at FROM secure_links;
DROP TABLE secure_links;
ALTER TABLE secure_links_new RENAME TO secure_links;
CREATE INDEX secure_links_request ON secure_links(contact_request_id);
CREATE INDEX secure_links_entry ON secure_links(campaign_entry_id);
CREATE INDEX secure_links_user ON secure_links(user_id);
CREATE INDEX secure_links_expiry ON secure_links(expires_at);

ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
UPDATE sessions SET id = lower(hex(randomblob(12))) WHERE id IS NULL;
CREATE UNIQUE INDEX sessions_id ON sessions(id);

CREATE TABLE account_requests (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  organisation  TEXT    NOT NULL,
  function      TEXT    NOT NULL,
  email         TEXT    NOT NULL COLLATE NOCASE,
  departements  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements)),
  message       TEXT,
  status        TEXT    NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle','acceptee','refusee')),
  created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  handled_at    TEXT,
  handled_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX account_requests_status ON account_requests(status, created_at);
