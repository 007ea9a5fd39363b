-- Routed contact requests: a person asks to be contacted; the request reaches the actor's referent
-- or the PARÉ team, and the team works it through statuses. Personal data is kept to the minimum
-- and purged after the retention period (PARE_RETENTION_DAYS) with its history and its mails.

CREATE TABLE contact_requests (
  id               INTEGER PRIMARY KEY,
  -- what the person and the team quote: random, not sequential (PARE-XXXXXXXX)
  reference        TEXT    NOT NULL UNIQUE,
  status           TEXT    NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle','transmise','en-cours','cloturee')),
  recipient        TEXT    NOT NULL CHECK (recipient IN ('acteur','equipe-pare')),
  -- the actor the person chose, if any; the request stays when the actor is deleted
  actor_id         INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  name             TEXT    NOT NULL,           -- a name or a pseudonym
  phone            TEXT,
  email            TEXT,
  profile          TEXT    NOT NULL CHECK (profile IN ('jeune','famille','professionnel')),
  commune_code     TEXT    NOT NULL,
  departement_code TEXT    NOT NULL,           -- from the commune: a relais sees its départements' requests
  message          TEXT    NOT NULL DEFAULT '',
  consent_at       TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX contact_requests_created ON contact_requests(created_at);
CREATE INDEX contact_requests_departement ON contact_requests(departement_code, created_at);
CREATE INDEX contact_requests_status ON contact_requests(status, created_at);
CREATE INDEX contact_requests_actor ON contact_requests(actor_id);

-- Every status change: who, when, from, to (from is NULL for the creation).
CREATE TABLE contact_request_history (
  id                 INTEGER PRIMARY KEY,
  contact_request_id INTEGER NOT NULL REFERENCES contact_requests(id) ON DELETE CASCADE,
  from_status        TEXT,
  to_status          TEXT    NOT NULL,
  user_id            INTEGER REFERENCES users(id) ON DELETE SET NULL,
  -- who, readable even after the account is gone: the user's e-mail, or the system's step
  by_label           TEXT    NOT NULL,
  note               TEXT,
  at                 TEXT    NOT NULL
);
CREATE INDEX contact_request_history_request ON contact_request_history(contact_request_id, id);
