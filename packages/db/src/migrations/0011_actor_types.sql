-- pare:rebuild — two actor types: emergency numbers (17, 112, 114, 115) are no longer filed as
-- a State service or the police, and foundations are no longer filed as associations.
-- SQLite cannot change a CHECK in place: the table is rebuilt with the same columns and rows.

CREATE TABLE actors_new (
  id                       INTEGER PRIMARY KEY,
  slug                     TEXT    NOT NULL UNIQUE,
  name                     TEXT    NOT NULL,
  name_sort                TEXT    NOT NULL,
  type                     TEXT    NOT NULL CHECK (type IN ('association','service-departemental','service-etat','sante','maison-ados','ligne-ecoute','numero-urgence','reseau','fondation','forces-ordre')),
  description              TEXT    NOT NULL DEFAULT '',
  territory_scope          TEXT    NOT NULL CHECK (territory_scope IN ('national','regions','departements','communes')),
  languages                TEXT    NOT NULL DEFAULT '["fr"]' CHECK (json_valid(languages)),
  accepts_contact_requests INTEGER NOT NULL DEFAULT 0 CHECK (accepts_contact_requests IN (0,1)),
  referent_email           TEXT,
  siret                    TEXT,
  source_url               TEXT,
  last_verified_at         TEXT,
  verified_by              TEXT,
  status                   TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published','archived')),
  generated                INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0,1)),
  created_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at               TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
INSERT INTO actors_new SELECT id, slug, name, name_sort, type, description, territory_scope, languages,
  accepts_contact_requests, referent_email, siret, source_url, last_verified_at, verified_by, status,
  generated, created_at, updated_at FROM actors;
DROP TABLE actors;
ALTER TABLE actors_new RENAME TO actors;
CREATE INDEX actors_status_name ON actors(status, name_sort);
CREATE INDEX actors_scope ON actors(territory_scope) WHERE status = 'published';
CREATE INDEX actors_published_type ON actors(status, type);
CREATE INDEX actors_published_updated ON actors(status, updated_at);
