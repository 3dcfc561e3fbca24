-- Notifications, audit and administration, review flags, and the platform's
-- outbox and local queue. SQLite mirror of oracle/0005_notifications_admin_platform.sql.

CREATE TABLE notifications (
    notification_id BLOB NOT NULL CONSTRAINT pk_notifications PRIMARY KEY,
    user_id         BLOB NOT NULL
        CONSTRAINT fk_notifications_user REFERENCES users (user_id) ON DELETE CASCADE,
    kind            TEXT NOT NULL
        CONSTRAINT ck_notifications_kind CHECK (kind IN ('prize_won', 'forfeit_warning',
            'prize_forfeited', 'prize_shipped', 'prize_delivered', 'drawing_result',
            'drawing_cancelled', 'account_status', 'points_adjusted', 'premium',
            'tracker_error', 'tracker_retired', 'system')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    data            JSON TEXT
        CONSTRAINT ck_notifications_data_json CHECK (data IS NULL OR json_valid(data)),
    read_at         TIMESTAMP,
    created_at      TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_notifications_user_read ON notifications (user_id, read_at);

CREATE INDEX ix_notifications_user_created ON notifications (user_id, created_at);

CREATE TABLE notification_preferences (
    user_id          BLOB NOT NULL CONSTRAINT pk_notification_preferences PRIMARY KEY
        CONSTRAINT fk_notification_preferences_user REFERENCES users (user_id) ON DELETE CASCADE,
    prize_emails     BOOLEAN DEFAULT TRUE NOT NULL,
    drawing_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    account_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    tracker_emails   BOOLEAN DEFAULT TRUE NOT NULL,
    marketing_emails BOOLEAN DEFAULT FALSE NOT NULL,
    updated_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

-- Append-only (triggers below refuse UPDATE and DELETE). No foreign keys, so
-- entries outlive what they describe; keep personal data out of before/after.
CREATE TABLE audit_log (
    audit_id    BLOB NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    entity_type TEXT NOT NULL
        CONSTRAINT ck_audit_log_entity_type CHECK (entity_type IN ('user', 'drawing', 'prize',
            'sponsor', 'drawing_template', 'drawing_winner', 'fulfillment', 'ticket_block',
            'point_ledger', 'review_flag', 'tracker_connection', 'system')),
    entity_id   BLOB,
    action      TEXT NOT NULL,
    actor_id    BLOB,
    before      JSON TEXT
        CONSTRAINT ck_audit_log_before_json CHECK (before IS NULL OR json_valid(before)),
    after       JSON TEXT
        CONSTRAINT ck_audit_log_after_json CHECK (after IS NULL OR json_valid(after)),
    created_at  TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id, created_at);

CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, created_at);

CREATE TRIGGER trg_audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
/

CREATE TRIGGER trg_audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
/

-- What an admin did to a member (the member's action history).
CREATE TABLE admin_actions (
    action_id      BLOB NOT NULL CONSTRAINT pk_admin_actions PRIMARY KEY,
    admin_id       BLOB
        CONSTRAINT fk_admin_actions_admin REFERENCES users (user_id) ON DELETE SET NULL,
    action         TEXT NOT NULL,
    target_user_id BLOB
        CONSTRAINT fk_admin_actions_target REFERENCES users (user_id) ON DELETE CASCADE,
    reason         TEXT,
    before         JSON TEXT
        CONSTRAINT ck_admin_actions_before_json CHECK (before IS NULL OR json_valid(before)),
    after          JSON TEXT
        CONSTRAINT ck_admin_actions_after_json CHECK (after IS NULL OR json_valid(after)),
    created_at     TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_admin_actions_target ON admin_actions (target_user_id, created_at);

CREATE INDEX ix_admin_actions_admin ON admin_actions (admin_id, created_at);

-- The review queue. At most one open flag per member and reason.
CREATE TABLE review_flags (
    flag_id         BLOB NOT NULL CONSTRAINT pk_review_flags PRIMARY KEY,
    user_id         BLOB NOT NULL
        CONSTRAINT fk_review_flags_user REFERENCES users (user_id) ON DELETE CASCADE,
    reason          TEXT NOT NULL
        CONSTRAINT ck_review_flags_reason CHECK (reason IN ('anomaly', 'shared_device', 'manual')),
    status          TEXT DEFAULT 'open' NOT NULL
        CONSTRAINT ck_review_flags_status CHECK (status IN ('open', 'cleared', 'banned')),
    details         JSON TEXT
        CONSTRAINT ck_review_flags_details_json CHECK (details IS NULL OR json_valid(details)),
    created_by      BLOB
        CONSTRAINT fk_review_flags_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at      TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    resolved_by     BLOB
        CONSTRAINT fk_review_flags_resolved_by REFERENCES users (user_id) ON DELETE SET NULL,
    resolved_at     TIMESTAMP,
    resolution_note TEXT,
    CONSTRAINT ck_review_flags_resolved CHECK (status = 'open' OR resolved_at IS NOT NULL)
);

CREATE UNIQUE INDEX ux_review_flags_open ON review_flags (user_id, reason) WHERE status = 'open';

CREATE INDEX ix_review_flags_status ON review_flags (status, created_at);

CREATE INDEX ix_review_flags_user ON review_flags (user_id, status);

-- Transactional email outbox (adapters/mail.py). user_id has no foreign key:
-- members may be purged while their mail is kept.
CREATE TABLE outbox (
    email_id    BLOB NOT NULL CONSTRAINT pk_outbox PRIMARY KEY,
    to_address  TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    body_html   TEXT,
    template    TEXT,
    user_id     BLOB,
    status      TEXT DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER DEFAULT 0 NOT NULL,
    last_error  TEXT,
    created_at  TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    sent_at     TIMESTAMP
);

CREATE INDEX ix_outbox_status_created ON outbox (status, created_at);

-- The embedded work queue (adapters/queue.py), standing in for OCI Queue.
CREATE TABLE local_queue (
    message_id     BLOB NOT NULL CONSTRAINT pk_local_queue PRIMARY KEY,
    queue_name     TEXT NOT NULL,
    body           JSON TEXT NOT NULL CONSTRAINT ck_local_queue_body_json CHECK (json_valid(body)),
    status         TEXT DEFAULT 'ready' NOT NULL
        CONSTRAINT ck_local_queue_status CHECK (status IN ('ready', 'dead')),
    visible_at     TIMESTAMP NOT NULL,
    delivery_count INTEGER DEFAULT 0 NOT NULL,
    receipt        TEXT,
    last_error     TEXT,
    created_at     TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_local_queue_visible ON local_queue (queue_name, status, visible_at);
