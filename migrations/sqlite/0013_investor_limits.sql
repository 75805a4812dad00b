-- Investor limits (SQLite): each investor's type for the crowdfunding caps
-- (자본시장법 시행령 §118-17), and the facts a company records about itself
-- for the angel income deduction check (조세특례제한법 §16): the day its
-- business opened and its venture confirmation.
-- Mirrors ../postgres/0013_investor_limits.sql; keep the two in step.

-- The investor's own statement; every account starts as a general
-- investor (the strictest caps). Meaningful for investor accounts only.
ALTER TABLE users ADD COLUMN investor_type TEXT NOT NULL DEFAULT 'general'
    CHECK (investor_type IN ('general', 'qualified', 'professional'));

-- 개업일 as on the business registration (NULL: not recorded).
ALTER TABLE companies ADD COLUMN opened_on TEXT;
-- 벤처기업 확인: NULL = the company has not said, 'none' = not confirmed,
-- 'certified' = confirmed and valid through venture_until (then required).
ALTER TABLE companies ADD COLUMN venture_status TEXT
    CHECK (venture_status IN ('none', 'certified'));
ALTER TABLE companies ADD COLUMN venture_until TEXT
    CHECK (CASE WHEN venture_status = 'certified' THEN venture_until IS NOT NULL
                ELSE venture_until IS NULL END);

-- The limits panel reads one investor's crowdfunding interests; the
-- (investor_id, company_id) uniqueness index of interests already serves
-- it, so no index is added.
