-- Admin MFA (issue 16): one TOTP authenticator per admin. SQLite mirror of
-- oracle/0015_admin_mfa.sql.
CREATE TABLE mfa_authenticators (
    user_id        BLOB NOT NULL CONSTRAINT pk_mfa_authenticators PRIMARY KEY
        CONSTRAINT fk_mfa_authenticators_user REFERENCES users (user_id) ON DELETE CASCADE,
    secret_enc     BLOB NOT NULL,
    last_used_step INTEGER,
    confirmed_at   TIMESTAMP,
    created_at     TIMESTAMP NOT NULL
);
