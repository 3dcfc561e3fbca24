"""Email dispatch: what the transactional outbox holds goes to the mail sender."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fittrack.platform import Platform


def dispatch_pending(platform: Platform) -> int:
    """Send the outbox's pending emails; how many went out."""
    from fittrack.adapters.mail import dispatch_pending as send_outbox

    return send_outbox(platform.db, platform.mail)
