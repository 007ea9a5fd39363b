-- Issue 21: the quarterly newsletter. Subscribers confirm by a mailed link (double opt-in);
-- issues are composed from the period's agenda, news and new resources; every send creates one
-- delivery per subscriber (unique), recorded in the transaction that queues its mail, so a send
-- cut by a crash resumes without mailing anyone twice.

-- Mails may carry an HTML part and extra headers (List-Unsubscribe…): both optional.
ALTER TABLE outbox ADD COLUMN html TEXT;
ALTER TABLE outbox ADD COLUMN headers TEXT CHECK (headers IS NULL OR json_valid(headers));

CREATE TABLE newsletter_subscribers (
  id                    INTEGER PRIMARY KEY,
  email                 TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  -- JSON array of département codes; '[]': the national letter only.
  departements          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements) AND json_type(departements) = 'array'),
  status                TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed')),
  -- The confirmation link waiting to be clicked: only its SHA-256, and the choice it will confirm.
  confirm_token_hash    TEXT    UNIQUE,
  confirm_expires_at    TEXT,
  pending_departements  TEXT    CHECK (pending_departements IS NULL OR json_valid(pending_departements)),
  confirm_sent_at       TEXT,
  created_at            TEXT    NOT NULL,
  confirmed_at          TEXT
);
CREATE INDEX newsletter_subscribers_pending ON newsletter_subscribers(status, created_at);

CREATE TABLE newsletter_issues (
  id              INTEGER PRIMARY KEY,
  title           TEXT    NOT NULL,
  period_from     TEXT    NOT NULL,   -- AAAA-MM-JJ, included
  period_to       TEXT    NOT NULL,   -- AAAA-MM-JJ, included
  departement     TEXT,               -- NULL: the national edition
  intro_md        TEXT    NOT NULL DEFAULT '',
  -- The chosen items in their order, each a snapshot of what the letter shows (JSON array).
  items           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(items) AND json_type(items) = 'array'),
  status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sending','sent')),
  queued_count    INTEGER NOT NULL DEFAULT 0,
  created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  send_started_at TEXT,
  sent_at         TEXT,
  CHECK (period_to >= period_from)
);

CREATE TABLE newsletter_deliveries (
  id                     INTEGER PRIMARY KEY,
  issue_id               INTEGER NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
  subscriber_id          INTEGER NOT NULL REFERENCES newsletter_subscribers(id) ON DELETE CASCADE,
  state                  TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','queued')),
  -- The SHA-256 of the unsubscribe token written into this subscriber's letter.
  unsubscribe_token_hash TEXT    UNIQUE,
  outbox_id              INTEGER,
  queued_at              TEXT,
  UNIQUE (issue_id, subscriber_id)
);
CREATE INDEX newsletter_deliveries_pending ON newsletter_deliveries(issue_id, state, id);
CREATE INDEX newsletter_deliveries_subscriber ON newsletter_deliveries(subscriber_id);
