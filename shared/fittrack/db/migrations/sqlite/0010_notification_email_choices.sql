-- Members' email choice per notification kind (GET/PUT /users/me/notification-preferences).
-- SQLite mirror of oracle/0010_notification_email_choices.sql.
CREATE TABLE notification_email_choices (
    user_id       BLOB NOT NULL
        CONSTRAINT fk_notification_email_choices_user REFERENCES users (user_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL
        CONSTRAINT ck_notification_email_choices_kind CHECK (kind IN ('prize_won',
            'forfeit_warning', 'prize_shipped', 'account_status')),
    email_enabled BOOLEAN NOT NULL,
    updated_at    TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT pk_notification_email_choices PRIMARY KEY (user_id, kind)
);
