-- Uploaded files that every app process must serve (company logos), kept
-- in the database rather than on one process's disk. The key is the
-- SHA-256 of the bytes, so the same file is stored once and its URL
-- (/media/logos/<hash>.<ext>) never changes meaning: browsers may keep it
-- for good.
CREATE TABLE stored_files (
    sha256        TEXT        PRIMARY KEY CHECK (length(sha256) = 64),
    content_type  TEXT        NOT NULL,
    size_bytes    INTEGER     NOT NULL,
    bytes         BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
