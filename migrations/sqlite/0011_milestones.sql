-- Consulting milestones (SQLite): dated steps a company and its consultant
-- keep together; the company chooses which appear on its public page.
-- Mirrors ../postgres/0011_milestones.sql; keep the two in step.
CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    due_on      TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'done', 'slipped')),
    done_on     TEXT,
    is_public   INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX milestones_company ON milestones (company_id, due_on);
