-- Notifications, audit and administration, review flags, and the platform's
-- outbox and local queue.

CREATE TABLE IF NOT EXISTS notifications (
    notification_id RAW(16) NOT NULL CONSTRAINT pk_notifications PRIMARY KEY,
    user_id         RAW(16) NOT NULL
        CONSTRAINT fk_notifications_user REFERENCES users (user_id) ON DELETE CASCADE,
    kind            VARCHAR2(32) NOT NULL
        CONSTRAINT ck_notifications_kind CHECK (kind IN ('prize_won', 'forfeit_warning',
            'prize_forfeited', 'prize_shipped', 'prize_delivered', 'drawing_result',
            'drawing_cancelled', 'account_status', 'points_adjusted', 'premium',
            'tracker_error', 'tracker_retired', 'system')),
    title           VARCHAR2(200 CHAR) NOT NULL,
    body            VARCHAR2(2000 CHAR) NOT NULL,
    data            JSON,
    read_at         TIMESTAMP,
    created_at      TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_notifications_user_read ON notifications (user_id, read_at);

CREATE INDEX IF NOT EXISTS ix_notifications_user_created ON notifications (user_id, created_at);

CREATE TABLE IF NOT EXISTS notification_preferences (
    user_id          RAW(16) NOT NULL CONSTRAINT pk_notification_preferences PRIMARY KEY
        CONSTRAINT fk_notification_preferences_user REFERENCES users (user_id) ON DELETE CASCADE,
    prize_emails     BOOLEAN DEFAULT TRUE NOT NULL,
    drawing_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    account_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    tracker_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    marketing_emails BOOLEAN DEFAULT FALSE NOT NULL,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

-- Append-only (triggers below refuse UPDATE and DELETE). No foreign keys, so
-- entries outlive what they describe; keep personal data out of before/after.
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id    RAW(16) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    entity_type VARCHAR2(32) NOT NULL
        CONSTRAINT ck_audit_log_entity_type CHECK (entity_type IN ('user', 'drawing', 'prize',
            'sponsor', 'drawing_template', 'drawing_winner', 'fulfillment', 'ticket_block',
            'point_ledger', 'review_flag', 'tracker_connection', 'system')),
    entity_id   RAW(16),
    action      VARCHAR2(64) NOT NULL,
    actor_id    RAW(16),
    before      JSON,
    after       JSON,
    created_at  TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_audit_log_entity ON audit_log (entity_type, entity_id, created_at);

CREATE INDEX IF NOT EXISTS ix_audit_log_actor ON audit_log (actor_id, created_at);

-- PL/SQL blocks end with a line holding only "/". -20001 maps to RuleViolation.
CREATE OR REPLACE TRIGGER trg_audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    RAISE_APPLICATION_ERROR(-20001, 'audit_log is append-only');
END;
/

CREATE OR REPLACE TRIGGER trg_audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    RAISE_APPLICATION_ERROR(-20001, 'audit_log is append-only');
END;
/

-- What an admin did to a member (the member's action history).
CREATE TABLE IF NOT EXISTS admin_actions (
    action_id      RAW(16) NOT NULL CONSTRAINT pk_admin_actions PRIMARY KEY,
    admin_id       RAW(16)
        CONSTRAINT fk_admin_actions_admin REFERENCES users (user_id) ON DELETE SET NULL,
    action         VARCHAR2(64) NOT NULL,
    target_user_id RAW(16)
        CONSTRAINT fk_admin_actions_target REFERENCES users (user_id) ON DELETE CASCADE,
    reason         VARCHAR2(1000 CHAR),
    before         JSON,
    after          JSON,
    created_at     TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_admin_actions_target ON admin_actions (target_user_id, created_at);

CREATE INDEX IF NOT EXISTS ix_admin_actions_admin ON admin_actions (admin_id, created_at);

-- The review queue. At most one open flag per member and reason.
CREATE TABLE IF NOT EXISTS review_flags (
    flag_id         RAW(16) NOT NULL CONSTRAINT pk_review_flags PRIMARY KEY,
    user_id         RAW(16) NOT NULL
        CONSTRAINT fk_review_flags_user REFERENCES users (user_id) ON DELETE CASCADE,
    reason          VARCHAR2(16) NOT NULL
        CONSTRAINT ck_review_flags_reason CHECK (reason IN ('anomaly', 'shared_device', 'manual')),
    status          VARCHAR2(16) DEFAULT 'open' NOT NULL
        CONSTRAINT ck_review_flags_status CHECK (status IN ('open', 'cleared', 'banned')),
    details         JSON,
    created_by      RAW(16)
        CONSTRAINT fk_review_flags_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at      TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    resolved_by     RAW(16)
        CONSTRAINT fk_review_flags_resolved_by REFERENCES users (user_id) ON DELETE SET NULL,
    resolved_at     TIMESTAMP,
    resolution_note VARCHAR2(1000 CHAR),
    CONSTRAINT ck_review_flags_resolved CHECK (status = 'open' OR resolved_at IS NOT NULL)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_review_flags_open ON review_flags (
    CASE WHEN status = 'open' THEN user_id END,
    CASE WHEN status = 'open' THEN reason END
);

CREATE INDEX IF NOT EXISTS ix_review_flags_status ON review_flags (status, created_at);

CREATE INDEX IF NOT EXISTS ix_review_flags_user ON review_flags (user_id, status);

-- Transactional email outbox (adapters/mail.py). user_id has no foreign key:
-- members may be purged while their mail is kept.
CREATE TABLE IF NOT EXISTS outbox (
    email_id    RAW(16) NOT NULL CONSTRAINT pk_outbox PRIMARY KEY,
    to_address  VARCHAR2(320) NOT NULL,
    subject     VARCHAR2(500 CHAR) NOT NULL,
    body_text   CLOB NOT NULL,
    body_html   CLOB,
    template    VARCHAR2(64),
    user_id     RAW(16),
    status      VARCHAR2(16) DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER DEFAULT 0 NOT NULL,
    last_error  VARCHAR2(1000 CHAR),
    created_at  TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    sent_at     TIMESTAMP
);

CREATE INDEX IF NOT EXISTS ix_outbox_status_created ON outbox (status, created_at);

-- The embedded work queue (adapters/queue.py), standing in for OCI Queue.
CREATE TABLE IF NOT EXISTS local_queue (
    message_id     RAW(16) NOT NULL CONSTRAINT pk_local_queue PRIMARY KEY,
    queue_name     VARCHAR2(64) NOT NULL,
    body           JSON NOT NULL,
    status         VARCHAR2(16) DEFAULT 'ready' NOT NULL
        CONSTRAINT ck_local_queue_status CHECK (status IN ('ready', 'dead')),
    visible_at     TIMESTAMP NOT NULL,
    delivery_count INTEGER DEFAULT 0 NOT NULL,
    receipt        VARCHAR2(64),
    last_error     VARCHAR2(1000 CHAR),
    created_at     TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_local_queue_visible ON local_queue (queue_name, status, visible_at);
