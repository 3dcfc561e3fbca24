-- Privacy retention (docs/privacy-retention.md): indexes for the daily job's
-- scans and the time a fulfillment's address, delivery email and tax details
-- were purged. The ALTER TABLE comes last (it is the one statement that cannot
-- be repeated), so a failure before it leaves the file re-runnable.

-- Activities older than two years are deleted, oldest first.
CREATE INDEX IF NOT EXISTS ix_activities_start ON activities (start_time);

-- Sign-in IP addresses are cleared 90 days after the session was last seen.
CREATE INDEX IF NOT EXISTS ix_auth_sessions_last_seen ON auth_sessions (last_seen_at);

ALTER TABLE fulfillments ADD (personal_data_purged_at TIMESTAMP);
