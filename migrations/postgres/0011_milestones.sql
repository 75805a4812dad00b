-- Consulting milestones (PostgreSQL): dated steps a company and its
-- consultant keep together; the company chooses which appear on its public
-- page. Mirrors ../sqlite/0011_milestones.sql; keep the two in step.
CREATE TABLE milestones (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    due_on      DATE    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'done', 'slipped')),
    done_on     DATE,
    is_public   BOOLEAN NOT NULL DEFAULT FALSE,
    created_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX milestones_company ON milestones (company_id, due_on);
