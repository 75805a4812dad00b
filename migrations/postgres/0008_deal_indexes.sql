-- Deal-flow indexes found by the deal-flow benchmark (.ci/bench deals).
-- Mirrors ../sqlite/0008_deal_indexes.sql; keep the two in step.

-- The feed's club-mates branch (and the header's unread count, on every
-- page) looks for a club's changes on the few companies the reader follows
-- or tracks. With only (club_id, created_at) it read every change the club
-- ever made (20,000 in the benchmark) to keep a few hundred; this index
-- starts from the reader's companies instead.
CREATE INDEX interest_events_company ON interest_events (company_id, club_id, created_at);
