-- Deleting a site (every save of an actor rewrites its sites) made SQLite look through the whole
-- contacts table for contacts attached to it (the foreign key `contacts.site_id` had no index):
-- 25 ms a save at 100,000 actors, most of a save's time. With the index, a lookup.
CREATE INDEX contacts_site ON contacts(site_id);
