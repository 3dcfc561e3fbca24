"""The base of every API model: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        str_strip_whitespace=True,
    )


# A page beyond this is refused (400) rather than turned into an OFFSET no database
# should be asked for; 10,000 pages of 100 cover a million rows.
MAX_PAGE = 10_000


# Dates a query may name: the program's life, with room on both sides. Outside it
# nothing exists, and the day arithmetic of a year 1 or 9999 date would overflow.
EARLIEST_QUERY_DATE = date(2020, 1, 1)
LATEST_QUERY_DATE = date(2100, 12, 31)
ProgramDate = Annotated[date, Field(ge=EARLIEST_QUERY_DATE, le=LATEST_QUERY_DATE)]


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
