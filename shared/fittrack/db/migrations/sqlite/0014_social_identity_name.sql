-- The name a provider gave at the first authorization. SQLite mirror of
-- oracle/0013_social_identity_name.sql.
ALTER TABLE social_identities ADD COLUMN display_name TEXT;
