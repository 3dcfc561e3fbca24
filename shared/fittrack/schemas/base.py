"""The base of every API model: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonDict

# NUL and the other control characters have no place in anything a person types
# (tab and line breaks excepted, for notes and descriptions); stored, they break
# labels, CSV exports and terminals.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        str_strip_whitespace=True,
    )

    # Rules a request is refused by that JSON Schema cannot state (a time relative to
    # now, a property unique across a list): (field, code) -> the rule. The contract
    # lists them on the route's 400 answer as `x-fittrack-refusals`.
    contract_refusals: ClassVar[dict[tuple[str, str], str]] = {}

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and CONTROL_CHARACTERS.search(t) for t in texts):
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


def declared_required(*names: str) -> ConfigDict:
    """Fields the contract requires while the model keeps Python defaults, so the domain
    can answer every problem of a request at once, by field."""
    return ConfigDict(json_schema_extra={"required": list(names)})


def optional_string(schema: JsonDict) -> None:
    """Declared as a string a client may leave out (or the server may omit), not a
    nullable one with a default: generated clients then type it `string | undefined`."""
    branches = schema.pop("anyOf", None)
    schema.pop("default", None)
    if isinstance(branches, list):
        strings = [b for b in branches if isinstance(b, dict) and b.get("type") == "string"]
        schema.update(strings[0])


def string_with(**rules: Any) -> Callable[[JsonDict], None]:
    """A field declared as a plain (non-null) string with these JSON Schema rules."""

    def declare(schema: JsonDict) -> None:
        optional_string(schema)
        schema.update(rules)

    return declare
