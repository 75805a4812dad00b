-- Accounts (SQLite): angel clubs, investor verification, company members,
-- the audit log and rate-limit counters. Mirrors ../postgres/0003_accounts.sql.

CREATE TABLE clubs (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    -- Trimmed and lower-cased, so "한강 엔젤" and " 한강 엔젤 " are one club.
    name_key     TEXT    NOT NULL UNIQUE,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    reviewed_at  TEXT
);

-- Investors start 'pending' until an admin verifies them; other roles are
-- 'none'.
ALTER TABLE users ADD COLUMN verification TEXT NOT NULL DEFAULT 'none'
    CHECK (verification IN ('none', 'pending', 'verified', 'rejected'));
ALTER TABLE users ADD COLUMN club_id INTEGER REFERENCES clubs (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

CREATE INDEX users_role ON users (role, verification);
CREATE INDEX users_club ON users (club_id);

CREATE TABLE company_members (
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('owner', 'member')),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (company_id, user_id)
);

CREATE INDEX company_members_user ON company_members (user_id);

-- Who did what to which object, when and from where. Append-only: the
-- application never updates or deletes these rows.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    actor_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The actor's e-mail at the time, kept if the account is later removed;
    -- 'system' for the command line.
    actor_label  TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    object_type  TEXT    NOT NULL,
    object_id    TEXT    NOT NULL,
    detail       TEXT    NOT NULL DEFAULT '',
    ip           TEXT,
    created_at   TEXT    NOT NULL
);

CREATE INDEX audit_events_created ON audit_events (created_at);

-- Fixed-window counters for rate limits, shared by every app process.
CREATE TABLE rate_limit_hits (
    bucket        TEXT    NOT NULL,
    window_start  INTEGER NOT NULL,  -- unix seconds
    hits          INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
