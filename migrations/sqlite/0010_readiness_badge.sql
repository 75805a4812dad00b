-- Readiness badge (SQLite): a company may show a checklist's score on its
-- public page (and be found by it in the directory) from the time it chose
-- to; NULL keeps the checklist private.
-- Mirrors ../postgres/0010_readiness_badge.sql; keep the two in step.
ALTER TABLE checklists ADD COLUMN badge_shared_at TEXT;
CREATE INDEX checklists_badge ON checklists (company_id, score_permille)
    WHERE badge_shared_at IS NOT NULL;
