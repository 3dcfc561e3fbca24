"""GET /legal/{kind} and /legal/{kind}/{version}."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from fittrack.schemas.base import ApiModel

LegalKind = Literal["terms", "privacy", "sweepstakes-rules"]


class LegalDocument(ApiModel):
    kind: LegalKind
    version: str = Field(
        description="The version registration records (terms and sweepstakes rules), e.g. 2026-11."
    )
    title: str
    current: bool = Field(description="Whether this is the version in force today.")
    current_version: str
    versions: list[str] = Field(description="Every published version, oldest first.")
    format: Literal["markdown"] = "markdown"
    text: str = Field(description="The document as markdown.")
