-- Apple's first-time `user`, sealed. SQLite mirror of
-- oracle/0013_oauth_state_provider_user.sql.
ALTER TABLE oauth_states ADD COLUMN provider_user_enc BLOB;
