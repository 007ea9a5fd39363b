-- Every mail the app sends goes through this table first: nothing is lost when the SMTP relay
-- is down or not configured, failures are retried with back-off and visible to curators.

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,           -- e.g. contact-request, submission-decision, freshness-digest
  recipient       TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  body            TEXT    NOT NULL,           -- plain French text, minimum personal data
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,                       -- the SMTP error, never the message body
  next_attempt_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  sent_at         TEXT,
  -- what the mail is about (for purging with it): 'contact_request:12', 'submission:4'…
  subject_ref     TEXT,
  created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_ref ON outbox(subject_ref);
