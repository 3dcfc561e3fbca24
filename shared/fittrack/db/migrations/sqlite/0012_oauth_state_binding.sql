-- Apple's form_post callback (docs/social-login.md). SQLite mirror of
-- oracle/0012_oauth_state_binding.sql.
ALTER TABLE oauth_states ADD COLUMN binding_hash BLOB;
