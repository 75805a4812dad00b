-- Readiness reminders (PostgreSQL): a checklist item due within seven days
-- or overdue is told to the company's members and its assigned
-- consultants, in the app (notifications) and by e-mail (the outbox).
-- Mirrors ../sqlite/0012_readiness_reminders.sql; keep the two in step.

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('meeting_requested', 'readiness_due_soon', 'readiness_overdue'));
-- The checklist item a reminder is about, and the due date it was about
-- (a new due date is reminded again).
ALTER TABLE notifications ADD COLUMN item_id BIGINT
    REFERENCES checklist_items (id) ON DELETE CASCADE;
ALTER TABLE notifications ADD COLUMN due_on DATE;
-- One reminder per recipient, item, kind and due date, whichever process
-- finds it first.
ALTER TABLE notifications ADD COLUMN dedupe_key TEXT UNIQUE;

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('meeting_request', 'digest', 'readiness_reminder'));

-- What the reminder job reads each hour: open items with a due date.
CREATE INDEX checklist_items_open_due ON checklist_items (due_on)
    WHERE due_on IS NOT NULL AND status NOT IN ('approved', 'not_applicable');
-- The "already told?" check of the job, per item.
CREATE INDEX notifications_item ON notifications (item_id, user_id) WHERE item_id IS NOT NULL;
