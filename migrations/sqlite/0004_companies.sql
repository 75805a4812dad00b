-- Companies (SQLite): the profile, pitch drafts and published revisions,
-- updates, invitations and the directory's search. Mirrors
-- ../postgres/0004_companies.sql; keep the two in step.

-- The profile. Tags are joined with '\n' ('' = none).
ALTER TABLE companies ADD COLUMN location TEXT;
ALTER TABLE companies ADD COLUMN founded_year INTEGER;
ALTER TABLE companies ADD COLUMN employees INTEGER;
ALTER TABLE companies ADD COLUMN revenue_band TEXT
    CHECK (revenue_band IN ('none', 'under_100m', '100m_1b', '1b_5b', '5b_plus'));
ALTER TABLE companies ADD COLUMN stage TEXT
    CHECK (stage IN ('idea', 'pre_seed', 'seed', 'pre_a', 'series_a', 'series_b_plus'));
ALTER TABLE companies ADD COLUMN one_liner TEXT;
ALTER TABLE companies ADD COLUMN website TEXT;
ALTER TABLE companies ADD COLUMN contact_email TEXT;
ALTER TABLE companies ADD COLUMN tags TEXT NOT NULL DEFAULT '';
-- A file name under the data directory's logos/.
ALTER TABLE companies ADD COLUMN logo_file TEXT;

-- The published pitch: the latest revision's number (0 = never published;
-- `published_at` is set at each publish) and its funding terms, copied
-- here so the directory can filter and sort without a join.
ALTER TABLE companies ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN ask_won INTEGER;
ALTER TABLE companies ADD COLUMN instrument TEXT
    CHECK (instrument IN ('common', 'preferred', 'rcps', 'convertible_bond', 'safe', 'crowdfunding'));

-- SQLite cannot add a NOT NULL column without a constant default; '' is
-- replaced at once, and by the trigger below for rows inserted without one.
ALTER TABLE companies ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE companies SET updated_at = created_at;

CREATE TRIGGER companies_updated_at_default AFTER INSERT ON companies
WHEN NEW.updated_at = ''
BEGIN
    UPDATE companies SET updated_at = NEW.created_at WHERE id = NEW.id;
END;

-- Lower-cased names, one-liner, tags, location, cluster names and the
-- PUBLIC sections of the latest revision, '\n'-separated. Never investor-only
-- text: the directory answers visitors too.
ALTER TABLE companies ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- The draft's funding terms (its sections are in pitch_drafts).
ALTER TABLE companies ADD COLUMN draft_ask_won INTEGER;
ALTER TABLE companies ADD COLUMN draft_instrument TEXT
    CHECK (draft_instrument IN ('common', 'preferred', 'rcps', 'convertible_bond', 'safe', 'crowdfunding'));
ALTER TABLE companies ADD COLUMN draft_use_of_funds TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN draft_saved_at TEXT;
ALTER TABLE companies ADD COLUMN draft_saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL;

-- The directory: newest first, by cluster, by ask, by stage.
CREATE INDEX companies_published ON companies (published_at);
-- (cluster_id, published_at) exists since 0001 as companies_cluster_published.
CREATE INDEX companies_ask ON companies (ask_won);
CREATE INDEX companies_stage ON companies (stage);

-- The editable draft: one row per section the company has saved.
CREATE TABLE pitch_drafts (
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    section     TEXT    NOT NULL CHECK (section IN
        ('technology', 'business_item', 'market', 'business_plan', 'team', 'funding_plan')),
    visibility  TEXT    NOT NULL CHECK (visibility IN ('public', 'investors')),
    markdown    TEXT    NOT NULL,
    html        TEXT    NOT NULL,
    plain_text  TEXT    NOT NULL,
    PRIMARY KEY (company_id, section)
);

-- Every published version, kept whole so investors can see what changed.
CREATE TABLE pitch_revisions (
    id                 INTEGER PRIMARY KEY,
    company_id         INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    ask_won            INTEGER,
    instrument         TEXT CHECK (instrument IN
        ('common', 'preferred', 'rcps', 'convertible_bond', 'safe', 'crowdfunding')),
    use_of_funds       TEXT    NOT NULL DEFAULT '',
    published_at       TEXT    NOT NULL,
    published_by_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The publisher's display name at the time, kept if the account goes.
    published_by_name  TEXT    NOT NULL,
    UNIQUE (company_id, number)
);

CREATE TABLE pitch_revision_sections (
    revision_id  INTEGER NOT NULL REFERENCES pitch_revisions (id) ON DELETE CASCADE,
    section      TEXT    NOT NULL CHECK (section IN
        ('technology', 'business_item', 'market', 'business_plan', 'team', 'funding_plan')),
    visibility   TEXT    NOT NULL CHECK (visibility IN ('public', 'investors')),
    markdown     TEXT    NOT NULL,
    html         TEXT    NOT NULL,
    plain_text   TEXT    NOT NULL,
    PRIMARY KEY (revision_id, section)
);

CREATE TABLE company_updates (
    id              INTEGER PRIMARY KEY,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('news', 'contract', 'milestone')),
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL DEFAULT '',
    posted_by_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    posted_by_name  TEXT    NOT NULL,
    posted_at       TEXT    NOT NULL
);

CREATE INDEX company_updates_company ON company_updates (company_id, posted_at);

CREATE TABLE company_invites (
    id               INTEGER PRIMARY KEY,
    company_id       INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email            TEXT    NOT NULL,  -- stored lower-cased
    invited_by_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    invited_by_name  TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    accepted_at      TEXT,
    revoked_at       TEXT
);

-- One open invitation per company and address.
CREATE UNIQUE INDEX company_invites_open ON company_invites (company_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX company_invites_email ON company_invites (email);

-- Substring search for the directory: one row per published company,
-- rowid = companies.id. The trigram tokenizer serves `LIKE '%term%'` from
-- the index for terms of three or more characters and scans the (small)
-- table for shorter ones, so "탄소" still finds "탄소섬유".
CREATE VIRTUAL TABLE company_search USING fts5 (search_text, tokenize = 'trigram');

INSERT INTO company_search (rowid, search_text)
    SELECT id, search_text FROM companies WHERE published_at IS NOT NULL;

CREATE TRIGGER companies_search_delete AFTER DELETE ON companies
BEGIN
    DELETE FROM company_search WHERE rowid = OLD.id;
END;
