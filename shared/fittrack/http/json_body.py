"""Request bodies are read only once they are known to be small and shallow.

`json.loads` recurses once per nesting level and converts any integer literal, so a
body nested a thousand levels deep or carrying a 5,000-digit number fails inside
the parser. Both are refused here first, as problems that name what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from fittrack.domain.errors import FieldError, PayloadTooLarge, ValidationFailed

MAX_BODY_BYTES = 1024 * 1024  # the gateway's limit too
MAX_DEPTH = 32  # our deepest request model nests 3 levels
MAX_NUMBER_DIGITS = 30  # points, quantities and money all fit in far fewer


def parse(body: bytes) -> Any:
    """The JSON document in `body` (None for an empty body), or a 400/413 problem."""
    if not body:
        return None
    if len(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    _check_shape(body)
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError) as bad:
        raise _invalid(f"The body is not valid JSON: {bad}") from None


def _check_shape(body: bytes) -> None:
    """Refuse nesting deeper than MAX_DEPTH and number literals longer than
    MAX_NUMBER_DIGITS, scanning outside strings only."""
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH and len(body) <= MAX_NUMBER_DIGITS:
        return
    depth, digits, in_string, escaped = 0, 0, False, False
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
            in_string, digits = True, 0
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_DEPTH:
                raise _invalid(f"The body nests deeper than {MAX_DEPTH} levels.")
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
        if 0x30 <= byte <= 0x39:
            digits += 1
            if digits > MAX_NUMBER_DIGITS:
                raise _invalid(f"A number in the body has more than {MAX_NUMBER_DIGITS} digits.")
        elif byte not in (0x2D, 0x2B, 0x2E, 0x65, 0x45):  # - + . e E inside a number
            digits = 0


def _invalid(message: str) -> ValidationFailed:
    return ValidationFailed(
        [FieldError("body", message, "invalid_json")], "The request body could not be parsed."
    )
