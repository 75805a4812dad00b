-- Forum notifications (SQLite): a company's members are told in the app
-- when their forum application is accepted or declined and when the
-- forum's scorecard feedback is released. Mirrors
-- ../postgres/0019_forum_notifications.sql; keep the two in step.
--
-- SQLite cannot change a CHECK constraint in place, so notifications is
-- rebuilt (as in 0012); nothing references it.

CREATE TABLE notifications_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('meeting_requested',
        'readiness_due_soon', 'readiness_overdue',
        'forum_accepted', 'forum_declined', 'forum_feedback')),
    company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting_requests (id) ON DELETE CASCADE,
    item_id     INTEGER REFERENCES checklist_items (id) ON DELETE CASCADE,
    due_on      TEXT,
    -- The forum an application decision or released feedback is about.
    forum_id    INTEGER REFERENCES forums (id) ON DELETE CASCADE,
    actor_name  TEXT    NOT NULL,
    dedupe_key  TEXT    UNIQUE,
    created_at  TEXT    NOT NULL,
    read_at     TEXT
);
INSERT INTO notifications_new (id, user_id, kind, company_id, meeting_id, item_id, due_on,
    actor_name, dedupe_key, created_at, read_at)
SELECT id, user_id, kind, company_id, meeting_id, item_id, due_on, actor_name, dedupe_key,
    created_at, read_at
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_item ON notifications (item_id, user_id) WHERE item_id IS NOT NULL;
