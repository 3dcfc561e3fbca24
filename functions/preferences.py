"""My notification preferences: email on or off per kind (in-app is always on)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.preferences import NotificationPreferences, NotificationPreferencesUpdate
from fittrack.services import preferences

ROUTES = Routes("/users/me/notification-preferences")


@function(
    "preferences.get",
    http=ROUTES.get(),
    auth="member",
    response=NotificationPreferences,
)
def get_preferences(req: Request) -> NotificationPreferences:
    """Email on or off per notification kind; in-app notifications are always on."""
    return preferences.get_mine(req.platform, req.user.user_id)


@function(
    "preferences.update",
    http=ROUTES.put(),
    auth="member",
    request=NotificationPreferencesUpdate,
    response=NotificationPreferences,
)
def update_preferences(
    req: Request, body: NotificationPreferencesUpdate
) -> NotificationPreferences:
    """Switch email on or off for the kinds sent (a required kind cannot be switched off)."""
    return preferences.update_mine(req.platform, req.user.user_id, body)
