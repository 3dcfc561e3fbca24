-- Leaderboard standings per member and week (key: its Monday), month and all time, kept
-- by the ingest that changes daily_points (repositories/leaderboard_totals.py), so a board
-- build reads one row per member instead of summing every paid day. Daily boards read
-- daily_points' own row. Backfilled from daily_points as it stands.
CREATE TABLE leaderboard_totals (
    period      TEXT NOT NULL
        CONSTRAINT ck_leaderboard_totals_period CHECK (period IN ('weekly', 'monthly', 'alltime')),
    period_key  TEXT NOT NULL,
    user_id     BLOB NOT NULL
        CONSTRAINT fk_leaderboard_totals_user REFERENCES users (user_id) ON DELETE CASCADE,
    points      INTEGER NOT NULL,
    reached_at  TIMESTAMP,
    active_days INTEGER NOT NULL,
    CONSTRAINT pk_leaderboard_totals PRIMARY KEY (period, period_key, user_id),
    CONSTRAINT ck_leaderboard_totals_non_negative CHECK (points >= 0 AND active_days >= 0)
);

CREATE INDEX ix_leaderboard_totals_user ON leaderboard_totals (user_id);

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'weekly',
       date(d.program_day, '-' || ((CAST(strftime('%w', d.program_day) AS INTEGER) + 6) % 7) || ' days'),
       d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
GROUP BY date(d.program_day, '-' || ((CAST(strftime('%w', d.program_day) AS INTEGER) + 6) % 7) || ' days'),
         d.user_id;

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'monthly', substr(d.program_day, 1, 7), d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
GROUP BY substr(d.program_day, 1, 7), d.user_id;

INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at, active_days)
SELECT 'alltime', 'all', d.user_id, SUM(d.total_paid),
       MAX(CASE WHEN d.total_paid > 0 THEN COALESCE(d.first_reached_at, d.updated_at) END),
       SUM(CASE WHEN d.active_day THEN 1 ELSE 0 END)
FROM daily_points d
GROUP BY d.user_id;
