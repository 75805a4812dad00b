-- What came of the forums (SQLite): investments, contracts, exports, joint
-- development, jobs, patents and crowdfunding rounds, each attributed to
-- one or more forums the company presented at. A founder's outcome waits
-- for an admin's confirmation; only confirmed ones are counted.
-- Mirrors ../postgres/0018_forum_outcomes.sql; keep the two in step.

CREATE TABLE outcomes (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('investment', 'supply_contract',
        'export_contract', 'collaboration', 'hiring', 'patent', 'crowdfunding')),
    -- Whole won (exports: the won value entered beside the dollars).
    amount        INTEGER CHECK (amount IS NULL OR amount BETWEEN 1 AND 10000000000000),
    amount_usd    INTEGER CHECK (amount_usd IS NULL OR amount_usd >= 1),
    headcount     INTEGER CHECK (headcount IS NULL OR headcount >= 1),
    occurred_on   TEXT    NOT NULL,
    counterparty  TEXT    NOT NULL CHECK (counterparty IN ('angel_club', 'venture_capital',
        'large_company', 'small_company', 'public_body', 'overseas', 'crowd', 'other')),
    evidence      TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    recorded_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_at   TEXT    NOT NULL,
    decided_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at    TEXT
);
CREATE INDEX outcomes_company ON outcomes (company_id, occurred_on);
CREATE INDEX outcomes_status ON outcomes (status, recorded_at);

CREATE TABLE outcome_forums (
    outcome_id  INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    forum_id    INTEGER NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    PRIMARY KEY (outcome_id, forum_id)
);
CREATE INDEX outcome_forums_forum ON outcome_forums (forum_id);
