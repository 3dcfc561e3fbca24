-- Apple's form_post callback (docs/social-login.md): the SHA-256 of the browser
-- binding cookie set when the sign-in started. One ALTER TABLE, so the file is
-- either applied or not.
ALTER TABLE oauth_states ADD (binding_hash RAW(32));
