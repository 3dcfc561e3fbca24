-- The first-time `user` Apple posts with its form (docs/social-login.md), sealed
-- (AES-256-GCM, the state as associated data) until the sign-in's callback keeps the
-- name on the social identity. One ALTER TABLE, so the file is either applied or not.
ALTER TABLE oauth_states ADD (provider_user_enc BLOB);
