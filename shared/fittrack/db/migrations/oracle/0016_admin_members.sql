-- Admin member management (docs/admin.md). The daily premium-expiry job finds expired
-- grants by (role, expiry); a member's action history pages their review flags by time.
-- Email and display-name prefix search use the existing indexes on email_normalized and
-- LOWER(display_name) through range predicates.
CREATE INDEX IF NOT EXISTS ix_users_role_premium ON users (role, premium_expires_at);

CREATE INDEX IF NOT EXISTS ix_review_flags_user_created ON review_flags (user_id, created_at);
