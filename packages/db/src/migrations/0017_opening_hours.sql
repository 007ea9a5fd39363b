-- Opening hours that can be read by a program (issue 20): a site's `opening_hours` now holds the
-- OpenStreetMap syntax (checked by the `opening_hours` library on every write); a contact (a phone
-- line) can carry its own hours; a site lists its temporary closures and changes.
-- Free text written before this migration that the library cannot read is moved to the site's
-- `accessibility` notes by a step in JavaScript run with this migration (database.ts, MIGRATION_STEPS).
ALTER TABLE contacts ADD COLUMN opening_hours TEXT;
ALTER TABLE sites ADD COLUMN temporary_closures TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(temporary_closures));
