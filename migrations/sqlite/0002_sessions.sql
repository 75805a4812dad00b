-- Sign-in sessions (SQLite). Mirrors ../postgres/0002_sessions.sql.
-- The cookie's signed token names a row here; every request checks it, so
-- revoking the row ends the session at once.
CREATE TABLE sessions (
    id            TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT    NOT NULL,
    last_seen_at  TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL,
    revoked_at    TEXT,
    ip            TEXT,
    user_agent    TEXT
);

CREATE INDEX sessions_user ON sessions (user_id);
