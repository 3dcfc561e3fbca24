"""A member's personal data across tables: export, anonymise at once, purge later.

Secrets never leave: no password hash, no token hashes, no encrypted provider
tokens, no email bodies (they carry single-use links). The users row, the point
ledger, ticket blocks and winners stay after a purge so drawings remain verifiable.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids

# table -> (columns exported, order by). Every table is filtered on user_id.
EXPORTED: dict[str, tuple[str, str]] = {
    "users": (
        "user_id, email, role, premium_expires_at, status, date_of_birth, state_of_residence,"
        " terms_version, terms_accepted_at, sweepstakes_rules_version,"
        " sweepstakes_rules_accepted_at, email_verified_at, last_login_at, point_balance,"
        " lifetime_points, created_at, updated_at",
        "user_id",
    ),
    "user_profiles": (
        "display_name, biological_sex, fitness_level, goals, height_inches, weight_pounds,"
        " timezone, age_bracket, tier_code, open_leaderboard, completed_at, created_at,"
        " updated_at",
        "user_id",
    ),
    "notification_email_choices": ("kind, email_enabled, updated_at", "kind"),
    "user_status_changes": ("from_status, to_status, reason, created_at", "created_at"),
    "email_tokens": ("token_id, purpose, expires_at, used_at, created_at", "created_at"),
    "auth_sessions": (
        "session_id, device_id, user_agent, ip_address, created_at, last_seen_at, expires_at,"
        " revoked_at, revoked_reason",
        "created_at",
    ),
    "refresh_tokens": (
        "token_id, session_id, family_id, issued_at, expires_at, rotated_at, revoked_at",
        "issued_at",
    ),
    "social_identities": (
        "provider, subject, email, private_email, display_name, created_at, last_login_at",
        "created_at",
    ),
    "device_sightings": ("device_id, first_seen_at, last_seen_at", "first_seen_at"),
    "tracker_connections": (
        "connection_id, provider, status, external_user_id, scopes, is_primary, last_sync_at,"
        " next_sync_at, last_error, linked_at, revoked_at, retired_at, created_at",
        "created_at",
    ),
    "sync_runs": (
        "sync_run_id, connection_id, trigger_type, status, window_start, window_end, started_at,"
        " finished_at, activities_fetched, activities_stored, points_awarded",
        "started_at",
    ),
    "activities": (
        "activity_id, connection_id, activity_type, start_time, end_time, duration_minutes,"
        " intensity, metrics, source, external_id, program_day, is_duplicate, superseded_by,"
        " received_at",
        "start_time",
    ),
    "daily_points": (
        "program_day, steps, active_minutes, workout_bonuses, steps_points, minutes_points,"
        " workout_points, step_goal_points, streak_points, total_paid, active_day",
        "program_day",
    ),
    "point_ledger": (
        "entry_id, entry_type, amount, balance_after, reason, reference_type, reference_id,"
        " created_at",
        "created_at",
    ),
    "leaderboard_snapshots": (
        "period, period_key, tier_code, points, rank, reached_at, active_days, computed_at",
        "computed_at",
    ),
    "ticket_blocks": (
        "block_id, drawing_id, first_ticket_number, last_ticket_number, quantity,"
        " points_spent, purchased_at, refunded_at",
        "purchased_at",
    ),
    "drawing_winners": (
        "winner_id, drawing_id, prize_id, ticket_number, status, selected_at, notified_at,"
        " forfeited_at, forfeit_reason",
        "selected_at",
    ),
    "fulfillments": (
        "fulfillment_id, winner_id, prize_id, status, shipping_address, delivery_email,"
        " address_confirmed_at, carrier, tracking_number, shipped_at, delivered_at,"
        " tax_info_required, tax_info_received_at, created_at, updated_at",
        "created_at",
    ),
    "notifications": (
        "notification_id, kind, title, body, data, read_at, created_at",
        "created_at",
    ),
    "notification_preferences": (
        "prize_emails, drawing_emails, account_emails, tracker_emails, marketing_emails,"
        " updated_at",
        "user_id",
    ),
    "outbox": ("to_address, subject, template, status, created_at, sent_at", "created_at"),
    # Premium (docs/billing.md): Stripe's ids and states, never card data.
    "billing_customers": ("customer_id, created_at", "created_at"),
    "billing_subscriptions": (
        "subscription_id, status, plan, current_period_start, current_period_end,"
        " cancel_at_period_end, premium_until, created_at, updated_at",
        "created_at",
    ),
    "premium_sources": ("source, expires_at, updated_at", "source"),
}

# Deleted by the purge (children first). The users row, point_ledger,
# ticket_blocks, drawing_winners and fulfillments stay; admin_actions and the
# audit log are the admins' record.
PURGED = (
    "refresh_tokens",
    "auth_sessions",
    "email_tokens",
    "oauth_states",
    "social_identities",
    "device_sightings",
    "sync_runs",
    "activities",
    "tracker_connections",
    "daily_points",
    "leaderboard_snapshots",
    "notifications",
    "notification_preferences",
    "notification_email_choices",
    "review_flags",
    "user_status_changes",
    "user_profiles",
)


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview) and len(value) == 16:
        return ids.from_db(value)
    return value


def export(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    """Every exported table's rows of the member, ids as UUIDs."""
    bound = {"id": ids.to_db(user_id)}
    return {
        table: [
            {k: _plain(v) for k, v in row.items()}
            for row in uow.query(
                f"SELECT {columns} FROM {table} WHERE user_id = :id ORDER BY {order}", bound
            )
        ]
        for table, (columns, order) in EXPORTED.items()
    }


def placeholder_email(user_id: uuid.UUID) -> str:
    return f"deleted-{user_id.hex}@deleted.invalid"


def anonymise(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> bool:
    """Strip the member's identity at once; False when already deleted (or unknown)."""
    bound = {"id": ids.to_db(user_id), "now": now}
    placeholder = placeholder_email(user_id)
    changed = uow.execute(
        "UPDATE users SET email = :email, email_normalized = :email, password_hash = NULL,"
        " date_of_birth = NULL, state_of_residence = NULL, failed_login_count = 0,"
        " locked_until = NULL, last_login_at = NULL, deleted_at = :now, anonymized_at = :now,"
        " updated_at = :now WHERE user_id = :id AND deleted_at IS NULL",
        {**bound, "email": placeholder},
    )
    if changed != 1:
        return False
    uow.execute(
        "UPDATE user_profiles SET display_name = NULL, biological_sex = NULL,"
        " fitness_level = NULL, goals = NULL, height_inches = NULL, weight_pounds = NULL,"
        " age_bracket = NULL, tier_code = NULL, open_leaderboard = :no, completed_at = NULL,"
        " updated_at = :now WHERE user_id = :id",
        {**bound, "no": False},
    )
    uow.execute(
        "UPDATE auth_sessions SET revoked_at = :now, revoked_reason = 'account_deleted'"
        " WHERE user_id = :id AND revoked_at IS NULL",
        bound,
    )
    uow.execute(
        "UPDATE auth_sessions SET user_agent = NULL, ip_address = NULL WHERE user_id = :id",
        {"id": bound["id"]},
    )
    uow.execute(
        "UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :id AND revoked_at IS NULL",
        bound,
    )
    for table in ("social_identities", "email_tokens", "oauth_states", "mfa_authenticators"):
        uow.execute(f"DELETE FROM {table} WHERE user_id = :id", {"id": bound["id"]})
    uow.execute(
        "UPDATE tracker_connections SET status = 'revoked', access_token_enc = NULL,"
        " refresh_token_enc = NULL, token_expires_at = NULL, external_user_id = NULL,"
        " next_sync_at = NULL, revoked_at = COALESCE(revoked_at, :now), updated_at = :now"
        " WHERE user_id = :id",
        bound,
    )
    _strip_fulfillments(uow, bound)
    return True


def _strip_fulfillments(uow: UnitOfWork, bound: dict[str, Any]) -> None:
    uow.execute(
        "UPDATE fulfillments SET shipping_address = NULL, delivery_email = NULL,"
        " updated_at = :now WHERE user_id = :id"
        " AND (shipping_address IS NOT NULL OR delivery_email IS NOT NULL)",
        bound,
    )


def purge_due(uow: UnitOfWork, deleted_before: datetime) -> list[uuid.UUID]:
    """Members deleted at or before `deleted_before` and not purged yet."""
    rows = uow.query(
        "SELECT user_id FROM users WHERE deleted_at IS NOT NULL AND deleted_at <= :cutoff"
        " AND purged_at IS NULL ORDER BY deleted_at",
        {"cutoff": deleted_before},
    )
    return [ids.from_db(row["user_id"]) for row in rows]


def purge(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> bool:
    """Delete the member's remaining personal rows; False unless deleted and not purged."""
    bound = {"id": ids.to_db(user_id), "now": now}
    changed = uow.execute(
        "UPDATE users SET purged_at = :now, primary_connection_id = NULL, updated_at = :now"
        " WHERE user_id = :id AND deleted_at IS NOT NULL AND purged_at IS NULL",
        bound,
    )
    if changed != 1:
        return False
    for table in PURGED:
        uow.execute(f"DELETE FROM {table} WHERE user_id = :id", {"id": bound["id"]})
    _strip_fulfillments(uow, bound)
    uow.execute(
        "UPDATE outbox SET to_address = :address, body_text = '[purged]', body_html = NULL"
        " WHERE user_id = :id",
        {"id": bound["id"], "address": placeholder_email(user_id)},
    )
    return True


def record_audit(uow: UnitOfWork, user_id: uuid.UUID, action: str, now: datetime) -> None:
    """An audit entry for the member's own privacy action (no personal data in it)."""
    from fittrack.repositories import audit  # the hash-chained writer

    audit.append(
        uow,
        entity_type="user",
        entity_id=user_id,
        action=action,
        actor_id=user_id if action == "account_deleted" else None,
        before=None,
        after=None,
        now=now,
    )
