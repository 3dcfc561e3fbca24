-- Sync pipeline state, one row per tracker connection (created when it is linked).
-- A table of its own rather than new columns on tracker_connections, so this file
-- stays re-runnable. tracker_connections.next_sync_at already says when a
-- connection is next due (15 minutes after its last sync, or the end of its back-off).

CREATE TABLE IF NOT EXISTS tracker_sync_state (
    connection_id    RAW(16) NOT NULL CONSTRAINT pk_tracker_sync_state PRIMARY KEY
        CONSTRAINT fk_tracker_sync_state_connection
        REFERENCES tracker_connections (connection_id) ON DELETE CASCADE,
    sync_status      VARCHAR2(16) DEFAULT 'idle' NOT NULL
        CONSTRAINT ck_tracker_sync_state_sync_status
        CHECK (sync_status IN ('idle', 'queued', 'running', 'succeeded', 'retrying', 'failed')),
    sync_cursor      TIMESTAMP,
    failure_count    INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_tracker_sync_state_failures CHECK (failure_count >= 0),
    backoff_until    TIMESTAMP,
    lease_owner      VARCHAR2(64),
    lease_expires_at TIMESTAMP,
    webhook_at       TIMESTAMP,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL
);
