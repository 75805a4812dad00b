-- Readiness (PostgreSQL): consultants assigned to companies, checklist
-- templates with versions, each company's checklists with their items,
-- item history, comments, evidence files and the score history.
-- Mirrors ../sqlite/0009_readiness.sql; keep the two in step.

-- A consultant assigned to a company from one day to another (open end:
-- still assigned). Several consultants per company and companies per
-- consultant; a later assignment of the same pair is a new row.
CREATE TABLE consultant_assignments (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultant_id  BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_id     BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    starts_on      DATE    NOT NULL,
    ends_on        DATE    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    assigned_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX consultant_assignments_consultant
    ON consultant_assignments (consultant_id, company_id);
CREATE INDEX consultant_assignments_company ON consultant_assignments (company_id);

-- A template version: an admin's edit adds a version, and checklists keep
-- the version they started from.
CREATE TABLE readiness_templates (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('angel', 'crowdfunding')),
    version     BIGINT  NOT NULL CHECK (version >= 1),
    created_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, version)
);

CREATE TABLE readiness_template_items (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template_id  BIGINT  NOT NULL REFERENCES readiness_templates (id) ON DELETE CASCADE,
    position     BIGINT  NOT NULL,
    item_group   TEXT    NOT NULL CHECK (item_group IN ('corporate', 'finance',
        'business_plan', 'ip_tech', 'crowdfunding', 'angel_terms')),
    weight       BIGINT  NOT NULL CHECK (weight BETWEEN 1 AND 50),
    title_ko     TEXT    NOT NULL,
    title_en     TEXT    NOT NULL,
    evidence_ko  TEXT    NOT NULL,
    evidence_en  TEXT    NOT NULL,
    UNIQUE (template_id, position)
);

-- One checklist per company and template kind. The current score and the
-- last progress are kept here for the portfolio; their history is in
-- readiness_scores and checklist_item_events.
CREATE TABLE checklists (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id        BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    template_id       BIGINT  NOT NULL REFERENCES readiness_templates (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('angel', 'crowdfunding')),
    score_permille    BIGINT  CHECK (score_permille BETWEEN 0 AND 1000),
    last_progress_at  TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (company_id, kind)
);

CREATE TABLE checklist_items (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    checklist_id      BIGINT  NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    template_item_id  BIGINT  NOT NULL REFERENCES readiness_template_items (id),
    status            TEXT    NOT NULL DEFAULT 'not_started' CHECK (status IN
        ('not_started', 'in_progress', 'submitted', 'approved', 'not_applicable')),
    due_on            DATE,
    note              TEXT    NOT NULL DEFAULT '',
    signed_off_by     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    signed_off_name   TEXT,
    signed_off_at     TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (checklist_id, template_item_id)
);
CREATE INDEX checklist_items_due ON checklist_items (due_on) WHERE due_on IS NOT NULL;

-- Every status change of an item: from, to, who and when.
CREATE TABLE checklist_item_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id       BIGINT  NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    checklist_id  BIGINT  NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    from_status   TEXT    NOT NULL,
    to_status     TEXT    NOT NULL,
    actor_id      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    actor_name    TEXT    NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX checklist_item_events_item ON checklist_item_events (item_id, id);
CREATE INDEX checklist_item_events_checklist ON checklist_item_events (checklist_id, created_at);

CREATE TABLE checklist_comments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id      BIGINT  NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    author_id    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX checklist_comments_item ON checklist_comments (item_id, id);

-- Evidence files live in the database, so every app process serves them;
-- the type was recognised from the bytes before they were stored.
CREATE TABLE evidence_files (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id        BIGINT  NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    file_name      TEXT    NOT NULL,
    content_type   TEXT    NOT NULL CHECK (content_type IN
        ('application/pdf', 'image/png', 'image/jpeg')),
    byte_size      BIGINT  NOT NULL CHECK (byte_size BETWEEN 1 AND 10485760),
    sha256         TEXT    NOT NULL,
    bytes          BYTEA   NOT NULL,
    uploaded_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    uploader_name  TEXT    NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX evidence_files_item ON evidence_files (item_id, id);

-- The score after every change, for the chart.
CREATE TABLE readiness_scores (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    checklist_id    BIGINT  NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    score_permille  BIGINT  NOT NULL CHECK (score_permille BETWEEN 0 AND 1000),
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX readiness_scores_checklist ON readiness_scores (checklist_id, recorded_at);
