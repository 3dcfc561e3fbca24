-- Sign in with Apple's private relay (docs/social-login.md). SQLite mirror of
-- oracle/0011_social_private_email.sql.
ALTER TABLE social_identities ADD COLUMN private_email BOOLEAN DEFAULT FALSE NOT NULL;
