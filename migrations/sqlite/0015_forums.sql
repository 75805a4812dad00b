-- Venture forums (SQLite): the programme's pitch events, founders'
-- applications to present, and the presenting slots (an accepted
-- application with its place and start time).
-- Mirrors ../postgres/0015_forums.sql; keep the two in step.

CREATE TABLE forums (
    id                INTEGER PRIMARY KEY,
    title             TEXT    NOT NULL,
    state             TEXT    NOT NULL DEFAULT 'planning'
        CHECK (state IN ('planning', 'open', 'confirmed', 'held', 'closed')),
    starts_at         TEXT    NOT NULL,
    ends_at           TEXT    NOT NULL CHECK (ends_at > starts_at),
    venue             TEXT    NOT NULL,
    -- The cluster the forum focuses on; none: every cluster.
    cluster_id        INTEGER REFERENCES clusters (id),
    capacity          INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
    description_md    TEXT    NOT NULL,
    -- Rendered and sanitised when saved; only this is put into a page.
    description_html  TEXT    NOT NULL,
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX forums_starts ON forums (starts_at);

-- One application per company and forum. Accepted ones get a slot
-- (position and start) when the admin orders the agenda.
CREATE TABLE forum_applications (
    forum_id        INTEGER NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    note            TEXT    NOT NULL,
    applied_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    applied_at      TEXT    NOT NULL,
    decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at      TEXT,
    slot_position   INTEGER CHECK (slot_position IS NULL OR slot_position >= 1),
    slot_starts_at  TEXT,
    PRIMARY KEY (forum_id, company_id),
    CHECK (slot_position IS NULL OR status = 'accepted')
);
CREATE INDEX forum_applications_company ON forum_applications (company_id);
