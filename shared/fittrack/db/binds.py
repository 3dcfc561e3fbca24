"""Bind names as Oracle checks them, applied on SQLite too.

python-oracledb refuses a named bind that has no placeholder in the statement
(DPY-4008), and Oracle refuses a placeholder named after a reserved word such as
`:uid` or `:user` (ORA-01745); SQLite accepts both. The SQLite backend applies
Oracle's rules, so such a statement fails in the tests that run here and not
first in production.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# String literals and comments hold no placeholders ('10:30', -- :note).
_NOT_SQL = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)
_PLACEHOLDER = re.compile(r"(?<![\w:]):([A-Za-z_][A-Za-z0-9_$#]*)")


# Oracle SQL reserved words (SQL Language Reference, "Oracle SQL Reserved Words").
_RESERVED_WORDS = """
    ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN
    COMMENT COMPRESS CONNECT CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT
    DROP ELSE EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP HAVING IDENTIFIED
    IMMEDIATE IN INCREMENT INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE
    LOCK LONG MAXEXTENTS MINUS MLSLABEL MODE MODIFY NOAUDIT NOCOMPRESS NOT NOWAIT NULL
    NUMBER OF OFFLINE ON ONLINE OPTION OR ORDER PCTFREE PRIOR PRIVILEGES PUBLIC RAW
    RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET SHARE SIZE SMALLINT
    START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO TRIGGER UID UNION UNIQUE UPDATE USER
    VALIDATE VALUES VARCHAR VARCHAR2 VIEW WHENEVER WHERE WITH
"""
ORACLE_RESERVED = frozenset(_RESERVED_WORDS.split())


class BindMismatch(RuntimeError):
    """Binds Oracle would refuse: passed but never named, or named after a reserved word."""


def placeholders(sql: str) -> frozenset[str]:
    """The bind names of a statement, upper-cased (Oracle compares them so)."""
    code = _NOT_SQL.sub(" ", sql)
    return frozenset(name.upper() for name in _PLACEHOLDER.findall(code))


@lru_cache(maxsize=4096)
def _allowed_placeholders(sql: str) -> frozenset[str]:
    """The placeholders of a statement, checked once for reserved words."""
    known = placeholders(sql)
    reserved = sorted(known & ORACLE_RESERVED)
    if reserved:
        raise BindMismatch(f"placeholders {reserved} are Oracle reserved words in: {sql[:200]}")
    return known


def check_binds(sql: str, names: Iterable[str]) -> None:
    known = _allowed_placeholders(sql)
    stray = sorted(name for name in names if name.upper() not in known)
    if stray:
        raise BindMismatch(f"binds {stray} have no placeholder in: {sql[:200]}")
