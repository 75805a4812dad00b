-- What came of the forums (PostgreSQL): investments, contracts, exports, joint
-- development, jobs, patents and crowdfunding rounds, each attributed to
-- one or more forums the company presented at. A founder's outcome waits
-- for an admin's confirmation; only confirmed ones are counted.
-- Mirrors ../sqlite/0018_forum_outcomes.sql; keep the two in step.

CREATE TABLE outcomes (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id    BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('investment', 'supply_contract',
        'export_contract', 'collaboration', 'hiring', 'patent', 'crowdfunding')),
    -- Whole won (exports: the won value entered beside the dollars).
    amount        BIGINT  CHECK (amount IS NULL OR amount BETWEEN 1 AND 10000000000000),
    amount_usd    BIGINT  CHECK (amount_usd IS NULL OR amount_usd >= 1),
    headcount     BIGINT  CHECK (headcount IS NULL OR headcount >= 1),
    occurred_on   DATE    NOT NULL,
    counterparty  TEXT    NOT NULL CHECK (counterparty IN ('angel_club', 'venture_capital',
        'large_company', 'small_company', 'public_body', 'overseas', 'crowd', 'other')),
    evidence      TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    recorded_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    decided_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    decided_at    TIMESTAMPTZ
);
CREATE INDEX outcomes_company ON outcomes (company_id, occurred_on);
CREATE INDEX outcomes_status ON outcomes (status, recorded_at);

CREATE TABLE outcome_forums (
    outcome_id  BIGINT  NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    forum_id    BIGINT  NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    PRIMARY KEY (outcome_id, forum_id)
);
CREATE INDEX outcome_forums_forum ON outcome_forums (forum_id);
