-- The directory's default order is published_at DESC, id DESC. With only
-- published_at in the index, a broad search that walks this order
-- (PostgresStore::index_condition) had to read every company published at
-- the same instant before it could stop at the page's end, and then sort
-- them; with the id in the index the walk stops after the page.
-- Mirrors ../sqlite/0022_published_order.sql.
CREATE INDEX companies_published_id ON companies (published_at, id);
DROP INDEX companies_published;
