"""The public transparency log of drawing events: checkpoint, entries, signing key."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.transparency import (
    TransparencyCheckpoint,
    TransparencyEntries,
    TransparencyKey,
    TransparencyQuery,
)
from fittrack.services import transparency

# Under /.well-known: the API Gateway holds at most 20 deployments, one per API path
# prefix, and they are all taken; /.well-known shares one (docs/drawings.md).
PREFIX = "/.well-known/fittrack-transparency"


@function(
    "transparency.checkpoint",
    http=("GET", f"{PREFIX}/checkpoint"),
    auth="public",
    response=TransparencyCheckpoint,
)
def checkpoint(req: Request) -> TransparencyCheckpoint:
    """The log's size and head, signed (a C2SP tlog-checkpoint shaped note)."""
    return transparency.checkpoint(req.platform)


@function(
    "transparency.entries",
    http=("GET", f"{PREFIX}/entries"),
    auth="public",
    query=TransparencyQuery,
    response=TransparencyEntries,
)
def entries(req: Request, query: TransparencyQuery) -> TransparencyEntries:
    """Entries `from`..`to`, each with the canonical body it hashes and its chain hashes."""
    return transparency.entries(req.platform, query)


@function(
    "wellknown.transparency_key",
    http=("GET", f"{PREFIX}/key"),
    auth="public",
    response=TransparencyKey,
)
def signing_key(req: Request) -> TransparencyKey:
    """The Ed25519 key that signs the transparency log's checkpoints."""
    return transparency.public_key(req.platform)
