"""Admin: find and view members, change their status, grant or end premium, read their
action history; and the daily job that ends expired premium grants."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.admin_users import (
    AdminActionPage,
    AdminUserDetail,
    AdminUserPage,
    AdminUserQuery,
    AdminUserStatus,
    ChangeStatus,
    GrantPremium,
    HistoryQuery,
)
from fittrack.services import admin_members, admin_users

ROUTES = Routes("/admin/users")


@function(
    "admin_users.list",
    http=ROUTES.get(),
    auth="admin",
    query=AdminUserQuery,
    response=AdminUserPage,
)
def list_members(req: Request, query: AdminUserQuery) -> AdminUserPage:
    """Search members by email or display-name prefix, status, role and tier; sorted, paged."""
    return admin_members.search(req.platform, query)


@function("admin_users.get", http=ROUTES.get("/{userId}"), auth="admin", response=AdminUserDetail)
def get(req: Request) -> AdminUserDetail:
    """One member: profile, balance and ledger totals, trackers, flags, sessions, entries, wins."""
    return admin_members.detail(req.platform, req.id("userId"))


@function(
    "admin_users.set_status",
    http=ROUTES.put("/{userId}/status"),
    auth="admin",
    request=ChangeStatus,
    response=AdminUserStatus,
    step_up=True,  # a ban (and so the route) needs a fresh one-time code
)
def set_status(req: Request, body: ChangeStatus) -> AdminUserStatus:
    """Suspend, ban or reinstate a member with a reason (suspend and ban end every session)."""
    return admin_users.change_status(
        req.platform, req.user, req.id("userId"), status=body.status, reason=body.reason
    )


@function(
    "admin_users.grant_premium",
    http=ROUTES.put("/{userId}/premium"),
    auth="admin",
    request=GrantPremium,
    response=AdminUserStatus,
)
def grant_premium(req: Request, body: GrantPremium) -> AdminUserStatus:
    """Make a member premium until a future time (or move the end of their grant)."""
    return admin_users.grant_premium(req.platform, req.user, req.id("userId"), until=body.until)


@function(
    "admin_users.end_premium",
    http=ROUTES.delete("/{userId}/premium"),
    auth="admin",
    response=AdminUserStatus,
)
def end_premium(req: Request) -> AdminUserStatus:
    """End a member's premium now."""
    return admin_users.end_premium(req.platform, req.user, req.id("userId"))


@function(
    "admin_users.actions",
    http=ROUTES.get("/{userId}/actions"),
    auth="admin",
    query=HistoryQuery,
    response=AdminActionPage,
)
def actions(req: Request, query: HistoryQuery) -> AdminActionPage:
    """The member's history, newest first: status changes, point adjustments, premium,
    review flags raised and decided."""
    return admin_members.history(req.platform, req.id("userId"), query.page, query.limit)


@function("admin_users.expire_premium", schedule="5 0 * * *")
def expire_premium(job: Job) -> dict:
    """Members whose premium ended go back to role user (daily, 00:05 ET)."""
    return admin_users.expire_premium(job.platform).model_dump(by_alias=True)
