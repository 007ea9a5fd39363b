-- The resource centre (guides, legal texts, studies, protocols…) and the territorial protocols
-- (conventions, follow-up committees, commissions). Code lists mirror @pare/schema
-- (resources.ts); a test keeps the two equal.

CREATE TABLE resources (
  id              INTEGER PRIMARY KEY,
  slug            TEXT    NOT NULL UNIQUE,
  title           TEXT    NOT NULL,
  title_sort      TEXT    NOT NULL, -- title without accents or case
  summary         TEXT    NOT NULL DEFAULT '',
  resource_type   TEXT    NOT NULL CHECK (resource_type IN ('guide','fiche','outil-prevention','video','formation','texte-juridique','etude','bonne-pratique','protocole-territorial')),
  resource_scope  TEXT    NOT NULL CHECK (resource_scope IN ('national','regions','departements')),
  published_on    TEXT,   -- AAAA-MM-JJ: publication, signature or adoption
  reference       TEXT,   -- official reference (law number, code article)
  url             TEXT,   -- https link to the resource
  source_url      TEXT,   -- where the facts were checked
  -- An uploaded file: stored under a random name (file_key) in the uploads directory, outside
  -- the web root; file_type is the type detected from the bytes, never the declared one.
  file_key        TEXT    UNIQUE CHECK (file_key IS NULL OR file_key GLOB '[0-9a-f]*'),
  file_name       TEXT,
  file_type       TEXT,
  file_size       INTEGER,
  status          TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published','archived')),
  created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (url IS NULL OR file_key IS NULL), -- a link or a file, not both
  CHECK ((file_key IS NULL) = (file_name IS NULL) AND (file_key IS NULL) = (file_type IS NULL) AND (file_key IS NULL) = (file_size IS NULL))
);
CREATE INDEX resources_status ON resources(status, published_on);

CREATE TABLE resource_publics (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  resource_public TEXT NOT NULL CHECK (resource_public IN ('jeunes','familles','professionnels')),
  PRIMARY KEY (resource_id, resource_public)
) WITHOUT ROWID;

CREATE TABLE resource_themes (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  theme       TEXT    NOT NULL CHECK (theme IN ('prevention','reperage','ecoute','accompagnement','soin','hebergement','juridique','soutien-familles','formation','signalement','coordination','cadre-juridique','information-partagee','chiffres')),
  PRIMARY KEY (resource_id, theme)
) WITHOUT ROWID;
CREATE INDEX resource_themes_theme ON resource_themes(theme, resource_id);

-- Territory by INSEE codes; a national resource has no row here.
CREATE TABLE resource_territories (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('region','departement')),
  code        TEXT    NOT NULL,
  PRIMARY KEY (resource_id, kind, code)
) WITHOUT ROWID;
CREATE INDEX resource_territories_code ON resource_territories(kind, code);

-- The actors that produced a resource, in the order given.
CREATE TABLE resource_producers (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  actor_id    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (resource_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX resource_producers_actor ON resource_producers(actor_id);

-- Full text over title, summary and reference: accents and case folded, prefixes.
CREATE VIRTUAL TABLE resources_fts USING fts5(
  title, summary, reference,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);

CREATE TABLE protocols (
  id          INTEGER PRIMARY KEY,
  slug        TEXT    NOT NULL UNIQUE,
  protocol_kind TEXT  NOT NULL CHECK (protocol_kind IN ('convention','comite-de-suivi','commission','other')),
  title       TEXT    NOT NULL,
  summary     TEXT    NOT NULL DEFAULT '',
  signed_on   TEXT,   -- signature (convention) or creation date
  frequency   TEXT    CHECK (frequency IS NULL OR frequency IN ('mensuel','bimestriel','trimestriel','semestriel','annuel','ponctuel')),
  parent_id   INTEGER REFERENCES protocols(id) ON DELETE SET NULL, -- the convention that created a committee
  source_url  TEXT,
  status      TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published','archived')),
  created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE protocol_departements (
  protocol_id INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  departement TEXT    NOT NULL,
  PRIMARY KEY (protocol_id, departement)
) WITHOUT ROWID;
CREATE INDEX protocol_departements_code ON protocol_departements(departement, protocol_id);

CREATE TABLE protocol_members (
  protocol_id INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  actor_id    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  member_role TEXT    NOT NULL CHECK (member_role IN ('signataire','pilote','membre','invite')),
  note        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (protocol_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX protocol_members_actor ON protocol_members(actor_id);

-- Dates of meetings with a short public summary (never the situation of a named minor).
CREATE TABLE protocol_meetings (
  id          INTEGER PRIMARY KEY,
  protocol_id INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  held_on     TEXT    NOT NULL,
  summary     TEXT    NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX protocol_meetings_protocol ON protocol_meetings(protocol_id, held_on);

CREATE TABLE protocol_resources (
  protocol_id INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (protocol_id, resource_id)
) WITHOUT ROWID;
