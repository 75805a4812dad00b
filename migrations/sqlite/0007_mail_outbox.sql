-- E-mail (SQLite): the daily digest's opt-in and the outbox a
-- background task works. Mirrors ../postgres/0007_mail_outbox.sql; keep the
-- two in step.

-- Off until the user asks for it (opt-in, not opt-out).
ALTER TABLE users ADD COLUMN digest_opt_in BOOLEAN NOT NULL DEFAULT FALSE;
-- When the last digest was queued: the next one covers what came after.
ALTER TABLE users ADD COLUMN digest_sent_at TEXT;

-- Every message goes through here, so a restart loses nothing and several
-- app processes send each message once (a claim is one write transaction,
-- and SQLite has one writer at a time).
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    to_address       TEXT    NOT NULL,
    to_name          TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    body_text        TEXT    NOT NULL,
    body_html        TEXT,
    -- RFC 8058 one-click unsubscribe URL (digests), sent as List-Unsubscribe.
    unsubscribe_url  TEXT,
    kind             TEXT    NOT NULL CHECK (kind IN ('meeting_request', 'digest')),
    -- Two processes queueing the same digest: the second insert is a no-op.
    dedupe_key       TEXT    UNIQUE,
    status           TEXT    NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    -- A claim's lease: a worker that died mid-send lets go when it ends.
    claimed_until    TEXT,
    last_error       TEXT,
    created_at       TEXT    NOT NULL,
    sent_at          TEXT
);
-- What a worker claims next: due queued rows and expired claims.
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)
    WHERE status IN ('queued', 'sending');
CREATE INDEX users_digest ON users (digest_sent_at) WHERE digest_opt_in;
