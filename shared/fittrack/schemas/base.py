"""The base of every API model: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        str_strip_whitespace=True,
    )


class Pagination(ApiModel):
    page: int
    limit: int
    total_items: int
    total_pages: int


# URLs are ASCII (RFC 3986 percent-encodes anything else), so their length in
# characters is also their size in Oracle's byte-sized VARCHAR2 columns.
HTTP_URL = r"^https?://[!-~]+$"
# Printable ASCII and spaces: carrier names, tracking numbers.
PRINTABLE_ASCII = r"^[ -~]+$"
