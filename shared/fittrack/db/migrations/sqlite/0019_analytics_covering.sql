-- Admin analytics at 100,000 members (scripts/bench_analytics.py): the overview's
-- points sums and member counts read only these indexes, never the table rows.
CREATE INDEX ix_point_ledger_type_created_amount ON point_ledger (entry_type, created_at, amount);

CREATE INDEX ix_users_deleted_status_role ON users (deleted_at, status, role);
