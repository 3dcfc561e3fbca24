-- Members' email choice per notification kind (GET/PUT /users/me/notification-preferences).
-- A row exists only for a kind the member chose; without one the category switch of
-- notification_preferences (0005) decides, and without that, email is on. In-app
-- notifications are always on. New table only, so this file can be re-run.
CREATE TABLE IF NOT EXISTS notification_email_choices (
    user_id       RAW(16) NOT NULL
        CONSTRAINT fk_notification_email_choices_user REFERENCES users (user_id) ON DELETE CASCADE,
    kind          VARCHAR2(32) NOT NULL
        CONSTRAINT ck_notification_email_choices_kind CHECK (kind IN ('prize_won',
            'forfeit_warning', 'prize_shipped', 'account_status')),
    email_enabled BOOLEAN NOT NULL,
    updated_at    TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT pk_notification_email_choices PRIMARY KEY (user_id, kind)
);
