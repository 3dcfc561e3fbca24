"""The base of every API model: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

# NUL and the other control characters have no place in anything a person types
# (tab and line breaks excepted, for notes and descriptions); stored, they break
# labels, CSV exports and terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        str_strip_whitespace=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and _CONTROL.search(t) for t in texts):
            raise ValueError("Control characters (such as NUL) are not allowed.")
        return value


# A page beyond this is refused (400) rather than turned into an OFFSET no database
# should be asked for; 10,000 pages of 100 cover a million rows.
MAX_PAGE = 10_000


# Dates a query may name: the program's life, with room on both sides. Outside it
# nothing exists, and the day arithmetic of a year 1 or 9999 date would overflow.
EARLIEST_QUERY_DATE = date(2020, 1, 1)
LATEST_QUERY_DATE = date(2100, 12, 31)
# JSON Schema has no bounds for dates, so the contract states the years as a pattern.
PROGRAM_DATE_PATTERN = r"^(202[0-9]|20[3-9][0-9]|2100)-[0-9]{2}-[0-9]{2}$"
ProgramDate = Annotated[
    date,
    Field(
        ge=EARLIEST_QUERY_DATE,
        le=LATEST_QUERY_DATE,
        json_schema_extra={"pattern": PROGRAM_DATE_PATTERN},
    ),
]


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
