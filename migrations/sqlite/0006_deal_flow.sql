-- Deal flow (SQLite): follows, the interest ladder with its history,
-- meeting requests, club notes, notifications and the feed's read mark.
-- Mirrors ../postgres/0006_deal_flow.sql; keep the two in step.

-- Days without a change after which a club's pipeline marks a card stale.
ALTER TABLE clubs ADD COLUMN stale_after_days INTEGER NOT NULL DEFAULT 30
    CHECK (stale_after_days BETWEEN 1 AND 365);
-- Feed items up to this time count as read.
ALTER TABLE users ADD COLUMN feed_seen_at TEXT;

CREATE TABLE follows (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, company_id)
);
CREATE INDEX follows_company ON follows (company_id, created_at);

-- One investor's current standing with one company; its history is in
-- interest_events.
CREATE TABLE interests (
    id                INTEGER PRIMARY KEY,
    investor_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id        INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    stage             TEXT    NOT NULL CHECK (stage IN ('watching', 'interested',
        'meeting_requested', 'due_diligence', 'intends', 'invested', 'passed')),
    amount_min        INTEGER CHECK (amount_min > 0),
    amount_max        INTEGER CHECK (amount_max >= amount_min),
    route             TEXT    CHECK (route IN ('direct', 'personal_fund', 'crowdfunding')),
    amount            INTEGER CHECK (amount > 0),
    invested_on       TEXT,
    stage_changed_at  TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    UNIQUE (investor_id, company_id)
);
CREATE INDEX interests_company ON interests (company_id, stage);

-- Every change of an interest: from, to, the figures, a note, who and when,
-- and the investor's club at the time (club mates' feed reads it).
CREATE TABLE interest_events (
    id           INTEGER PRIMARY KEY,
    interest_id  INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    investor_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id   INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    club_id      INTEGER REFERENCES clubs (id) ON DELETE SET NULL,
    from_stage   TEXT,
    to_stage     TEXT    NOT NULL,
    amount_min   INTEGER,
    amount_max   INTEGER,
    route        TEXT,
    amount       INTEGER,
    invested_on  TEXT,
    note         TEXT,
    -- The forum the change came from. Forums arrive later; the foreign key
    -- is added with their table.
    forum_id     INTEGER,
    actor_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX interest_events_interest ON interest_events (interest_id, id);
CREATE INDEX interest_events_club ON interest_events (club_id, created_at);

CREATE TABLE meeting_requests (
    id            INTEGER PRIMARY KEY,
    interest_id   INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    company_id    INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    investor_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message       TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'declined')),
    proposed_at   TEXT,
    answer_note   TEXT,
    answered_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at   TEXT,
    created_at    TEXT    NOT NULL
);
CREATE INDEX meeting_requests_company ON meeting_requests (company_id, created_at);
CREATE INDEX meeting_requests_investor ON meeting_requests (investor_id, answered_at);

-- Notes a club keeps on a company: Markdown and its sanitised HTML.
CREATE TABLE club_notes (
    id           INTEGER PRIMARY KEY,
    club_id      INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    company_id   INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL,
    markdown     TEXT    NOT NULL,
    html         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX club_notes_company ON club_notes (club_id, company_id, created_at);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('meeting_requested')),
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting_requests (id) ON DELETE CASCADE,
    actor_name  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    read_at     TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
