"""Members: my account and profile, export and deletion, public profiles, tier and purge jobs."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request, Response
from fittrack.schemas.users import MeView, ProfileUpdate, ProfileView, PublicProfile
from fittrack.services import privacy, profiles

ROUTES = Routes("/users")


@function(
    "users.me",
    http=ROUTES.get("/me"),
    response=MeView,
    memory=256,
)
def me(req: Request) -> MeView:
    """My account, profile (with tier and age bracket), connections and stats."""
    return profiles.get_me(req.platform, req.user)


@function(
    "users.update_profile",
    http=ROUTES.put("/me/profile"),
    request=ProfileUpdate,
    response=ProfileView,
    memory=256,
)
def update_profile(req: Request, body: ProfileUpdate) -> ProfileView:
    """Replace my profile; the server computes age bracket and tier code."""
    return profiles.update_profile(req.platform, req.user, body)


@function("users.export", http=ROUTES.get("/me/export"), memory=512, timeout=60)
def export(req: Request) -> Response:
    """All of my data as a JSON download (CCPA)."""
    document = privacy.export(req.platform, req.user)
    filename = f"fittrack-export-{document['userId']}.json"
    return Response(document, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@function("users.delete", http=ROUTES.delete("/me"), status=204, memory=256, timeout=30)
def delete(req: Request) -> None:
    """Delete my account: anonymised at once, purged within 30 days."""
    privacy.delete_account(req.platform, req.user)


@function(
    "users.public",
    http=ROUTES.get("/{userId}/public"),
    auth="public",
    response=PublicProfile,
)
def public(req: Request) -> PublicProfile:
    """A member's public profile: display name, tier and ranks, nothing private."""
    return profiles.public_profile(req.platform, req.id("userId"))


@function(
    "users.refresh_tiers",
    schedule="5 0 * * *",
)
def refresh_tiers(job: Job) -> dict:
    """Move members whose birthday changed their age bracket (daily, 00:05 ET)."""
    return {"updated": profiles.refresh_tiers(job.platform)}


@function(
    "users.purge",
    schedule="30 3 * * *",
)
def purge(job: Job) -> dict:
    """Purge the personal data of members deleted 30 or more days ago (daily, 03:30 ET)."""
    return {"purged": privacy.purge_deleted(job.platform)}
