"""The legal documents members accept (terms, sweepstakes rules) or are shown (privacy):
the current version of each comes from `domain.constants`, the one source registration
records from; the texts are packaged markdown files."""

from __future__ import annotations

from fittrack.domain.constants import (
    PRIVACY_POLICY_VERSION,
    SWEEPSTAKES_RULES_VERSION,
    TERMS_VERSION,
)
from fittrack.domain.errors import NotFound
from fittrack.repositories import legal as repo
from fittrack.schemas.legal import LegalDocument

CURRENT = {
    "terms": TERMS_VERSION,
    "privacy": PRIVACY_POLICY_VERSION,
    "sweepstakes-rules": SWEEPSTAKES_RULES_VERSION,
}


def _current(kind: str) -> str:
    if kind not in CURRENT:
        raise NotFound(
            f"There is no legal document {kind!r}; try terms, privacy or sweepstakes-rules."
        )
    return CURRENT[kind]


def _title(markdown: str, kind: str) -> str:
    first = markdown.lstrip().splitlines()[0] if markdown.strip() else ""
    return first.removeprefix("# ").strip() if first.startswith("# ") else kind


def document(kind: str, version: str | None = None) -> LegalDocument:
    """One version of a document (the current one when `version` is None)."""
    current = _current(kind)
    wanted = version or current
    markdown = repo.text(kind, wanted)
    if markdown is None:
        raise NotFound(f"There is no version {wanted!r} of the {kind} document.")
    return LegalDocument(
        kind=kind,  # type: ignore[arg-type]
        version=wanted,
        title=_title(markdown, kind),
        current=wanted == current,
        current_version=current,
        versions=repo.versions(kind),
        text=markdown,
    )
