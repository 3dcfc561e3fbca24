-- Sign in with Apple's private relay (docs/social-login.md): an identity whose email
-- is an @privaterelay.appleid.com address (Apple's `is_private_email`). Mail to it is
-- dropped unless our sender domain is registered with Apple's relay service, and such
-- an address is never used to link an existing account. One ALTER TABLE, last.
ALTER TABLE social_identities ADD (private_email BOOLEAN DEFAULT FALSE NOT NULL);
