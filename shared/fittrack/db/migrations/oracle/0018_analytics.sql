-- Admin analytics (docs/admin.md, Analytics): indexed aggregates over time ranges.
-- Active members are read from sign-ins (users.last_login_at) and sync runs by start
-- time; the 30-day ticket and free-entry counts range over their creation times.
CREATE INDEX IF NOT EXISTS ix_users_last_login ON users (last_login_at);

CREATE INDEX IF NOT EXISTS ix_sync_runs_started_user ON sync_runs (started_at, user_id);

CREATE INDEX IF NOT EXISTS ix_ticket_blocks_purchased ON ticket_blocks (purchased_at);

CREATE INDEX IF NOT EXISTS ix_free_entries_created ON free_entries (created_at);
