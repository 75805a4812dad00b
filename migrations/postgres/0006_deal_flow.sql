-- Deal flow (PostgreSQL): follows, the interest ladder with its history,
-- meeting requests, club notes, notifications and the feed's read mark.
-- Mirrors ../sqlite/0006_deal_flow.sql; keep the two in step.

-- Days without a change after which a club's pipeline marks a card stale.
ALTER TABLE clubs ADD COLUMN stale_after_days BIGINT  NOT NULL DEFAULT 30
    CHECK (stale_after_days BETWEEN 1 AND 365);
-- Feed items up to this time count as read.
ALTER TABLE users ADD COLUMN feed_seen_at TIMESTAMPTZ;

CREATE TABLE follows (
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id  BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, company_id)
);
CREATE INDEX follows_company ON follows (company_id, created_at);

-- One investor's current standing with one company; its history is in
-- interest_events.
CREATE TABLE interests (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    investor_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id        BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    stage             TEXT    NOT NULL CHECK (stage IN ('watching', 'interested',
        'meeting_requested', 'due_diligence', 'intends', 'invested', 'passed')),
    amount_min        BIGINT  CHECK (amount_min > 0),
    amount_max        BIGINT  CHECK (amount_max >= amount_min),
    route             TEXT    CHECK (route IN ('direct', 'personal_fund', 'crowdfunding')),
    amount            BIGINT  CHECK (amount > 0),
    invested_on       DATE,
    stage_changed_at  TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (investor_id, company_id)
);
CREATE INDEX interests_company ON interests (company_id, stage);

-- Every change of an interest: from, to, the figures, a note, who and when,
-- and the investor's club at the time (club mates' feed reads it).
CREATE TABLE interest_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interest_id  BIGINT  NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    investor_id  BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    club_id      BIGINT  REFERENCES clubs (id) ON DELETE SET NULL,
    from_stage   TEXT,
    to_stage     TEXT    NOT NULL,
    amount_min   BIGINT,
    amount_max   BIGINT,
    route        TEXT,
    amount       BIGINT,
    invested_on  DATE,
    note         TEXT,
    -- The forum the change came from. Forums arrive later; the foreign key
    -- is added with their table.
    forum_id     BIGINT,
    actor_id     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    actor_name   TEXT    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX interest_events_interest ON interest_events (interest_id, id);
CREATE INDEX interest_events_club ON interest_events (club_id, created_at);

CREATE TABLE meeting_requests (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interest_id   BIGINT  NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    company_id    BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    investor_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message       TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined')),
    proposed_at   TIMESTAMPTZ,
    answer_note   TEXT,
    answered_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    answered_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX meeting_requests_company ON meeting_requests (company_id, created_at);
CREATE INDEX meeting_requests_investor ON meeting_requests (investor_id, answered_at);

-- Notes a club keeps on a company: Markdown and its sanitised HTML.
CREATE TABLE club_notes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id      BIGINT  NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    company_id   BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    author_id    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL,
    markdown     TEXT    NOT NULL,
    html         TEXT    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX club_notes_company ON club_notes (club_id, company_id, created_at);

CREATE TABLE notifications (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('meeting_requested')),
    company_id  BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    meeting_id  BIGINT  REFERENCES meeting_requests (id) ON DELETE CASCADE,
    actor_name  TEXT    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    read_at     TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
