-- Which version of the Markdown renderer made the HTML stored beside each
-- section's Markdown (pitch_drafts, pitch_revision_sections). When the
-- renderer changes (sanitiser rules, heading levels), the server renders
-- the stored sections again at start-up and raises this number.
CREATE TABLE stored_html_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);

INSERT INTO stored_html_version (id, version) VALUES (1, 1);
