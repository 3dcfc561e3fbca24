-- Daily points, the point ledger and leaderboard snapshots.

-- One row per member and program day (America/New_York): what the day is worth
-- by source, and total_paid, what has been credited to the ledger for it so far.
CREATE TABLE IF NOT EXISTS daily_points (
    user_id          RAW(16) NOT NULL
        CONSTRAINT fk_daily_points_user REFERENCES users (user_id) ON DELETE CASCADE,
    program_day      DATE NOT NULL,
    steps            INTEGER DEFAULT 0 NOT NULL,
    active_minutes   INTEGER DEFAULT 0 NOT NULL,
    workout_bonuses  INTEGER DEFAULT 0 NOT NULL,
    steps_points     INTEGER DEFAULT 0 NOT NULL,
    minutes_points   INTEGER DEFAULT 0 NOT NULL,
    workout_points   INTEGER DEFAULT 0 NOT NULL,
    step_goal_points INTEGER DEFAULT 0 NOT NULL,
    streak_points    INTEGER DEFAULT 0 NOT NULL,
    total_paid       INTEGER DEFAULT 0 NOT NULL,
    active_day       BOOLEAN DEFAULT FALSE NOT NULL,
    first_reached_at TIMESTAMP,
    updated_at       TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT pk_daily_points PRIMARY KEY (user_id, program_day),
    CONSTRAINT ck_daily_points_non_negative CHECK (
        steps >= 0 AND active_minutes >= 0 AND workout_bonuses >= 0 AND steps_points >= 0
        AND minutes_points >= 0 AND workout_points >= 0 AND step_goal_points >= 0
        AND streak_points >= 0 AND total_paid >= 0)
);

CREATE INDEX IF NOT EXISTS ix_daily_points_day ON daily_points (program_day, total_paid);

-- Every balance change. amount is signed (spend < 0), so the sum of a member's
-- amounts is their balance; idempotency_key names what the entry pays for.
CREATE TABLE IF NOT EXISTS point_ledger (
    entry_id        RAW(16) NOT NULL CONSTRAINT pk_point_ledger PRIMARY KEY,
    user_id         RAW(16) NOT NULL CONSTRAINT fk_point_ledger_user REFERENCES users (user_id),
    entry_type      VARCHAR2(8) NOT NULL
        CONSTRAINT ck_point_ledger_entry_type
        CHECK (entry_type IN ('earn', 'spend', 'adjust', 'refund')),
    amount          INTEGER NOT NULL,
    balance_after   INTEGER NOT NULL CONSTRAINT ck_point_ledger_balance CHECK (balance_after >= 0),
    reason          VARCHAR2(500 CHAR),
    reference_type  VARCHAR2(16)
        CONSTRAINT ck_point_ledger_reference_type
        CHECK (reference_type IN ('daily_points', 'ticket_block', 'drawing', 'admin_action')),
    reference_id    RAW(16),
    idempotency_key VARCHAR2(200) NOT NULL CONSTRAINT uq_point_ledger_idempotency UNIQUE,
    created_by      RAW(16)
        CONSTRAINT fk_point_ledger_created_by REFERENCES users (user_id) ON DELETE SET NULL,
    created_at      TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT ck_point_ledger_amount_sign CHECK (
        (entry_type IN ('earn', 'refund') AND amount > 0)
        OR (entry_type = 'spend' AND amount < 0)
        OR (entry_type = 'adjust' AND amount <> 0))
);

CREATE INDEX IF NOT EXISTS ix_point_ledger_user_created ON point_ledger (user_id, created_at);

CREATE INDEX IF NOT EXISTS ix_point_ledger_type_created ON point_ledger (entry_type, created_at);

CREATE INDEX IF NOT EXISTS ix_point_ledger_reference ON point_ledger (reference_type, reference_id);

-- Rankings computed by the refresh job (the database copy behind the Redis one).
-- period_key: '2026-03-14' daily, '2026-03-09' weekly (its Monday), '2026-03'
-- monthly, 'all' all-time. tier_code is a tier or 'OPEN'.
CREATE TABLE IF NOT EXISTS leaderboard_snapshots (
    period      VARCHAR2(8) NOT NULL
        CONSTRAINT ck_leaderboard_snapshots_period
        CHECK (period IN ('daily', 'weekly', 'monthly', 'all_time')),
    period_key  VARCHAR2(10) NOT NULL,
    tier_code   VARCHAR2(16) NOT NULL,
    user_id     RAW(16) NOT NULL
        CONSTRAINT fk_leaderboard_snapshots_user REFERENCES users (user_id) ON DELETE CASCADE,
    points      INTEGER NOT NULL,
    rank        INTEGER NOT NULL CONSTRAINT ck_leaderboard_snapshots_rank CHECK (rank >= 1),
    reached_at  TIMESTAMP,
    active_days INTEGER DEFAULT 0 NOT NULL,
    computed_at TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL,
    CONSTRAINT pk_leaderboard_snapshots PRIMARY KEY (period, period_key, tier_code, user_id)
);

CREATE INDEX IF NOT EXISTS ix_leaderboard_snapshots_rank
    ON leaderboard_snapshots (period, period_key, tier_code, rank);

CREATE INDEX IF NOT EXISTS ix_leaderboard_snapshots_user
    ON leaderboard_snapshots (user_id, period, period_key);
