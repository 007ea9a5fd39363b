-- pare:rebuild — requests followed to the end (answer links, reminders, escalation) and entries
-- kept alive by their actors (freshness campaigns). contact_requests is rebuilt for its two new
-- statuses: `a-reorienter` (the structure cannot take it) and `sans-reponse` (no answer in time).

CREATE TABLE contact_requests_new (
  id               INTEGER PRIMARY KEY,
  reference        TEXT    NOT NULL UNIQUE,
  status           TEXT    NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle','transmise','en-cours','cloturee','a-reorienter','sans-reponse')),
  recipient        TEXT    NOT NULL CHECK (recipient IN ('acteur','equipe-pare')),
  actor_id         INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  name             TEXT    NOT NULL,
  phone            TEXT,
  email            TEXT,
  profile          TEXT    NOT NULL CHECK (profile IN ('jeune','famille','professionnel')),
  commune_code     TEXT    NOT NULL,
  departement_code TEXT    NOT NULL,
  message          TEXT    NOT NULL DEFAULT '',
  consent_at       TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  -- when the request was handed to a structure's referent (its answer link's clock starts here)
  routed_at        TEXT,
  -- the referent's first answer through the link; no reminder nor escalation after it
  answered_at      TEXT,
  reminder_sent_at TEXT,
  escalated_at     TEXT,
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
INSERT INTO contact_requests_new (id, reference, status, recipient, actor_id, name, phone, email, profile, commune_code,
  departement_code, message, consent_at, created_at, updated_at, routed_at)
  SELECT id, reference, status, recipient, actor_id, name, phone, email, profile, commune_code, departement_code, message,
    consent_at, created_at, updated_at, CASE WHEN recipient = 'acteur' THEN created_at END FROM contact_requests;
DROP TABLE contact_requests;
ALTER TABLE contact_requests_new RENAME TO contact_requests;
CREATE INDEX contact_requests_created ON contact_requests(created_at);
CREATE INDEX contact_requests_departement ON contact_requests(departement_code, created_at);
CREATE INDEX contact_requests_status ON contact_requests(status, created_at);
CREATE INDEX contact_requests_actor ON contact_requests(actor_id);
-- The follow-up job's scan: routed, unanswered, still open.
CREATE INDEX contact_requests_waiting ON contact_requests(routed_at) WHERE answered_at IS NULL AND routed_at IS NOT NULL;

-- The history keeps every status, the new ones included.
CREATE TABLE contact_request_history_new (
  id                 INTEGER PRIMARY KEY,
  contact_request_id INTEGER NOT NULL REFERENCES contact_requests(id) ON DELETE CASCADE,
  from_status        TEXT,
  to_status          TEXT    NOT NULL,
  user_id            INTEGER REFERENCES users(id) ON DELETE SET NULL,
  by_label           TEXT    NOT NULL,
  note               TEXT,
  at                 TEXT    NOT NULL
);
INSERT INTO contact_request_history_new SELECT * FROM contact_request_history;
DROP TABLE contact_request_history;
ALTER TABLE contact_request_history_new RENAME TO contact_request_history;
CREATE INDEX contact_request_history_request ON contact_request_history(contact_request_id, id);

-- Freshness campaigns: a curator (or a relais for its départements) asks the referents of chosen
-- entries to confirm or correct them through a link.
CREATE TABLE campaigns (
  id               INTEGER PRIMARY KEY,
  title            TEXT    NOT NULL,
  selection        TEXT    NOT NULL CHECK (json_valid(selection)), -- what was chosen, for the record
  created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_by_label TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  reminder_sent_at TEXT
);
CREATE INDEX campaigns_created ON campaigns(created_at);

CREATE TABLE campaign_entries (
  id            INTEGER PRIMARY KEY,
  campaign_id   INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  -- the referent's address at launch; NULL: the entry has none (listed apart, nothing sent)
  recipient     TEXT,
  departements  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements)), -- the entry's reach at launch
  sent_at       TEXT,
  opened_at     TEXT,
  confirmed_at  TEXT,
  corrected_at  TEXT,
  submission_id INTEGER REFERENCES submissions(id) ON DELETE SET NULL,
  reminded_at   TEXT,
  UNIQUE (campaign_id, actor_id)
);
CREATE INDEX campaign_entries_actor ON campaign_entries(actor_id);

-- Links sent by mail that act without an account. Only the SHA-256 of the token is kept; each link
-- has one purpose, an expiry, and is revoked when its task is over.
CREATE TABLE secure_links (
  id                 INTEGER PRIMARY KEY,
  purpose            TEXT    NOT NULL CHECK (purpose IN ('answer','update')),
  token_hash         TEXT    NOT NULL UNIQUE,
  contact_request_id INTEGER REFERENCES contact_requests(id) ON DELETE CASCADE,
  campaign_entry_id  INTEGER REFERENCES campaign_entries(id) ON DELETE CASCADE,
  created_at         TEXT    NOT NULL,
  expires_at         TEXT    NOT NULL,
  revoked_at         TEXT,
  CHECK ((purpose = 'answer' AND contact_request_id IS NOT NULL AND campaign_entry_id IS NULL)
      OR (purpose = 'update' AND campaign_entry_id IS NOT NULL AND contact_request_id IS NULL))
);
CREATE INDEX secure_links_request ON secure_links(contact_request_id);
CREATE INDEX secure_links_entry ON secure_links(campaign_entry_id);
CREATE INDEX secure_links_expiry ON secure_links(expires_at);

-- When each periodic job last ran (reminders, escalation, purges, digests): `jobs:run` and the
-- server's timer share it, so a job due once is done once.
CREATE TABLE job_runs (
  name        TEXT PRIMARY KEY,
  last_run_at TEXT NOT NULL,
  result      TEXT
);
