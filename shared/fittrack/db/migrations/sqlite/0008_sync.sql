-- Sync pipeline state, one row per tracker connection (created when it is linked).
-- SQLite mirror of oracle/0008_sync.sql. A table of its own rather than new
-- columns on tracker_connections, so the Oracle file stays re-runnable.
-- tracker_connections.next_sync_at already says when a connection is next due
-- (15 minutes after its last sync, or the end of its back-off).

CREATE TABLE tracker_sync_state (
    connection_id    BLOB NOT NULL CONSTRAINT pk_tracker_sync_state PRIMARY KEY
        CONSTRAINT fk_tracker_sync_state_connection
        REFERENCES tracker_connections (connection_id) ON DELETE CASCADE,
    sync_status      TEXT DEFAULT 'idle' NOT NULL
        CONSTRAINT ck_tracker_sync_state_sync_status
        CHECK (sync_status IN ('idle', 'queued', 'running', 'succeeded', 'retrying', 'failed')),
    sync_cursor      TIMESTAMP,
    failure_count    INTEGER DEFAULT 0 NOT NULL
        CONSTRAINT ck_tracker_sync_state_failures CHECK (failure_count >= 0),
    backoff_until    TIMESTAMP,
    lease_owner      TEXT,
    lease_expires_at TIMESTAMP,
    webhook_at       TIMESTAMP,
    updated_at       TIMESTAMP DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')) NOT NULL
);
