-- Forum scorecards (SQLite): attending investors score each presenting
-- company on six criteria (1-5) with written comments, one scorecard per
-- investor and slot, editable while the forum is held. The forum keeps
-- its weights (an admin setting that adds up to 100) and the moment the
-- admin released the anonymous feedback to founders.
-- Mirrors ../postgres/0017_forum_scorecards.sql; keep the two in step.

ALTER TABLE forums ADD COLUMN weight_team INTEGER NOT NULL DEFAULT 25;
ALTER TABLE forums ADD COLUMN weight_market INTEGER NOT NULL DEFAULT 20;
ALTER TABLE forums ADD COLUMN weight_technology INTEGER NOT NULL DEFAULT 20;
ALTER TABLE forums ADD COLUMN weight_traction INTEGER NOT NULL DEFAULT 15;
ALTER TABLE forums ADD COLUMN weight_advantage INTEGER NOT NULL DEFAULT 10;
ALTER TABLE forums ADD COLUMN weight_attractiveness INTEGER NOT NULL DEFAULT 10;
ALTER TABLE forums ADD COLUMN feedback_released_at TEXT;

CREATE TABLE forum_scorecards (
    forum_id        INTEGER NOT NULL,
    company_id      INTEGER NOT NULL,
    investor_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team            INTEGER NOT NULL CHECK (team BETWEEN 1 AND 5),
    market          INTEGER NOT NULL CHECK (market BETWEEN 1 AND 5),
    technology      INTEGER NOT NULL CHECK (technology BETWEEN 1 AND 5),
    traction        INTEGER NOT NULL CHECK (traction BETWEEN 1 AND 5),
    advantage       INTEGER NOT NULL CHECK (advantage BETWEEN 1 AND 5),
    attractiveness  INTEGER NOT NULL CHECK (attractiveness BETWEEN 1 AND 5),
    strengths       TEXT    NOT NULL,
    improvements    TEXT    NOT NULL,
    questions       TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (forum_id, company_id, investor_id),
    FOREIGN KEY (forum_id, company_id)
        REFERENCES forum_applications (forum_id, company_id) ON DELETE CASCADE
);
CREATE INDEX forum_scorecards_investor ON forum_scorecards (investor_id, forum_id);
