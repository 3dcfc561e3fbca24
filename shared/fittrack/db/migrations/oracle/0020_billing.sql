-- Premium subscriptions with Stripe (docs/billing.md). No card data is ever stored:
-- Stripe Checkout and the Customer Portal take payments, we keep Stripe's ids and the
-- subscription's state as the last webhook left it.
--
-- billing_customers: the one Stripe customer of a member, created at their first
-- checkout (unique both ways: a customer belongs to one member).
CREATE TABLE IF NOT EXISTS billing_customers (
    user_id            RAW(16) NOT NULL CONSTRAINT pk_billing_customers PRIMARY KEY
        CONSTRAINT fk_billing_customers_user REFERENCES users (user_id) ON DELETE CASCADE,
    customer_id        VARCHAR2(255 CHAR) NOT NULL
        CONSTRAINT uq_billing_customers_customer UNIQUE,
    created_at         TIMESTAMP NOT NULL
);

-- billing_subscriptions: each Stripe subscription of a member as Stripe last showed
-- it; premium_until is what it gives (the paid period's end, plus the grace period
-- while a renewal is past due; NULL once it gives nothing).
CREATE TABLE IF NOT EXISTS billing_subscriptions (
    subscription_id      VARCHAR2(255 CHAR) NOT NULL
        CONSTRAINT pk_billing_subscriptions PRIMARY KEY,
    user_id              RAW(16) NOT NULL
        CONSTRAINT fk_billing_subscriptions_user REFERENCES users (user_id) ON DELETE CASCADE,
    customer_id          VARCHAR2(255 CHAR) NOT NULL,
    status               VARCHAR2(24 CHAR) NOT NULL CONSTRAINT ck_billing_subscriptions_status
        CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing', 'active',
                          'past_due', 'canceled', 'unpaid', 'paused')),
    plan                 VARCHAR2(16 CHAR),
    price_id             VARCHAR2(255 CHAR),
    current_period_start TIMESTAMP,
    current_period_end   TIMESTAMP,
    cancel_at_period_end NUMBER(1) DEFAULT 0 NOT NULL
        CONSTRAINT ck_billing_subscriptions_cancel CHECK (cancel_at_period_end IN (0, 1)),
    premium_until        TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_billing_subscriptions_user
    ON billing_subscriptions (user_id, updated_at);

-- billing_events: every Stripe event handled, by its id, so a redelivered event is
-- acknowledged and ignored (Stripe delivers at least once).
CREATE TABLE IF NOT EXISTS billing_events (
    event_id           VARCHAR2(255 CHAR) NOT NULL CONSTRAINT pk_billing_events PRIMARY KEY,
    event_type         VARCHAR2(100 CHAR) NOT NULL,
    subscription_id    VARCHAR2(255 CHAR),
    created_at         TIMESTAMP NOT NULL,
    received_at        TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_billing_events_received ON billing_events (received_at);

-- premium_sources: what makes a member premium, one row per source ('admin' grant,
-- 'subscription'), each with its own end. users.role and users.premium_expires_at
-- follow the latest end (the later expiry wins).
CREATE TABLE IF NOT EXISTS premium_sources (
    user_id            RAW(16) NOT NULL
        CONSTRAINT fk_premium_sources_user REFERENCES users (user_id) ON DELETE CASCADE,
    source             VARCHAR2(16 CHAR) NOT NULL CONSTRAINT ck_premium_sources_source
        CHECK (source IN ('admin', 'subscription')),
    expires_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CONSTRAINT pk_premium_sources PRIMARY KEY (user_id, source)
);

-- Premium granted before this migration came from admins (nothing else could grant it).
INSERT INTO premium_sources (user_id, source, expires_at, updated_at)
SELECT user_id, 'admin', premium_expires_at, updated_at
FROM users
WHERE role = 'premium' AND premium_expires_at IS NOT NULL;
