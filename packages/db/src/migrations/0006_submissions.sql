-- Submissions: referencing requests and error reports sent by actors or anyone, without an
-- account. They wait in a queue until a curator accepts (all or part of) or rejects them; the
-- submitter's name and e-mail are kept only to tell them the decision.

CREATE TABLE submissions (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL CHECK (kind IN ('referencement','correction')),
  status          TEXT    NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle','acceptee','rejetee')),
  -- the entry to correct, or the one created when a referencing request is accepted
  actor_id        INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  title           TEXT    NOT NULL,           -- the proposed name, or the corrected entry's name
  proposal        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(proposal)), -- input-form fields proposed
  message         TEXT,                       -- free text from the submitter
  -- the départements the submission concerns (JSON array), so a relais sees only theirs;
  -- empty for a national actor
  departements    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements)),
  submitter_name  TEXT    NOT NULL,
  submitter_email TEXT    NOT NULL,
  consent_at      TEXT    NOT NULL,
  decided_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_by_label TEXT,
  decided_at      TEXT,
  decision_reason TEXT,
  accepted_fields TEXT    CHECK (accepted_fields IS NULL OR json_valid(accepted_fields)),
  revision_id     INTEGER REFERENCES revisions(id),
  created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX submissions_status ON submissions(status, id);
CREATE INDEX submissions_actor ON submissions(actor_id);
