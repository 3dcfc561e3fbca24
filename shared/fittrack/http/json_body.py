"""Request bodies are read only once they are known to be small and shallow.

`json.loads` recurses once per nesting level, so a body nested a thousand levels deep
fails inside the parser: it is refused here first, as a problem that says so. Integer
literals are converted by `int`, which refuses (and slowly parses) very long ones, so a
literal longer than any value we take is kept as an `OversizedInteger` instead: a field
that reads it refuses it by name like any value of the wrong type, and a field the
models ignore stays ignored.
"""

from __future__ import annotations

import json
from typing import Any

from fittrack.domain.errors import FieldError, PayloadTooLarge, ValidationFailed

MAX_BODY_BYTES = 1024 * 1024  # the gateway's limit too
MAX_DEPTH = 32  # our deepest request model nests 3 levels
MAX_NUMBER_DIGITS = 30  # points, quantities and money all fit in far fewer


class OversizedInteger:
    """An integer literal of more than MAX_NUMBER_DIGITS digits, left unconverted."""

    __slots__ = ("digits",)

    def __init__(self, literal: str) -> None:
        self.digits = len(literal.lstrip("-"))

    def __repr__(self) -> str:
        return f"<integer of {self.digits} digits>"


def _integer(literal: str) -> int | OversizedInteger:
    if len(literal) > MAX_NUMBER_DIGITS:
        return OversizedInteger(literal)
    return int(literal)


def parse(body: bytes) -> Any:
    """The JSON document in `body` (None for an empty body), or a 400/413 problem."""
    if not body:
        return None
    if len(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    _check_shape(body)
    try:
        return json.loads(body, parse_int=_integer)
    except (UnicodeDecodeError, ValueError) as bad:
        raise _invalid(f"The body is not valid JSON: {bad}") from None


def _check_shape(body: bytes) -> None:
    """Refuse nesting deeper than MAX_DEPTH, scanning outside strings only."""
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
            continue
        if byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_DEPTH:
                raise _invalid(f"The body nests deeper than {MAX_DEPTH} levels.")
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1


def _invalid(message: str) -> ValidationFailed:
    return ValidationFailed(
        [FieldError("body", message, "invalid_json")], "The request body could not be parsed."
    )
