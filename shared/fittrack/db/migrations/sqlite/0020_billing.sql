-- Premium subscriptions with Stripe (docs/billing.md). SQLite mirror of
-- oracle/0020_billing.sql; no card data is ever stored.
CREATE TABLE billing_customers (
    user_id            BLOB NOT NULL CONSTRAINT pk_billing_customers PRIMARY KEY
        CONSTRAINT fk_billing_customers_user REFERENCES users (user_id) ON DELETE CASCADE,
    customer_id        TEXT NOT NULL CONSTRAINT uq_billing_customers_customer UNIQUE,
    created_at         TIMESTAMP NOT NULL
);

CREATE TABLE billing_subscriptions (
    subscription_id      TEXT NOT NULL CONSTRAINT pk_billing_subscriptions PRIMARY KEY,
    user_id              BLOB NOT NULL
        CONSTRAINT fk_billing_subscriptions_user REFERENCES users (user_id) ON DELETE CASCADE,
    customer_id          TEXT NOT NULL,
    status               TEXT NOT NULL CONSTRAINT ck_billing_subscriptions_status
        CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing', 'active',
                          'past_due', 'canceled', 'unpaid', 'paused')),
    plan                 TEXT,
    price_id             TEXT,
    current_period_start TIMESTAMP,
    current_period_end   TIMESTAMP,
    cancel_at_period_end INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_billing_subscriptions_cancel CHECK (cancel_at_period_end IN (0, 1)),
    premium_until        TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

CREATE INDEX ix_billing_subscriptions_user ON billing_subscriptions (user_id, updated_at);

CREATE TABLE billing_events (
    event_id           TEXT NOT NULL CONSTRAINT pk_billing_events PRIMARY KEY,
    event_type         TEXT NOT NULL,
    subscription_id    TEXT,
    created_at         TIMESTAMP NOT NULL,
    received_at        TIMESTAMP NOT NULL
);

CREATE INDEX ix_billing_events_received ON billing_events (received_at);

CREATE TABLE premium_sources (
    user_id            BLOB NOT NULL
        CONSTRAINT fk_premium_sources_user REFERENCES users (user_id) ON DELETE CASCADE,
    source             TEXT NOT NULL CONSTRAINT ck_premium_sources_source
        CHECK (source IN ('admin', 'subscription')),
    expires_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CONSTRAINT pk_premium_sources PRIMARY KEY (user_id, source)
);

INSERT INTO premium_sources (user_id, source, expires_at, updated_at)
SELECT user_id, 'admin', premium_expires_at, updated_at
FROM users
WHERE role = 'premium' AND premium_expires_at IS NOT NULL;
