-- Leaderboard standings per member and week (key: its Monday), month and all time, kept
-- by the ingest that changes daily_points (repositories/leaderboard_totals.py), so a board
-- build reads one row per member instead of summing every paid day. Daily boards read
-- daily_points' own row. Backfilled from daily_points as it stands.
CREATE TABLE IF NOT EXISTS leaderboard_totals (
    period      VARCHAR2(7 CHAR) NOT NULL
        CONSTRAINT ck_leaderboard_totals_period CHECK (period IN ('weekly', 'monthly', 'alltime')),
    period_key  VARCHAR2(10 CHAR) NOT NULL,
    user_id     RAW(16) NOT NULL
        CONSTRAINT fk_leaderboard_totals_user REFERENCES users (user_id) ON DELETE CASCADE,
    points      INTEGER NOT NULL,
    reached_at  TIMESTAMP,
    active_days INTEGER NOT NULL,
    CONSTRAINT pk_leaderboard_totals PRIMARY KEY (period, period_key, user_id),
    CONSTRAINT ck_leaderboard_totals_non_negative CHECK (points >= 0 AND active_days >= 0)
);

CREATE INDEX IF NOT EXISTS ix_leaderboard_totals_user ON leaderboard_totals (user_id);

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'weekly', TO_CHAR(TRUNC(d.program_day, 'IW'), 'YYYY-MM-DD'), d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
WHERE NOT EXISTS (SELECT 1 FROM leaderboard_totals t WHERE t.period = 'weekly')
GROUP BY TO_CHAR(TRUNC(d.program_day, 'IW'), 'YYYY-MM-DD'), d.user_id;

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'monthly', TO_CHAR(d.program_day, 'YYYY-MM'), d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
WHERE NOT EXISTS (SELECT 1 FROM leaderboard_totals t WHERE t.period = 'monthly')
GROUP BY TO_CHAR(d.program_day, 'YYYY-MM'), d.user_id;

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'alltime', 'all', d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
WHERE NOT EXISTS (SELECT 1 FROM leaderboard_totals t WHERE t.period = 'alltime')
GROUP BY d.user_id;
