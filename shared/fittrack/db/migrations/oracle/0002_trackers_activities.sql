-- Tracker connections, sync runs and normalised activities, plus the
-- member_profile_dv duality view. The ALTER TABLE comes last on purpose: it is
-- the one statement here that cannot be repeated, so a failure before it leaves
-- the file re-runnable.

CREATE TABLE IF NOT EXISTS tracker_connections (
    connection_id     RAW(16) NOT NULL CONSTRAINT pk_tracker_connections PRIMARY KEY,
    user_id           RAW(16) NOT NULL
        CONSTRAINT fk_tracker_connections_user REFERENCES users (user_id) ON DELETE CASCADE,
    provider          VARCHAR2(16) NOT NULL
        CONSTRAINT ck_tracker_connections_provider CHECK (provider IN ('fitbit', 'google_fit')),
    status            VARCHAR2(16) DEFAULT 'active' NOT NULL
        CONSTRAINT ck_tracker_connections_status
        CHECK (status IN ('active', 'error', 'retired', 'revoked')),
    external_user_id  VARCHAR2(255),
    access_token_enc  BLOB,
    refresh_token_enc BLOB,
    token_expires_at  TIMESTAMP,
    scopes            VARCHAR2(1000),
    is_primary        BOOLEAN DEFAULT FALSE NOT NULL,
    last_sync_at      TIMESTAMP,
    next_sync_at      TIMESTAMP,
    forced_sync_at    TIMESTAMP,
    last_error        VARCHAR2(1000 CHAR),
    linked_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    revoked_at        TIMESTAMP,
    retired_at        TIMESTAMP,
    created_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at        TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT uq_tracker_connections_provider UNIQUE (user_id, provider)
);

-- At most one primary tracker per member.
CREATE UNIQUE INDEX IF NOT EXISTS ux_tracker_connections_primary
    ON tracker_connections (CASE WHEN is_primary = TRUE THEN user_id END);

CREATE INDEX IF NOT EXISTS ix_tracker_connections_due ON tracker_connections (status, next_sync_at);

CREATE INDEX IF NOT EXISTS ix_tracker_connections_external
    ON tracker_connections (provider, external_user_id);

CREATE TABLE IF NOT EXISTS sync_runs (
    sync_run_id        RAW(16) NOT NULL CONSTRAINT pk_sync_runs PRIMARY KEY,
    connection_id      RAW(16) NOT NULL
        CONSTRAINT fk_sync_runs_connection REFERENCES tracker_connections (connection_id)
        ON DELETE CASCADE,
    user_id            RAW(16) NOT NULL
        CONSTRAINT fk_sync_runs_user REFERENCES users (user_id) ON DELETE CASCADE,
    trigger_type       VARCHAR2(16) NOT NULL
        CONSTRAINT ck_sync_runs_trigger_type
        CHECK (trigger_type IN ('scheduled', 'forced', 'initial', 'webhook')),
    status             VARCHAR2(16) DEFAULT 'running' NOT NULL
        CONSTRAINT ck_sync_runs_status CHECK (status IN ('running', 'succeeded', 'failed')),
    window_start       TIMESTAMP,
    window_end         TIMESTAMP,
    started_at         TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    finished_at        TIMESTAMP,
    activities_fetched INTEGER DEFAULT 0 NOT NULL,
    activities_stored  INTEGER DEFAULT 0 NOT NULL,
    points_awarded     INTEGER DEFAULT 0 NOT NULL,
    error_message      VARCHAR2(1000 CHAR)
);

CREATE INDEX IF NOT EXISTS ix_sync_runs_connection ON sync_runs (connection_id, started_at);

CREATE TABLE IF NOT EXISTS activities (
    activity_id      RAW(16) NOT NULL CONSTRAINT pk_activities PRIMARY KEY,
    user_id          RAW(16) NOT NULL
        CONSTRAINT fk_activities_user REFERENCES users (user_id) ON DELETE CASCADE,
    connection_id    RAW(16)
        CONSTRAINT fk_activities_connection REFERENCES tracker_connections (connection_id)
        ON DELETE SET NULL,
    activity_type    VARCHAR2(16) NOT NULL
        CONSTRAINT ck_activities_activity_type
        CHECK (activity_type IN ('steps', 'workout', 'active_minutes')),
    start_time       TIMESTAMP NOT NULL,
    end_time         TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL
        CONSTRAINT ck_activities_duration CHECK (duration_minutes >= 0),
    intensity        VARCHAR2(8)
        CONSTRAINT ck_activities_intensity CHECK (intensity IN ('light', 'moderate', 'vigorous')),
    metrics          JSON NOT NULL,
    source           VARCHAR2(16) NOT NULL
        CONSTRAINT ck_activities_source CHECK (source IN ('fitbit', 'google_fit')),
    external_id      VARCHAR2(255) NOT NULL,
    program_day      DATE NOT NULL,
    is_duplicate     BOOLEAN DEFAULT FALSE NOT NULL,
    superseded_by    RAW(16)
        CONSTRAINT fk_activities_superseded_by REFERENCES activities (activity_id)
        ON DELETE SET NULL,
    received_at      TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT uq_activities_external UNIQUE (user_id, source, external_id),
    CONSTRAINT ck_activities_window CHECK (end_time >= start_time),
    CONSTRAINT ck_activities_minutes_intensity
        CHECK (activity_type <> 'active_minutes' OR intensity IS NOT NULL)
);

CREATE INDEX IF NOT EXISTS ix_activities_user_day ON activities (user_id, program_day);

CREATE INDEX IF NOT EXISTS ix_activities_user_type_start
    ON activities (user_id, activity_type, start_time);

CREATE INDEX IF NOT EXISTS ix_activities_superseded_by ON activities (superseded_by);

-- The member document: account, profile and tracker connections (read-only;
-- writes go through the tables). Secrets and credentials are left out.
CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW member_profile_dv AS
SELECT JSON {
    '_id'             : u.user_id,
    'email'           : u.email,
    'role'            : u.role,
    'status'          : u.status,
    'premiumExpiresAt': u.premium_expires_at,
    'emailVerifiedAt' : u.email_verified_at,
    'pointBalance'    : u.point_balance,
    'lifetimePoints'  : u.lifetime_points,
    'createdAt'       : u.created_at,
    'profile'         : (
        SELECT JSON {
            'userId'          : p.user_id,
            'displayName'     : p.display_name,
            'biologicalSex'   : p.biological_sex,
            'fitnessLevel'    : p.fitness_level,
            'goals'           : p.goals,
            'heightInches'    : p.height_inches,
            'weightPounds'    : p.weight_pounds,
            'timezone'        : p.timezone,
            'ageBracket'      : p.age_bracket,
            'tierCode'        : p.tier_code,
            'openLeaderboard' : p.open_leaderboard,
            'completedAt'     : p.completed_at
        }
        FROM user_profiles p
        WHERE p.user_id = u.user_id
    ),
    'connections'     : [
        SELECT JSON {
            'connectionId' : c.connection_id,
            'provider'     : c.provider,
            'status'       : c.status,
            'isPrimary'    : c.is_primary,
            'lastSyncAt'   : c.last_sync_at,
            'lastError'    : c.last_error,
            'linkedAt'     : c.linked_at
        }
        FROM tracker_connections c
        WHERE c.user_id = u.user_id
    ]
}
FROM users u;

-- The member's primary tracker (its row says is_primary too; keep both in step).
-- Added here because tracker_connections did not exist in 0001.
ALTER TABLE users ADD (
    primary_connection_id RAW(16)
        CONSTRAINT fk_users_primary_connection REFERENCES tracker_connections (connection_id)
        ON DELETE SET NULL
);
