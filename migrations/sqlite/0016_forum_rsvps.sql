-- Forum RSVPs (SQLite): verified investors answer 참석 / 미정 / 불참. An
-- attending answer takes a seat while the forum has room, otherwise a
-- place on the waiting list (ordered by when it was given); a freed seat
-- goes to the first waiting answer in the same transaction. Attendance is
-- marked by an admin on the day.
-- Mirrors ../postgres/0016_forum_rsvps.sql; keep the two in step.

CREATE TABLE forum_rsvps (
    forum_id     INTEGER NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answer       TEXT    NOT NULL CHECK (answer IN ('attending', 'maybe', 'declined')),
    seat         TEXT    CHECK (seat IN ('seated', 'waiting')),
    answered_at  TEXT    NOT NULL,
    attended     INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    PRIMARY KEY (forum_id, user_id),
    CHECK ((answer = 'attending') = (seat IS NOT NULL))
);
CREATE INDEX forum_rsvps_waiting ON forum_rsvps (forum_id, seat, answered_at);
