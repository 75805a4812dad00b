-- Forum notifications (PostgreSQL): a company's members are told in the
-- app when their forum application is accepted or declined and when the
-- forum's scorecard feedback is released. Mirrors
-- ../sqlite/0019_forum_notifications.sql; keep the two in step.

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('meeting_requested', 'readiness_due_soon', 'readiness_overdue',
        'forum_accepted', 'forum_declined', 'forum_feedback'));
-- The forum an application decision or released feedback is about.
ALTER TABLE notifications ADD COLUMN forum_id BIGINT REFERENCES forums (id) ON DELETE CASCADE;
