-- The directory: actors, what they do, where, and how to reach them.
-- Code lists mirror @pare/schema (codes.ts); a test keeps the two equal.

CREATE TABLE actors (
  id                       INTEGER PRIMARY KEY,
  slug                     TEXT    NOT NULL UNIQUE,
  name                     TEXT    NOT NULL,
  name_sort                TEXT    NOT NULL, -- name without accents or case: SQLite has no French collation
  type                     TEXT    NOT NULL CHECK (type IN ('association','service-departemental','service-etat','sante','maison-ados','ligne-ecoute','reseau','forces-ordre')),
  description              TEXT    NOT NULL DEFAULT '',
  territory_scope          TEXT    NOT NULL CHECK (territory_scope IN ('national','regions','departements','communes')),
  languages                TEXT    NOT NULL DEFAULT '["fr"]' CHECK (json_valid(languages)),
  accepts_contact_requests INTEGER NOT NULL DEFAULT 0 CHECK (accepts_contact_requests IN (0,1)),
  referent_email           TEXT,   -- never public: routed contact requests only
  siret                    TEXT,
  source_url               TEXT,
  last_verified_at         TEXT,
  verified_by              TEXT,
  status                   TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published','archived')),
  generated                INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0,1)), -- synthetic data for tests/benchmarks
  created_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX actors_status_name ON actors(status, name_sort);
CREATE INDEX actors_scope ON actors(territory_scope) WHERE status = 'published';

CREATE TABLE actor_publics (
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  public   TEXT    NOT NULL CHECK (public IN ('jeunes','familles','professionnels')),
  PRIMARY KEY (actor_id, public)
) WITHOUT ROWID;
CREATE INDEX actor_publics_public ON actor_publics(public, actor_id);

CREATE TABLE actor_actions (
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  action   TEXT    NOT NULL CHECK (action IN ('prevention','reperage','ecoute','accompagnement','soin','hebergement','juridique','soutien-familles','formation','signalement','coordination')),
  PRIMARY KEY (actor_id, action)
) WITHOUT ROWID;
CREATE INDEX actor_actions_action ON actor_actions(action, actor_id);

-- Territory covered, by official INSEE codes. A national actor has no row here.
CREATE TABLE actor_territories (
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL CHECK (kind IN ('region','departement','commune')),
  code     TEXT    NOT NULL,
  -- the département (or, for a région, NULL) the code belongs to, so a département search is one index lookup
  departement TEXT,
  PRIMARY KEY (actor_id, kind, code)
) WITHOUT ROWID;
CREATE INDEX actor_territories_code ON actor_territories(kind, code);
CREATE INDEX actor_territories_dep ON actor_territories(departement);

CREATE TABLE sites (
  id               INTEGER PRIMARY KEY,
  actor_id         INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position         INTEGER NOT NULL DEFAULT 0,
  label            TEXT,
  address          TEXT,
  postcode         TEXT,
  commune_code     TEXT,
  departement_code TEXT,
  lat              REAL    NOT NULL,
  lng              REAL    NOT NULL,
  precision        TEXT    NOT NULL CHECK (precision IN ('address','commune','postcode','departement')),
  -- what the public may see: the exact point for an ordinary site, the commune's centre for a
  -- confidential one. Distances and map pins use these, so a confidential site cannot be
  -- located by trilateration either.
  public_lat       REAL    NOT NULL,
  public_lng       REAL    NOT NULL,
  confidential     INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0,1)),
  opening_hours    TEXT,
  accessibility    TEXT
);
CREATE INDEX sites_actor ON sites(actor_id);
CREATE INDEX sites_departement ON sites(departement_code, actor_id);

-- Spatial index over the public coordinates (radius search, map viewport).
CREATE VIRTUAL TABLE sites_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  site_id    INTEGER REFERENCES sites(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL DEFAULT 0,
  kind       TEXT    NOT NULL CHECK (kind IN ('phone','sms','email','website','chat')),
  value      TEXT    NOT NULL,
  label      TEXT,
  visibility TEXT    NOT NULL DEFAULT 'public' CHECK (visibility IN ('public','professionnels'))
);
CREATE INDEX contacts_actor ON contacts(actor_id);

-- Full text in French: accents and case folded, prefix queries from two characters.
-- One row per actor (rowid = actors.id), rebuilt by the repository on every write.
CREATE VIRTUAL TABLE actors_fts USING fts5(
  name, description, actions, places,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
