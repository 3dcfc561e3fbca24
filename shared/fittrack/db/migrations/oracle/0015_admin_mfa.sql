-- Admin MFA (issue 16): one TOTP authenticator per admin. The RFC 6238 secret is an
-- AES-256-GCM blob bound to its admin (like tracker tokens); last_used_step is the
-- newest 30-second step a code was accepted for, so a code is used once.
-- confirmed_at is NULL until the admin proves the authenticator works.
CREATE TABLE IF NOT EXISTS mfa_authenticators (
    user_id        RAW(16) NOT NULL CONSTRAINT pk_mfa_authenticators PRIMARY KEY
        CONSTRAINT fk_mfa_authenticators_user REFERENCES users (user_id) ON DELETE CASCADE,
    secret_enc     BLOB NOT NULL,
    last_used_step NUMBER(12),
    confirmed_at   TIMESTAMP,
    created_at     TIMESTAMP NOT NULL
);
