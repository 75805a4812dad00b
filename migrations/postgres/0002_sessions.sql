-- Sign-in sessions (PostgreSQL). Mirrors ../sqlite/0002_sessions.sql.
-- The cookie's signed token names a row here; every request checks it, so
-- revoking the row ends the session at once.
CREATE TABLE sessions (
    id            TEXT    PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    ip            TEXT,
    user_agent    TEXT
);

CREATE INDEX sessions_user ON sessions (user_id);
