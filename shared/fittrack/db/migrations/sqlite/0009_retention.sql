-- Privacy retention (docs/privacy-retention.md). SQLite mirror of
-- oracle/0009_retention.sql; the ALTER TABLE comes last there too.

-- Activities older than two years are deleted, oldest first.
CREATE INDEX ix_activities_start ON activities (start_time);

-- Sign-in IP addresses are cleared 90 days after the session was last seen.
CREATE INDEX ix_auth_sessions_last_seen ON auth_sessions (last_seen_at);

ALTER TABLE fulfillments ADD COLUMN personal_data_purged_at TIMESTAMP;
