"""The legal documents' texts, markdown files packaged with the code
(`fittrack/legal/<kind>-<version>.md`)."""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_NAME = re.compile(r"^(?P<kind>[a-z-]+)-(?P<version>\d{4}-\d{2})\.md$")


def _folder() -> Traversable:
    return resources.files("fittrack").joinpath("legal")


def versions(kind: str) -> list[str]:
    """The versions of `kind` that have a text, oldest first."""
    found = []
    for entry in _folder().iterdir():
        match = _NAME.match(entry.name)
        if match and match["kind"] == kind:
            found.append(match["version"])
    return sorted(found)


def text(kind: str, version: str) -> str | None:
    """The markdown of one version, or None when there is none."""
    if version not in versions(kind):
        return None
    return _folder().joinpath(f"{kind}-{version}.md").read_text(encoding="utf-8")
