"""The legal documents: Terms of Service, Privacy Policy, Sweepstakes Rules."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.legal import LegalDocument
from fittrack.services import legal

ROUTES = Routes("/legal")


@function(
    "legal.current",
    http=ROUTES.get("/{kind}"),
    auth="public",
    response=LegalDocument,
)
def current(req: Request) -> LegalDocument:
    """The version in force of terms, privacy or sweepstakes-rules, with its markdown."""
    return legal.document(req.path_params["kind"])


@function(
    "legal.version",
    http=ROUTES.get("/{kind}/{version}"),
    auth="public",
    response=LegalDocument,
)
def version(req: Request) -> LegalDocument:
    """One version of a legal document (the version registration records, e.g. 2026-11)."""
    return legal.document(req.path_params["kind"], req.path_params["version"])
