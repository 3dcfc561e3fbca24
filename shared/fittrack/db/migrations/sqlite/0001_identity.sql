-- Members, profiles, credentials, sessions and devices.
-- SQLite mirror of oracle/0001_identity.sql: same tables, columns, constraint
-- and index names. Declared types drive the Python converters (TIMESTAMP, DATE,
-- BOOLEAN, JSON, DECIMAL); ids are 16-byte BLOBs.

CREATE TABLE users (
    user_id                        BLOB NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    email                          TEXT NOT NULL,
    email_normalized               TEXT NOT NULL CONSTRAINT uq_users_email_normalized UNIQUE,
    password_hash                  TEXT,
    role                           TEXT DEFAULT 'user' NOT NULL
        CONSTRAINT ck_users_role CHECK (role IN ('user', 'premium', 'admin')),
    premium_expires_at             TIMESTAMP,
    status                         TEXT DEFAULT 'pending' NOT NULL
        CONSTRAINT ck_users_status CHECK (status IN ('pending', 'active', 'suspended', 'banned')),
    date_of_birth                  DATE,
    state_of_residence             TEXT,
    terms_version                  TEXT,
    terms_accepted_at              TIMESTAMP,
    sweepstakes_rules_version      TEXT,
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
    created_at                     TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at                     TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_users_status_created ON users (status, created_at);

CREATE INDEX ix_users_created_at ON users (created_at);

CREATE INDEX ix_users_deleted_at ON users (deleted_at);

CREATE TABLE user_profiles (
    user_id          BLOB NOT NULL CONSTRAINT pk_user_profiles PRIMARY KEY
        CONSTRAINT fk_user_profiles_user REFERENCES users (user_id) ON DELETE CASCADE,
    display_name     TEXT,
    biological_sex   TEXT
        CONSTRAINT ck_user_profiles_biological_sex CHECK (biological_sex IN ('male', 'female')),
    fitness_level    TEXT
        CONSTRAINT ck_user_profiles_fitness_level
        CHECK (fitness_level IN ('beginner', 'intermediate', 'advanced')),
    goals            JSON TEXT
        CONSTRAINT ck_user_profiles_goals_json CHECK (goals IS NULL OR json_valid(goals)),
    height_inches    INTEGER CONSTRAINT ck_user_profiles_height CHECK (height_inches > 0),
    weight_pounds    INTEGER CONSTRAINT ck_user_profiles_weight CHECK (weight_pounds > 0),
    timezone         TEXT DEFAULT 'America/New_York' NOT NULL,
    age_bracket      TEXT
        CONSTRAINT ck_user_profiles_age_bracket
        CHECK (age_bracket IN ('18-29', '30-39', '40-49', '50-59', '60+')),
    tier_code        TEXT,
    open_leaderboard BOOLEAN DEFAULT FALSE NOT NULL,
    completed_at     TIMESTAMP,
    created_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT ck_user_profiles_complete CHECK (
        completed_at IS NULL OR (display_name IS NOT NULL AND biological_sex IS NOT NULL
            AND fitness_level IS NOT NULL AND age_bracket IS NOT NULL AND tier_code IS NOT NULL))
);

CREATE UNIQUE INDEX ux_user_profiles_display_name ON user_profiles (LOWER(display_name));

CREATE INDEX ix_user_profiles_tier ON user_profiles (tier_code);

CREATE TABLE user_status_changes (
    change_id   BLOB NOT NULL CONSTRAINT pk_user_status_changes PRIMARY KEY,
    user_id     BLOB NOT NULL
        CONSTRAINT fk_user_status_changes_user REFERENCES users (user_id) ON DELETE CASCADE,
    from_status TEXT
        CONSTRAINT ck_user_status_changes_from
        CHECK (from_status IN ('pending', 'active', 'suspended', 'banned')),
    to_status   TEXT NOT NULL
        CONSTRAINT ck_user_status_changes_to
        CHECK (to_status IN ('pending', 'active', 'suspended', 'banned')),
    reason      TEXT NOT NULL,
    changed_by  BLOB
        CONSTRAINT fk_user_status_changes_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at  TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_user_status_changes_user ON user_status_changes (user_id, created_at);

CREATE TABLE email_tokens (
    token_id   BLOB NOT NULL CONSTRAINT pk_email_tokens PRIMARY KEY,
    user_id    BLOB NOT NULL
        CONSTRAINT fk_email_tokens_user REFERENCES users (user_id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL
        CONSTRAINT ck_email_tokens_purpose CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash TEXT NOT NULL CONSTRAINT uq_email_tokens_hash UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);

CREATE INDEX ix_email_tokens_user ON email_tokens (user_id, purpose);

CREATE TABLE auth_sessions (
    session_id     BLOB NOT NULL CONSTRAINT pk_auth_sessions PRIMARY KEY,
    user_id        BLOB NOT NULL
        CONSTRAINT fk_auth_sessions_user REFERENCES users (user_id) ON DELETE CASCADE,
    device_id      TEXT NOT NULL,
    user_agent     TEXT,
    ip_address     TEXT,
    created_at     TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    last_seen_at   TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    revoked_reason TEXT
);

-- One active session per device: a new sign-in must revoke the old session first.
CREATE UNIQUE INDEX ux_auth_sessions_active_device
    ON auth_sessions (user_id, device_id) WHERE revoked_at IS NULL;

CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id, revoked_at);

CREATE TABLE refresh_tokens (
    token_id        BLOB NOT NULL CONSTRAINT pk_refresh_tokens PRIMARY KEY,
    session_id      BLOB NOT NULL
        CONSTRAINT fk_refresh_tokens_session REFERENCES auth_sessions (session_id)
        ON DELETE CASCADE,
    user_id         BLOB NOT NULL
        CONSTRAINT fk_refresh_tokens_user REFERENCES users (user_id) ON DELETE CASCADE,
    family_id       BLOB NOT NULL,
    parent_token_id BLOB,
    token_hash      TEXT NOT NULL CONSTRAINT uq_refresh_tokens_hash UNIQUE,
    issued_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    rotated_at      TIMESTAMP,
    revoked_at      TIMESTAMP
);

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id);

CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE oauth_states (
    state_id          BLOB NOT NULL CONSTRAINT pk_oauth_states PRIMARY KEY,
    state             TEXT NOT NULL CONSTRAINT uq_oauth_states_state UNIQUE,
    nonce             TEXT,
    code_verifier_enc BLOB NOT NULL,
    provider          TEXT NOT NULL
        CONSTRAINT ck_oauth_states_provider
        CHECK (provider IN ('google', 'apple', 'fitbit', 'google_fit')),
    purpose           TEXT NOT NULL
        CONSTRAINT ck_oauth_states_purpose CHECK (purpose IN ('login', 'link')),
    user_id           BLOB
        CONSTRAINT fk_oauth_states_user REFERENCES users (user_id) ON DELETE CASCADE,
    redirect_uri      TEXT,
    expires_at        TIMESTAMP NOT NULL,
    used_at           TIMESTAMP,
    created_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT ck_oauth_states_flow CHECK (
        (purpose = 'login' AND provider IN ('google', 'apple'))
        OR (purpose = 'link' AND provider IN ('fitbit', 'google_fit') AND user_id IS NOT NULL))
);

CREATE INDEX ix_oauth_states_expires ON oauth_states (expires_at);

CREATE TABLE social_identities (
    identity_id   BLOB NOT NULL CONSTRAINT pk_social_identities PRIMARY KEY,
    user_id       BLOB NOT NULL
        CONSTRAINT fk_social_identities_user REFERENCES users (user_id) ON DELETE CASCADE,
    provider      TEXT NOT NULL
        CONSTRAINT ck_social_identities_provider CHECK (provider IN ('google', 'apple')),
    subject       TEXT NOT NULL,
    email         TEXT,
    created_at    TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    last_login_at TIMESTAMP,
    CONSTRAINT uq_social_identities_subject UNIQUE (provider, subject)
);

CREATE INDEX ix_social_identities_user ON social_identities (user_id);

-- device_id is the client's own device identifier (text), not one of our UUIDs.
CREATE TABLE devices (
    device_id     TEXT NOT NULL CONSTRAINT pk_devices PRIMARY KEY,
    first_seen_at TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    last_seen_at  TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    flagged_at    TIMESTAMP
);

CREATE TABLE device_sightings (
    device_id     TEXT NOT NULL
        CONSTRAINT fk_device_sightings_device REFERENCES devices (device_id) ON DELETE CASCADE,
    user_id       BLOB NOT NULL
        CONSTRAINT fk_device_sightings_user REFERENCES users (user_id) ON DELETE CASCADE,
    first_seen_at TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    last_seen_at  TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT pk_device_sightings PRIMARY KEY (device_id, user_id)
);

CREATE INDEX ix_device_sightings_user ON device_sightings (user_id);
