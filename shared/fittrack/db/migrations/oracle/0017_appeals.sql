-- Appeals (PRD US-055, docs/admin.md). A suspended member appeals signed in (channel
-- member, pending at once); a banned member through the public form (channel public),
-- which stays unconfirmed until the emailed link is opened: only the SHA-256 of that
-- single-use link's token is kept. One open (pending) appeal per member, enforced by
-- the unique index on user_id for pending rows only (NULL keys are not indexed).
CREATE TABLE IF NOT EXISTS appeals (
    appeal_id          RAW(16) NOT NULL CONSTRAINT pk_appeals PRIMARY KEY,
    user_id            RAW(16) NOT NULL
        CONSTRAINT fk_appeals_user REFERENCES users (user_id) ON DELETE CASCADE,
    channel            VARCHAR2(10 CHAR) NOT NULL CONSTRAINT ck_appeals_channel
        CHECK (channel IN ('member', 'public')),
    message            VARCHAR2(2000 CHAR) NOT NULL,
    status             VARCHAR2(12 CHAR) NOT NULL CONSTRAINT ck_appeals_status
        CHECK (status IN ('unconfirmed', 'pending', 'upheld', 'reinstated')),
    confirm_token_hash VARCHAR2(64 CHAR),
    confirm_expires_at TIMESTAMP,
    decided_by         RAW(16) CONSTRAINT fk_appeals_decided_by REFERENCES users (user_id)
        ON DELETE SET NULL,
    decision_note      VARCHAR2(1000 CHAR),
    decided_at         TIMESTAMP,
    created_at         TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_appeals_open
    ON appeals (CASE WHEN status = 'pending' THEN user_id END);

CREATE UNIQUE INDEX IF NOT EXISTS ux_appeals_confirm_token ON appeals (confirm_token_hash);

CREATE INDEX IF NOT EXISTS ix_appeals_status_created ON appeals (status, created_at);

CREATE INDEX IF NOT EXISTS ix_appeals_user_created ON appeals (user_id, created_at);
