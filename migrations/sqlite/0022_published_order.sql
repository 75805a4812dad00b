-- Mirrors ../postgres/0022_published_order.sql, which adds the id to the
-- published_at index so that walking the directory's default order
-- (published_at DESC, id DESC) stops at the page's end. SQLite already
-- has that: every index ends with the rowid, and companies.id is the
-- rowid, so companies_published is (published_at, id) here. Nothing to do.
SELECT 1;
