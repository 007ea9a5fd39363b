-- What the person said with their request, so the team inbox can put the urgent ones first: the
-- orientation's urgency (danger-immediat, inquietude, information) and needs (action codes), and
-- the flag derived from them when the request is made (a young person in danger, or asking for a
-- place to sleep). NULL / '[]' for requests made before, or without the orientation questions.
ALTER TABLE contact_requests ADD COLUMN urgency TEXT CHECK (urgency IS NULL OR urgency IN ('danger-immediat','inquietude','information'));
ALTER TABLE contact_requests ADD COLUMN needs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(needs));
ALTER TABLE contact_requests ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
-- The inbox's order: urgent and open first, then back with the team, then the newest.
CREATE INDEX contact_requests_urgent ON contact_requests(urgent, created_at) WHERE urgent = 1;
