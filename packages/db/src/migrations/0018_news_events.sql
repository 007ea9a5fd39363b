-- Issue 21: the network's life — news (actualités) and agenda (événements), curated here so one
-- source feeds the site, the RSS/Atom/iCalendar feeds and the newsletter.
-- body_html is the Markdown rendered and sanitised at save (apps/api/src/services/markdown.ts);
-- it is what every reader (page, feed, letter) shows, never body_md.
-- departements: JSON array of INSEE codes; '[]' means national. audiences: JSON array of publics.
-- Instants (published_at, starts_at, ends_at) are ISO 8601 UTC; entered and shown in Europe/Paris.

CREATE TABLE news (
  id            INTEGER PRIMARY KEY,
  slug          TEXT    NOT NULL UNIQUE,
  title         TEXT    NOT NULL,
  summary       TEXT    NOT NULL DEFAULT '',
  body_md       TEXT    NOT NULL DEFAULT '',
  body_html     TEXT    NOT NULL DEFAULT '',
  -- An uploaded image, stored under a random name in the uploads directory (as resource files);
  -- image_type is the type detected from the bytes.
  image_path    TEXT    CHECK (image_path IS NULL OR image_path GLOB '[0-9a-f]*'),
  image_type    TEXT,
  image_alt     TEXT    NOT NULL DEFAULT '',
  status        TEXT    NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon','publie','archive')),
  published_at  TEXT,
  departements  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements) AND json_type(departements) = 'array'),
  audiences     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(audiences) AND json_type(audiences) = 'array'),
  created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (status <> 'publie' OR published_at IS NOT NULL)
);
CREATE INDEX news_published ON news(status, published_at);

CREATE TABLE news_actors (
  news_id   INTEGER NOT NULL REFERENCES news(id) ON DELETE CASCADE,
  actor_id  INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (news_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX news_actors_actor ON news_actors(actor_id);

CREATE TABLE news_resources (
  news_id     INTEGER NOT NULL REFERENCES news(id) ON DELETE CASCADE,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (news_id, resource_id)
) WITHOUT ROWID;
CREATE INDEX news_resources_resource ON news_resources(resource_id);

CREATE TABLE events (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT    NOT NULL UNIQUE,
  title              TEXT    NOT NULL,
  summary            TEXT    NOT NULL DEFAULT '',
  body_md            TEXT    NOT NULL DEFAULT '',
  body_html          TEXT    NOT NULL DEFAULT '',
  kind               TEXT    NOT NULL CHECK (kind IN ('webinaire','formation','rencontre','autre')),
  starts_at          TEXT    NOT NULL,
  ends_at            TEXT    NOT NULL,
  commune_code       TEXT,
  place_name         TEXT,   -- the venue as said to the public ("Hôtel du Département"), optional
  online_url         TEXT,
  organiser_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  registration_url   TEXT,
  replay_url         TEXT,
  departements       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(departements) AND json_type(departements) = 'array'),
  audiences          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(audiences) AND json_type(audiences) = 'array'),
  status             TEXT    NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon','publie','archive')),
  published_at       TEXT,
  created_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (ends_at >= starts_at),
  CHECK (status <> 'publie' OR published_at IS NOT NULL)
);
CREATE INDEX events_published ON events(status, starts_at);

-- History of news and events, as `revisions` does for actors (whose entity CHECK cannot take
-- new kinds without rebuilding it): the full input form after each change, so any revision can
-- be shown and restored.
CREATE TABLE news_revisions (
  id            INTEGER PRIMARY KEY,
  entity        TEXT    NOT NULL CHECK (entity IN ('news','event')),
  entity_id     INTEGER NOT NULL,
  action        TEXT    NOT NULL CHECK (action IN ('create','update','publish','archive','unpublish','revert')),
  snapshot      TEXT    NOT NULL CHECK (json_valid(snapshot)),
  changes       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(changes)),
  author_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author_label  TEXT,
  reverted_to   INTEGER REFERENCES news_revisions(id),
  created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX news_revisions_entity ON news_revisions(entity, entity_id, id);
