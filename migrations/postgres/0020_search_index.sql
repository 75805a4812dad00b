-- The directory's search index (issue 14). The app cuts each published
-- company's text into tokens (app::domain::search_tokens: pairs of letters
-- inside Korean words, whole Latin words, the headline once more behind a
-- marker, filter values); each distinct token gets a number here, and a
-- company's numbers sit in one int4[] under a GIN index from contrib's
-- intarray (`tokens @@ '1&2&(3|4)'::query_int`). Its operators are exact,
-- so the text is never read to filter. It replaces the trigram index on
-- companies.search_text, which could not serve two-letter words.
CREATE EXTENSION IF NOT EXISTS intarray;

DROP INDEX IF EXISTS companies_search_trgm;

-- "C" collation: a plain B-tree then serves prefix look-ups (LIKE '탄%').
CREATE TABLE search_vocabulary (
    id     INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token  TEXT COLLATE "C" NOT NULL UNIQUE
);

-- Published companies only.
CREATE TABLE company_tokens (
    company_id  BIGINT    PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    tokens      INTEGER[] NOT NULL
);

-- fastupdate off: a pending list would make every search after a publish
-- scan it; publishing is rare, searching is not.
CREATE INDEX company_tokens_gin ON company_tokens USING GIN (tokens gin__int_ops)
    WITH (fastupdate = off);

-- Sorting by name walks this index and stops at the page's end.
CREATE INDEX companies_name ON companies (name_ko, id);

-- Which version of the tokenizer filled the index; the server fills it at
-- start-up when this number is below its own
-- (CompanyStore::rebuild_search_index).
CREATE TABLE search_index_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT  NOT NULL
);

INSERT INTO search_index_version (id, version) VALUES (1, 0);
