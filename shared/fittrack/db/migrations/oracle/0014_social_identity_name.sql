-- The name a provider gave at the member's first authorization (Apple sends it once,
-- in its form_post `user`); exported with the member's data, removed with the identity.
ALTER TABLE social_identities ADD (display_name VARCHAR2(200 CHAR));
