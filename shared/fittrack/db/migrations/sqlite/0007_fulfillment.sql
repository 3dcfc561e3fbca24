-- Fulfillment additions: notification de-duplication keys and winners' tax
-- details. SQLite mirror of oracle/0007_fulfillment.sql. New tables only, so the
-- Oracle file stays re-runnable.

-- One row per notification ever sent for a dedupe key (e.g. "prize_won:<winner>"),
-- so a re-run draw or job never notifies twice. No foreign keys: the key outlives
-- a purged member's notifications and still stops a repeat.
CREATE TABLE notification_keys (
    dedupe_key      TEXT NOT NULL CONSTRAINT pk_notification_keys PRIMARY KEY,
    user_id         BLOB NOT NULL,
    notification_id BLOB NOT NULL,
    created_at      TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_notification_keys_user ON notification_keys (user_id);

-- What a winner of a prize worth $600 or more gives for the 1099 form. The legal
-- name, tax id and tax address are one AES-GCM blob bound to the fulfillment id;
-- only the tax id's last four digits are readable.
CREATE TABLE fulfillment_tax_details (
    fulfillment_id    BLOB NOT NULL CONSTRAINT pk_fulfillment_tax_details PRIMARY KEY
        CONSTRAINT fk_fulfillment_tax_details_fulfillment
        REFERENCES fulfillments (fulfillment_id) ON DELETE CASCADE,
    details_encrypted BLOB NOT NULL,
    tax_id_last4      TEXT NOT NULL
        CONSTRAINT ck_fulfillment_tax_details_last4 CHECK (LENGTH(tax_id_last4) = 4),
    received_at       TIMESTAMP NOT NULL,
    created_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);
