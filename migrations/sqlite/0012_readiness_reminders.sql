-- Readiness reminders (SQLite): a checklist item due within seven days or
-- overdue is told to the company's members and its assigned consultants,
-- in the app (notifications) and by e-mail (the outbox). Mirrors
-- ../postgres/0012_readiness_reminders.sql; keep the two in step.
--
-- SQLite cannot change a CHECK constraint in place, so the two tables
-- whose `kind` gains values are rebuilt; nothing references either.

CREATE TABLE notifications_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('meeting_requested',
        'readiness_due_soon', 'readiness_overdue')),
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting_requests (id) ON DELETE CASCADE,
    -- The checklist item a reminder is about, and the due date it was
    -- about (a new due date is reminded again).
    item_id     INTEGER REFERENCES checklist_items (id) ON DELETE CASCADE,
    due_on      TEXT,
    actor_name  TEXT    NOT NULL,
    -- One reminder per recipient, item, kind and due date, whichever
    -- process finds it first.
    dedupe_key  TEXT    UNIQUE,
    created_at  TEXT    NOT NULL,
    read_at     TEXT
);
INSERT INTO notifications_new (id, user_id, kind, company_id, meeting_id, actor_name,
    created_at, read_at)
SELECT id, user_id, kind, company_id, meeting_id, actor_name, created_at, read_at
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, created_at);

CREATE TABLE mail_outbox_new (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    to_address       TEXT    NOT NULL,
    to_name          TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    body_text        TEXT    NOT NULL,
    body_html        TEXT,
    unsubscribe_url  TEXT,
    kind             TEXT    NOT NULL CHECK (kind IN ('meeting_request', 'digest',
        'readiness_reminder')),
    dedupe_key       TEXT    UNIQUE,
    status           TEXT    NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    claimed_until    TEXT,
    last_error       TEXT,
    created_at       TEXT    NOT NULL,
    sent_at          TEXT
);
INSERT INTO mail_outbox_new SELECT * FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)
    WHERE status IN ('queued', 'sending');

-- What the reminder job reads each hour: open items with a due date.
CREATE INDEX checklist_items_open_due ON checklist_items (due_on)
    WHERE due_on IS NOT NULL AND status NOT IN ('approved', 'not_applicable');
-- The "already told?" check of the job, per item.
CREATE INDEX notifications_item ON notifications (item_id, user_id) WHERE item_id IS NOT NULL;
