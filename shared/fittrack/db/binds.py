"""Bind names against placeholders, as Oracle's driver checks them.

python-oracledb refuses a named bind that has no placeholder in the statement
(DPY-4008), while SQLite ignores it. The SQLite backend applies Oracle's rule
too, so a statement given a stray bind fails in the tests that run here and not
first in production.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# String literals and comments hold no placeholders ('10:30', -- :note).
_NOT_SQL = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)
_PLACEHOLDER = re.compile(r"(?<![\w:]):([A-Za-z_][A-Za-z0-9_$#]*)")


class BindMismatch(RuntimeError):
    """Binds passed that the statement never names."""


@lru_cache(maxsize=4096)
def placeholders(sql: str) -> frozenset[str]:
    """The bind names of a statement, upper-cased (Oracle compares them so)."""
    code = _NOT_SQL.sub(" ", sql)
    return frozenset(name.upper() for name in _PLACEHOLDER.findall(code))


def check_binds(sql: str, names: Iterable[str]) -> None:
    known = placeholders(sql)
    stray = sorted(name for name in names if name.upper() not in known)
    if stray:
        raise BindMismatch(f"binds {stray} have no placeholder in: {sql[:200]}")
