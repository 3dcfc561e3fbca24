-- Tracker connections, sync runs and normalised activities.
-- SQLite mirror of oracle/0002_trackers_activities.sql (which also creates the
-- member_profile_dv duality view; SQLite has no equivalent).

CREATE TABLE tracker_connections (
    connection_id     BLOB NOT NULL CONSTRAINT pk_tracker_connections PRIMARY KEY,
    user_id           BLOB NOT NULL
        CONSTRAINT fk_tracker_connections_user REFERENCES users (user_id) ON DELETE CASCADE,
    provider          TEXT NOT NULL
        CONSTRAINT ck_tracker_connections_provider CHECK (provider IN ('fitbit', 'google_fit')),
    status            TEXT DEFAULT 'active' NOT NULL
        CONSTRAINT ck_tracker_connections_status
        CHECK (status IN ('active', 'error', 'retired', 'revoked')),
    external_user_id  TEXT,
    access_token_enc  BLOB,
    refresh_token_enc BLOB,
    token_expires_at  TIMESTAMP,
    scopes            TEXT,
    is_primary        BOOLEAN DEFAULT FALSE NOT NULL,
    last_sync_at      TIMESTAMP,
    next_sync_at      TIMESTAMP,
    forced_sync_at    TIMESTAMP,
    last_error        TEXT,
    linked_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    revoked_at        TIMESTAMP,
    retired_at        TIMESTAMP,
    created_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at        TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_tracker_connections_provider UNIQUE (user_id, provider)
);

-- At most one primary tracker per member.
CREATE UNIQUE INDEX ux_tracker_connections_primary
    ON tracker_connections (user_id) WHERE is_primary = TRUE;

CREATE INDEX ix_tracker_connections_due ON tracker_connections (status, next_sync_at);

CREATE INDEX ix_tracker_connections_external
    ON tracker_connections (provider, external_user_id);

CREATE TABLE sync_runs (
    sync_run_id        BLOB NOT NULL CONSTRAINT pk_sync_runs PRIMARY KEY,
    connection_id      BLOB NOT NULL
        CONSTRAINT fk_sync_runs_connection REFERENCES tracker_connections (connection_id)
        ON DELETE CASCADE,
    user_id            BLOB NOT NULL
        CONSTRAINT fk_sync_runs_user REFERENCES users (user_id) ON DELETE CASCADE,
    trigger_type       TEXT NOT NULL
        CONSTRAINT ck_sync_runs_trigger_type
        CHECK (trigger_type IN ('scheduled', 'forced', 'initial', 'webhook')),
    status             TEXT DEFAULT 'running' NOT NULL
        CONSTRAINT ck_sync_runs_status CHECK (status IN ('running', 'succeeded', 'failed')),
    window_start       TIMESTAMP,
    window_end         TIMESTAMP,
    started_at         TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    finished_at        TIMESTAMP,
    activities_fetched INTEGER DEFAULT 0 NOT NULL,
    activities_stored  INTEGER DEFAULT 0 NOT NULL,
    points_awarded     INTEGER DEFAULT 0 NOT NULL,
    error_message      TEXT
);

CREATE INDEX ix_sync_runs_connection ON sync_runs (connection_id, started_at);

CREATE TABLE activities (
    activity_id      BLOB NOT NULL CONSTRAINT pk_activities PRIMARY KEY,
    user_id          BLOB NOT NULL
        CONSTRAINT fk_activities_user REFERENCES users (user_id) ON DELETE CASCADE,
    connection_id    BLOB
        CONSTRAINT fk_activities_connection REFERENCES tracker_connections (connection_id)
        ON DELETE SET NULL,
    activity_type    TEXT NOT NULL
        CONSTRAINT ck_activities_activity_type
        CHECK (activity_type IN ('steps', 'workout', 'active_minutes')),
    start_time       TIMESTAMP NOT NULL,
    end_time         TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL
        CONSTRAINT ck_activities_duration CHECK (duration_minutes >= 0),
    intensity        TEXT
        CONSTRAINT ck_activities_intensity CHECK (intensity IN ('light', 'moderate', 'vigorous')),
    metrics          JSON TEXT NOT NULL
        CONSTRAINT ck_activities_metrics_json CHECK (json_valid(metrics)),
    source           TEXT NOT NULL
        CONSTRAINT ck_activities_source CHECK (source IN ('fitbit', 'google_fit')),
    external_id      TEXT NOT NULL,
    program_day      DATE NOT NULL,
    is_duplicate     BOOLEAN DEFAULT FALSE NOT NULL,
    superseded_by    BLOB
        CONSTRAINT fk_activities_superseded_by REFERENCES activities (activity_id)
        ON DELETE SET NULL,
    received_at      TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    updated_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL,
    CONSTRAINT uq_activities_external UNIQUE (user_id, source, external_id),
    CONSTRAINT ck_activities_window CHECK (end_time >= start_time),
    CONSTRAINT ck_activities_minutes_intensity
        CHECK (activity_type <> 'active_minutes' OR intensity IS NOT NULL)
);

CREATE INDEX ix_activities_user_day ON activities (user_id, program_day);

CREATE INDEX ix_activities_user_type_start ON activities (user_id, activity_type, start_time);

CREATE INDEX ix_activities_superseded_by ON activities (superseded_by);

-- The member's primary tracker (its row says is_primary too; keep both in step).
-- Added here because tracker_connections did not exist in 0001.
ALTER TABLE users ADD COLUMN primary_connection_id BLOB
    CONSTRAINT fk_users_primary_connection REFERENCES tracker_connections (connection_id)
    ON DELETE SET NULL;
