-- Members, profiles, credentials, sessions and devices.
-- Oracle 23ai. Ids are RAW(16); timestamps are TIMESTAMP holding UTC; JSON and
-- BOOLEAN are native types. IF NOT EXISTS keeps a half-applied file re-runnable
-- (Oracle DDL commits statement by statement).

CREATE TABLE IF NOT EXISTS users (
    user_id                        RAW(16) NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    email                          VARCHAR2(320 CHAR) NOT NULL,
    email_normalized               VARCHAR2(320 CHAR) NOT NULL
        CONSTRAINT uq_users_email_normalized UNIQUE,
    password_hash                  VARCHAR2(255),
    role                           VARCHAR2(16) DEFAULT 'user' NOT NULL
        CONSTRAINT ck_users_role CHECK (role IN ('user', 'premium', 'admin')),
    premium_expires_at             TIMESTAMP,
    status                         VARCHAR2(16) DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_users_status CHECK (status IN ('pending', 'active', 'suspended', 'banned')),
    date_of_birth                  DATE,
    state_of_residence             VARCHAR2(2),
    terms_version                  VARCHAR2(32),
    terms_accepted_at              TIMESTAMP,
    sweepstakes_rules_version      VARCHAR2(32),
    sweepstakes_rules_accepted_at  TIMESTAMP,
    email_verified_at              TIMESTAMP,
    failed_login_count             INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_users_failed_login_count CHECK (failed_login_count >= 0),
    locked_until                   TIMESTAMP,
    lockout_count                  INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_users_lockout_count CHECK (lockout_count >= 0),
    last_login_at                  TIMESTAMP,
    point_balance                  INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_users_point_balance CHECK (point_balance >= 0),
    lifetime_points                INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_users_lifetime_points CHECK (lifetime_points >= 0),
    deleted_at                     TIMESTAMP,
    anonymized_at                  TIMESTAMP,
    purged_at                      TIMESTAMP,
    created_at                     TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at                     TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_users_status_created ON users (status, created_at);

CREATE INDEX IF NOT EXISTS ix_users_created_at ON users (created_at);

CREATE INDEX IF NOT EXISTS ix_users_deleted_at ON users (deleted_at);

CREATE TABLE IF NOT EXISTS user_profiles (
    user_id          RAW(16) NOT NULL CONSTRAINT pk_user_profiles PRIMARY KEY
        CONSTRAINT fk_user_profiles_user REFERENCES users (user_id) ON DELETE CASCADE,
    display_name     VARCHAR2(30 CHAR),
    biological_sex   VARCHAR2(6)
        CONSTRAINT ck_user_profiles_biological_sex CHECK (biological_sex IN ('male', 'female')),
    fitness_level    VARCHAR2(12)
        CONSTRAINT ck_user_profiles_fitness_level
        CHECK (fitness_level IN ('beginner', 'intermediate', 'advanced')),
    goals            JSON,
    height_inches    INTEGER CONSTRAINT ck_user_profiles_height CHECK (height_inches > 0),
    weight_pounds    INTEGER CONSTRAINT ck_user_profiles_weight CHECK (weight_pounds > 0),
    timezone         VARCHAR2(64) DEFAULT 'America/New_York' NOT NULL,
    age_bracket      VARCHAR2(5)
        CONSTRAINT ck_user_profiles_age_bracket
        CHECK (age_bracket IN ('18-29', '30-39', '40-49', '50-59', '60+')),
    tier_code        VARCHAR2(16),
    open_leaderboard BOOLEAN DEFAULT FALSE NOT NULL,
    completed_at     TIMESTAMP,
    created_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT ck_user_profiles_complete CHECK (
        completed_at IS NULL OR (display_name IS NOT NULL AND biological_sex IS NOT NULL
            AND fitness_level IS NOT NULL AND age_bracket IS NOT NULL AND tier_code IS NOT NULL))
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_user_profiles_display_name
    ON user_profiles (LOWER(display_name));

CREATE INDEX IF NOT EXISTS ix_user_profiles_tier ON user_profiles (tier_code);

CREATE TABLE IF NOT EXISTS user_status_changes (
    change_id   RAW(16) NOT NULL CONSTRAINT pk_user_status_changes PRIMARY KEY,
    user_id     RAW(16) NOT NULL
        CONSTRAINT fk_user_status_changes_user REFERENCES users (user_id) ON DELETE CASCADE,
    from_status VARCHAR2(16)
        CONSTRAINT ck_user_status_changes_from
        CHECK (from_status IN ('pending', 'active', 'suspended', 'banned')),
    to_status   VARCHAR2(16) NOT NULL
        CONSTRAINT ck_user_status_changes_to
        CHECK (to_status IN ('pending', 'active', 'suspended', 'banned')),
    reason      VARCHAR2(1000 CHAR) NOT NULL,
    changed_by  RAW(16)
        CONSTRAINT fk_user_status_changes_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at  TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_user_status_changes_user ON user_status_changes (user_id, created_at);

CREATE TABLE IF NOT EXISTS email_tokens (
    token_id   RAW(16) NOT NULL CONSTRAINT pk_email_tokens PRIMARY KEY,
    user_id    RAW(16) NOT NULL
        CONSTRAINT fk_email_tokens_user REFERENCES users (user_id) ON DELETE CASCADE,
    purpose    VARCHAR2(16) NOT NULL
        CONSTRAINT ck_email_tokens_purpose CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash VARCHAR2(128) NOT NULL CONSTRAINT uq_email_tokens_hash UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_email_tokens_user ON email_tokens (user_id, purpose);

CREATE TABLE IF NOT EXISTS auth_sessions (
    session_id     RAW(16) NOT NULL CONSTRAINT pk_auth_sessions PRIMARY KEY,
    user_id        RAW(16) NOT NULL
        CONSTRAINT fk_auth_sessions_user REFERENCES users (user_id) ON DELETE CASCADE,
    device_id      VARCHAR2(128) NOT NULL,
    user_agent     VARCHAR2(512 CHAR),
    ip_address     VARCHAR2(45),
    created_at     TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    last_seen_at   TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    revoked_reason VARCHAR2(64)
);

-- One active session per device (rows with both keys NULL are not indexed).
CREATE UNIQUE INDEX IF NOT EXISTS ux_auth_sessions_active_device ON auth_sessions (
    CASE WHEN revoked_at IS NULL THEN user_id END,
    CASE WHEN revoked_at IS NULL THEN device_id END
);

CREATE INDEX IF NOT EXISTS ix_auth_sessions_user ON auth_sessions (user_id, revoked_at);

CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_id        RAW(16) NOT NULL CONSTRAINT pk_refresh_tokens PRIMARY KEY,
    session_id      RAW(16) NOT NULL
        CONSTRAINT fk_refresh_tokens_session REFERENCES auth_sessions (session_id)
        ON DELETE CASCADE,
    user_id         RAW(16) NOT NULL
        CONSTRAINT fk_refresh_tokens_user REFERENCES users (user_id) ON DELETE CASCADE,
    family_id       RAW(16) NOT NULL,
    parent_token_id RAW(16),
    token_hash      VARCHAR2(128) NOT NULL CONSTRAINT uq_refresh_tokens_hash UNIQUE,
    issued_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    rotated_at      TIMESTAMP,
    revoked_at      TIMESTAMP
);

CREATE INDEX IF NOT EXISTS ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE INDEX IF NOT EXISTS ix_refresh_tokens_session ON refresh_tokens (session_id);

CREATE INDEX IF NOT EXISTS ix_refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE IF NOT EXISTS oauth_states (
    state_id          RAW(16) NOT NULL CONSTRAINT pk_oauth_states PRIMARY KEY,
    state             VARCHAR2(128) NOT NULL CONSTRAINT uq_oauth_states_state UNIQUE,
    nonce             VARCHAR2(128),
    code_verifier_enc BLOB NOT NULL,
    provider          VARCHAR2(16) NOT NULL
        CONSTRAINT ck_oauth_states_provider
        CHECK (provider IN ('google', 'apple', 'fitbit', 'google_fit')),
    purpose           VARCHAR2(16) NOT NULL
        CONSTRAINT ck_oauth_states_purpose CHECK (purpose IN ('login', 'link')),
    user_id           RAW(16)
        CONSTRAINT fk_oauth_states_user REFERENCES users (user_id) ON DELETE CASCADE,
    redirect_uri      VARCHAR2(1000),
    expires_at        TIMESTAMP NOT NULL,
    used_at           TIMESTAMP,
    created_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT ck_oauth_states_flow CHECK (
        (purpose = 'login' AND provider IN ('google', 'apple'))
        OR (purpose = 'link' AND provider IN ('fitbit', 'google_fit') AND user_id IS NOT NULL))
);

CREATE INDEX IF NOT EXISTS ix_oauth_states_expires ON oauth_states (expires_at);

CREATE TABLE IF NOT EXISTS social_identities (
    identity_id   RAW(16) NOT NULL CONSTRAINT pk_social_identities PRIMARY KEY,
    user_id       RAW(16) NOT NULL
        CONSTRAINT fk_social_identities_user REFERENCES users (user_id) ON DELETE CASCADE,
    provider      VARCHAR2(16) NOT NULL
        CONSTRAINT ck_social_identities_provider CHECK (provider IN ('google', 'apple')),
    subject       VARCHAR2(255) NOT NULL,
    email         VARCHAR2(320 CHAR),
    created_at    TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    last_login_at TIMESTAMP,
    CONSTRAINT uq_social_identities_subject UNIQUE (provider, subject)
);

CREATE INDEX IF NOT EXISTS ix_social_identities_user ON social_identities (user_id);

-- device_id is the client's own device identifier (text), not one of our UUIDs.
CREATE TABLE IF NOT EXISTS devices (
    device_id     VARCHAR2(128) NOT NULL CONSTRAINT pk_devices PRIMARY KEY,
    first_seen_at TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    last_seen_at  TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    flagged_at    TIMESTAMP
);

CREATE TABLE IF NOT EXISTS device_sightings (
    device_id     VARCHAR2(128) NOT NULL
        CONSTRAINT fk_device_sightings_device REFERENCES devices (device_id) ON DELETE CASCADE,
    user_id       RAW(16) NOT NULL
        CONSTRAINT fk_device_sightings_user REFERENCES users (user_id) ON DELETE CASCADE,
    first_seen_at TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    last_seen_at  TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT pk_device_sightings PRIMARY KEY (device_id, user_id)
);

CREATE INDEX IF NOT EXISTS ix_device_sightings_user ON device_sightings (user_id);
