-- Curator accounts and server-side sessions.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT    NOT NULL, -- argon2id, PHC string
  role          TEXT    NOT NULL CHECK (role IN ('admin','curateur','relais','professionnel-verifie')),
  -- the départements a relais answers for (JSON array of codes); empty for other roles
  departements  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements)),
  display_name  TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of the database
-- does not hand out live sessions.
CREATE TABLE sessions (
  token_hash   TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  last_seen_at TEXT    NOT NULL,
  expires_at   TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Failed sign-ins, to throttle per account and per address. Purged as they age out.
CREATE TABLE login_failures (
  id       INTEGER PRIMARY KEY,
  email    TEXT    NOT NULL COLLATE NOCASE,
  address  TEXT    NOT NULL,
  at       TEXT    NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
