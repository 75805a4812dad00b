-- Venture forums (PostgreSQL): the programme's pitch events, founders'
-- applications to present, and the presenting slots (an accepted
-- application with its place and start time).
-- Mirrors ../sqlite/0015_forums.sql; keep the two in step.

CREATE TABLE forums (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title             TEXT    NOT NULL,
    state             TEXT    NOT NULL DEFAULT 'planning'
        CHECK (state IN ('planning', 'open', 'confirmed', 'held', 'closed')),
    starts_at         TIMESTAMPTZ NOT NULL,
    ends_at           TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    venue             TEXT    NOT NULL,
    -- The cluster the forum focuses on; none: every cluster.
    cluster_id        BIGINT  REFERENCES clusters (id),
    capacity          BIGINT  NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
    description_md    TEXT    NOT NULL,
    -- Rendered and sanitised when saved; only this is put into a page.
    description_html  TEXT    NOT NULL,
    created_by        BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX forums_starts ON forums (starts_at);

-- One application per company and forum. Accepted ones get a slot
-- (position and start) when the admin orders the agenda.
CREATE TABLE forum_applications (
    forum_id        BIGINT  NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    company_id      BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    note            TEXT    NOT NULL,
    applied_by      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    applied_at      TIMESTAMPTZ NOT NULL,
    decided_by      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    decided_at      TIMESTAMPTZ,
    slot_position   BIGINT  CHECK (slot_position IS NULL OR slot_position >= 1),
    slot_starts_at  TIMESTAMPTZ,
    PRIMARY KEY (forum_id, company_id),
    CHECK (slot_position IS NULL OR status = 'accepted')
);
CREATE INDEX forum_applications_company ON forum_applications (company_id);
