-- Performance (docs/PERFORMANCE.md): a version number of the searchable directory, bumped by
-- every change to what a search reads, whichever code or connection makes it. The search keeps
-- its in-memory index and its caches while the number stays the same, and drops them as soon as
-- it moves: one read of one row tells whether a cached answer is still true.

CREATE TABLE directory_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);

CREATE TRIGGER directory_version_actors_insert AFTER INSERT ON actors BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_actors_update AFTER UPDATE ON actors BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_actors_delete AFTER DELETE ON actors BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER directory_version_publics_insert AFTER INSERT ON actor_publics BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_publics_update AFTER UPDATE ON actor_publics BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_publics_delete AFTER DELETE ON actor_publics BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER directory_version_actions_insert AFTER INSERT ON actor_actions BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_actions_update AFTER UPDATE ON actor_actions BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_actions_delete AFTER DELETE ON actor_actions BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER directory_version_territories_insert AFTER INSERT ON actor_territories BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_territories_update AFTER UPDATE ON actor_territories BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_territories_delete AFTER DELETE ON actor_territories BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER directory_version_sites_insert AFTER INSERT ON sites BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_sites_update AFTER UPDATE ON sites BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_sites_delete AFTER DELETE ON sites BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;

-- Contacts are not searched, but the repository keeps recently read actors in memory too.
CREATE TRIGGER directory_version_contacts_insert AFTER INSERT ON contacts BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_contacts_update AFTER UPDATE ON contacts BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER directory_version_contacts_delete AFTER DELETE ON contacts BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END;
