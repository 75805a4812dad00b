-- The directory's search index (issue 14). The app cuts each published
-- company's text into tokens (app::domain::search_tokens: pairs of letters
-- inside Korean words, whole Latin words, the headline once more behind a
-- marker, filter values) and stores them space-joined here, rowid =
-- companies.id. Contentless with detail=none: the index keeps which rows
-- hold a token and nothing else, about 1.3 bytes a posting, and the text
-- itself stays in companies.search_text. It replaces the trigram table,
-- which could not serve two-letter words (탄소, 발열) at all.
DROP TRIGGER IF EXISTS companies_search_delete;
DROP TABLE IF EXISTS company_search;

CREATE VIRTUAL TABLE company_index USING fts5 (
    tokens,
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER companies_index_delete AFTER DELETE ON companies
BEGIN
    DELETE FROM company_index WHERE rowid = OLD.id;
END;

-- Sorting by name walks this index and stops at the page's end.
CREATE INDEX companies_name ON companies (name_ko, id);

-- Which version of the tokenizer filled the index. A migration cannot run
-- Rust, so the server fills the index at start-up when this number is
-- below its own (CompanyStore::rebuild_search_index): here, for the
-- companies that exist when this migration runs.
CREATE TABLE search_index_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);

INSERT INTO search_index_version (id, version) VALUES (1, 0);
