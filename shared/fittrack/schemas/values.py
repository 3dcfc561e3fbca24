"""Value types the request models share, each declared in the contract as the server
checks it."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator, Field, StrictInt, WithJsonSchema


def integral(value: Any) -> Any:
    """JSON does not tell 3 from 3.0 (JSON Schema counts both as integers)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A strict integer (no strings, no booleans) that also takes an integral JSON float.
JsonInt = Annotated[StrictInt, BeforeValidator(integral)]


def _text(value: Any) -> Any:
    """The contract says a date-time is a string; a number is not a Unix time here.
    (Services building a model in Python pass a datetime.)"""
    if not isinstance(value, (str, datetime)):
        raise ValueError("Give a date and time as ISO 8601 text with an offset.")
    return value


# An ISO 8601 date-time with an offset, given as text (pydantic would also take numbers).
JsonDatetime = Annotated[AwareDatetime, BeforeValidator(_text)]


# Bounds must sit on the StrictInt inside the validator: on a JsonInt that is `| None`
# they reach the contract as unknown `ge`/`le` keywords instead of minimum/maximum.
# (Spelled out per use: mypy takes only static aliases as types.)


MAX_USD = Decimal("99999999.99")
# Dollars and cents as text: what the contract declares and the server takes.
USD_TEXT = r"^(0|[1-9][0-9]{0,7})(\.[0-9]{1,2})?$"


def _usd_text(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(USD_TEXT, value):
        raise ValueError("Give dollars and cents, such as 12.50.")
    return value


# An amount in US dollars: 0 to 99,999,999.99 with at most two decimals, as a number or
# as text such as "12.50".
Usd = Annotated[
    Decimal,
    BeforeValidator(_usd_text),
    Field(ge=0, le=MAX_USD, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": float(MAX_USD), "multipleOf": 0.01},
                {"type": "string", "pattern": USD_TEXT},
            ]
        },
        mode="validation",
    ),
]
