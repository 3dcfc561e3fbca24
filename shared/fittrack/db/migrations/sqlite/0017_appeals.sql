-- Appeals (PRD US-055, docs/admin.md). SQLite mirror of oracle/0017_appeals.sql.
CREATE TABLE appeals (
    appeal_id          BLOB NOT NULL CONSTRAINT pk_appeals PRIMARY KEY,
    user_id            BLOB NOT NULL
        CONSTRAINT fk_appeals_user REFERENCES users (user_id) ON DELETE CASCADE,
    channel            TEXT NOT NULL CONSTRAINT ck_appeals_channel
        CHECK (channel IN ('member', 'public')),
    message            TEXT NOT NULL,
    status             TEXT NOT NULL CONSTRAINT ck_appeals_status
        CHECK (status IN ('unconfirmed', 'pending', 'upheld', 'reinstated')),
    confirm_token_hash TEXT,
    confirm_expires_at TIMESTAMP,
    decided_by         BLOB CONSTRAINT fk_appeals_decided_by REFERENCES users (user_id)
        ON DELETE SET NULL,
    decision_note      TEXT,
    decided_at         TIMESTAMP,
    created_at         TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX ux_appeals_open ON appeals (user_id) WHERE status = 'pending';

CREATE UNIQUE INDEX ux_appeals_confirm_token ON appeals (confirm_token_hash);

CREATE INDEX ix_appeals_status_created ON appeals (status, created_at);

CREATE INDEX ix_appeals_user_created ON appeals (user_id, created_at);
