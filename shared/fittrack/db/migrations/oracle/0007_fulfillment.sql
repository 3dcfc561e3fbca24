-- Fulfillment additions: notification de-duplication keys and winners' tax
-- details. New tables only, so this file can be re-run after a partial failure.

-- One row per notification ever sent for a dedupe key (e.g. "prize_won:<winner>"),
-- so a re-run draw or job never notifies twice. No foreign keys: the key outlives
-- a purged member's notifications and still stops a repeat.
CREATE TABLE IF NOT EXISTS notification_keys (
    dedupe_key      VARCHAR2(200) NOT NULL CONSTRAINT pk_notification_keys PRIMARY KEY,
    user_id         RAW(16) NOT NULL,
    notification_id RAW(16) NOT NULL,
    created_at      TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_notification_keys_user ON notification_keys (user_id);

-- What a winner of a prize worth $600 or more gives for the 1099 form. The legal
-- name, tax id and tax address are one AES-GCM blob bound to the fulfillment id;
-- only the tax id's last four digits are readable.
CREATE TABLE IF NOT EXISTS fulfillment_tax_details (
    fulfillment_id    RAW(16) NOT NULL CONSTRAINT pk_fulfillment_tax_details PRIMARY KEY
        CONSTRAINT fk_fulfillment_tax_details_fulfillment
        REFERENCES fulfillments (fulfillment_id) ON DELETE CASCADE,
    details_encrypted BLOB NOT NULL,
    tax_id_last4      VARCHAR2(4) NOT NULL
        CONSTRAINT ck_fulfillment_tax_details_last4 CHECK (LENGTH(tax_id_last4) = 4),
    received_at       TIMESTAMP NOT NULL,
    created_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);
