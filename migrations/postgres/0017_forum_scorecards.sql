-- Forum scorecards (PostgreSQL): attending investors score each presenting
-- company on six criteria (1-5) with written comments, one scorecard per
-- investor and slot, editable while the forum is held. The forum keeps
-- its weights (an admin setting that adds up to 100) and the moment the
-- admin released the anonymous feedback to founders.
-- Mirrors ../sqlite/0017_forum_scorecards.sql; keep the two in step.

ALTER TABLE forums ADD COLUMN weight_team BIGINT NOT NULL DEFAULT 25;
ALTER TABLE forums ADD COLUMN weight_market BIGINT NOT NULL DEFAULT 20;
ALTER TABLE forums ADD COLUMN weight_technology BIGINT NOT NULL DEFAULT 20;
ALTER TABLE forums ADD COLUMN weight_traction BIGINT NOT NULL DEFAULT 15;
ALTER TABLE forums ADD COLUMN weight_advantage BIGINT NOT NULL DEFAULT 10;
ALTER TABLE forums ADD COLUMN weight_attractiveness BIGINT NOT NULL DEFAULT 10;
ALTER TABLE forums ADD COLUMN feedback_released_at TIMESTAMPTZ;

CREATE TABLE forum_scorecards (
    forum_id        BIGINT  NOT NULL,
    company_id      BIGINT  NOT NULL,
    investor_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team            BIGINT  NOT NULL CHECK (team BETWEEN 1 AND 5),
    market          BIGINT  NOT NULL CHECK (market BETWEEN 1 AND 5),
    technology      BIGINT  NOT NULL CHECK (technology BETWEEN 1 AND 5),
    traction        BIGINT  NOT NULL CHECK (traction BETWEEN 1 AND 5),
    advantage       BIGINT  NOT NULL CHECK (advantage BETWEEN 1 AND 5),
    attractiveness  BIGINT  NOT NULL CHECK (attractiveness BETWEEN 1 AND 5),
    strengths       TEXT    NOT NULL,
    improvements    TEXT    NOT NULL,
    questions       TEXT    NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (forum_id, company_id, investor_id),
    FOREIGN KEY (forum_id, company_id)
        REFERENCES forum_applications (forum_id, company_id) ON DELETE CASCADE
);
CREATE INDEX forum_scorecards_investor ON forum_scorecards (investor_id, forum_id);
-- (PostgreSQL can add this to an existing table; SQLite cannot, so there
-- the application's check on the weights form is the only guard.)
ALTER TABLE forums ADD CONSTRAINT forums_weights_100 CHECK (
    weight_team + weight_market + weight_technology + weight_traction
    + weight_advantage + weight_attractiveness = 100);
