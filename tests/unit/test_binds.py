"""Oracle's bind rule, applied on SQLite too: no bind without a placeholder."""

from __future__ import annotations

import pytest

from fittrack.db.binds import BindMismatch, check_binds, placeholders


def test_placeholders_are_named_binds_outside_literals_and_comments() -> None:
    sql = (
        "SELECT a FROM t WHERE b = :b AND c = ':not_a_bind' -- :nor_this\n"
        " AND d = :D /* :nor :these */ AND e = 'it''s :quoted' AND f = :b"
    )
    assert placeholders(sql) == {"B", "D"}


def test_placeholders_need_a_name_start() -> None:
    assert placeholders("SELECT :1, x::text, :_ok, :ok$1 FROM dual") == {"_OK", "OK$1"}


def test_binds_match_case_insensitively() -> None:
    check_binds("UPDATE t SET a = :A WHERE id = :id", ["a", "ID"])


def test_a_stray_bind_is_refused_by_name() -> None:
    with pytest.raises(BindMismatch, match=r"\['extra', 'now'\]"):
        check_binds("UPDATE t SET a = :a", ["a", "now", "extra"])


@pytest.mark.parametrize("name", ["uid", "user", "by", "Number", "trigger"])
def test_a_reserved_word_is_no_bind_name(name: str) -> None:
    with pytest.raises(BindMismatch, match="reserved"):
        check_binds(f"SELECT a FROM t WHERE b = :{name}", [name])
