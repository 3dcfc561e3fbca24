"""My notifications: list, unread count, mark read, mark all read."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.notifications import (
    NotificationPage,
    NotificationQuery,
    NotificationView,
    ReadAllResult,
    UnreadCount,
)
from fittrack.services import notifications

ROUTES = Routes("/notifications")


@function(
    "notifications.list",
    http=ROUTES.get(),
    query=NotificationQuery,
    response=NotificationPage,
)
def list_notifications(req: Request, query: NotificationQuery) -> NotificationPage:
    """My notifications, newest first (unreadOnly=true for the unread ones), paginated."""
    return notifications.list_mine(
        req.platform,
        req.user.user_id,
        page=query.page,
        limit=query.limit,
        unread_only=query.unread_only,
    )


@function(
    "notifications.unread_count",
    http=ROUTES.get("/unread-count"),
    response=UnreadCount,
)
def unread_count(req: Request) -> UnreadCount:
    """How many of my notifications are unread."""
    return notifications.unread_count(req.platform, req.user.user_id)


@function(
    "notifications.read",
    http=ROUTES.put("/{notificationId}/read"),
    response=NotificationView,
)
def read(req: Request) -> NotificationView:
    """Mark one of my notifications read (someone else's is a 404)."""
    return notifications.mark_read(req.platform, req.user.user_id, req.id("notificationId"))


@function(
    "notifications.read_all",
    http=ROUTES.put("/read-all"),
    response=ReadAllResult,
)
def read_all(req: Request) -> ReadAllResult:
    """Mark all my notifications read."""
    return notifications.mark_all_read(req.platform, req.user.user_id)
