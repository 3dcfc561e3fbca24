from __future__ import annotations

from typing import Literal

from fittrack.schemas.base import ApiModel


class Health(ApiModel):
    status: Literal["ok"]
    version: str


class Readiness(ApiModel):
    status: Literal["ok"]
    version: str
    checks: dict[str, str]
