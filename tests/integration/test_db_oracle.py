"""The Oracle backend.

The first part needs no server: URL parsing, pool settings, the session
callback, bind and fetch conversions, error mapping and the Oracle dialect's
SQL (checked with an Oracle SQL parser). The second part runs against a real
Oracle 23ai when FITTRACK_TEST_ORACLE_DSN is set (with _USER and _PASSWORD).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import oracledb
import pytest
import sqlglot

from fittrack import config
from fittrack.db import (
    CheckViolation,
    DatabaseUnavailable,
    RuleViolation,
    UniqueViolation,
    ids,
    migrate,
    open_database,
)
from fittrack.db.dialect import ORACLE, JsonValue
from fittrack.db.oracle import (
    SESSION_SETUP_SQL,
    OracleConfig,
    OracleDatabase,
    OracleUnitOfWork,
    error_kind,
    init_session,
    output_type_handler,
    parse_url,
    pool_kwargs,
    prepare_binds,
)

NOW = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=UTC)


def _settings(**values: Any) -> config.Settings:
    return config.Settings(oracle_user="fittrack", oracle_dsn="db:1521/FREEPDB1", **values)


def test_url_without_details_uses_settings() -> None:
    assert parse_url("oracle://", _settings(oracle_pool_max=8)) == OracleConfig(
        "fittrack", "db:1521/FREEPDB1", 1, 8
    )


def test_url_can_name_user_and_dsn() -> None:
    parsed = parse_url("oracle://app@adb.example.com:1522/svc_high", _settings())
    assert (parsed.user, parsed.dsn) == ("app", "adb.example.com:1522/svc_high")


def test_url_refuses_passwords_and_missing_settings() -> None:
    with pytest.raises(ValueError, match="secret store"):
        parse_url("oracle://app:secret@db/svc", _settings())
    with pytest.raises(ValueError, match="FITTRACK_ORACLE_USER"):
        parse_url("oracle://", config.Settings())


def test_open_database_connects_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FITTRACK_ORACLE_USER", "fittrack")
    monkeypatch.setenv("FITTRACK_ORACLE_DSN", "nowhere.invalid:1521/none")
    monkeypatch.setenv("FITTRACK_ENV", "production")
    config.reset()
    db = open_database("oracle://", password=lambda: pytest.fail("asked for a password early"))
    assert isinstance(db, OracleDatabase) and db.dialect.name == "oracle"
    db.assert_production_ready(config.settings())
    db.close()


def test_a_pool_needs_a_password() -> None:
    db = OracleDatabase(OracleConfig("u", "nowhere.invalid/none"), password=None)
    with pytest.raises(RuntimeError, match="password"):
        db.ping()


def test_pool_settings() -> None:
    kwargs = pool_kwargs(OracleConfig("u", "h:1521/s", 2, 6), "pw")
    assert kwargs == {
        "user": "u",
        "password": "pw",
        "dsn": "h:1521/s",
        "min": 2,
        "max": 6,
        "increment": 1,
        "session_callback": init_session,
    }


def test_session_callback_sets_utc() -> None:
    executed: list[str] = []

    class Cursor:
        def __enter__(self) -> Cursor:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def execute(self, sql: str) -> None:
            executed.append(sql)

    init_session(SimpleNamespace(cursor=Cursor), None)
    assert executed == [SESSION_SETUP_SQL] == ["ALTER SESSION SET TIME_ZONE = 'UTC'"]
    sqlglot.parse_one(SESSION_SETUP_SQL, read="oracle")


def test_binds_are_converted_for_the_driver() -> None:
    user_id = uuid.uuid4()
    eastern = timezone(timedelta(hours=-5))
    values, json_names = prepare_binds(
        {
            "id": user_id,
            "at": NOW.astimezone(eastern),
            "day": date(2026, 3, 14),
            "doc": ORACLE.json({"a": [1, 2]}),
            "none": ORACLE.json(None),
            "n": 3,
        }
    )
    assert values == {
        "id": user_id.bytes,
        "at": NOW.replace(tzinfo=None),
        "day": date(2026, 3, 14),
        "doc": {"a": [1, 2]},
        "none": None,
        "n": 3,
    }
    assert json_names == {"doc"}
    with pytest.raises(ValueError, match="naive"):
        prepare_binds({"at": datetime(2026, 1, 1)})


def test_constraint_errors_are_classified() -> None:
    def error(code: int) -> Exception:
        return Exception(SimpleNamespace(code=code))

    kinds = {code: error_kind(error(code)) for code in (1, 2290, 2291, 2292, 1400, 20001, 942)}
    assert kinds == {
        1: "unique",
        2290: "check",
        2291: "foreign_key",
        2292: "foreign_key",
        1400: "not_null",
        20001: "rule",
        942: None,
    }


def test_busy_and_read_only_errors_are_unavailable() -> None:
    """ORA-00054/30006 (a lock not granted in time) and ORA-16000 (read-only) are 503s."""
    translate = OracleUnitOfWork(connection=None, readonly=False)._translate
    found = {
        code: translate(oracledb.DatabaseError(SimpleNamespace(code=code)))
        for code in (54, 30006, 16000, 1, 942)
    }
    assert [code for code, error in found.items() if isinstance(error, DatabaseUnavailable)] == [
        54,
        30006,
        16000,
    ]
    assert isinstance(found[1], UniqueViolation) and found[942] is None


class _Cursor:
    arraysize = 100

    def var(self, kind: Any, arraysize: int, outconverter: Any = None) -> Any:
        return SimpleNamespace(kind=kind, outconverter=outconverter)


def _handled(type_code: Any, scale: int = 0) -> Any:
    return output_type_handler(_Cursor(), SimpleNamespace(type_code=type_code, scale=scale))


def test_fetched_values_get_python_types() -> None:
    assert _handled(oracledb.DB_TYPE_CLOB).kind is oracledb.DB_TYPE_LONG
    assert _handled(oracledb.DB_TYPE_BLOB).kind is oracledb.DB_TYPE_LONG_RAW
    assert _handled(oracledb.DB_TYPE_NUMBER, scale=2).kind is Decimal
    assert _handled(oracledb.DB_TYPE_NUMBER) is None
    assert _handled(oracledb.DB_TYPE_VARCHAR) is None
    naive = NOW.replace(tzinfo=None)
    assert _handled(oracledb.DB_TYPE_TIMESTAMP).outconverter(naive) == NOW
    assert _handled(oracledb.DB_TYPE_TIMESTAMP).outconverter(naive).tzinfo is UTC
    assert _handled(oracledb.DB_TYPE_DATE).outconverter(datetime(2026, 3, 14)) == date(2026, 3, 14)


def test_dialect_fragments_are_oracle_sql() -> None:
    page = f"SELECT email FROM users ORDER BY email {ORACLE.paginate()}"
    assert page.endswith("OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
    assert ORACLE.for_update() == " FOR UPDATE WAIT 5"
    user_type = ORACLE.json_value("eligibility", "$.user_type")
    assert user_type == "JSON_VALUE(eligibility, '$.user_type')"
    assert isinstance(ORACLE.json({"a": 1}), JsonValue)
    merge = ORACLE.upsert(
        "daily_points", ["user_id", "program_day", "steps"], key=["user_id", "program_day"]
    )
    assert merge == (
        "MERGE INTO daily_points tgt USING (SELECT :user_id AS user_id, :program_day AS"
        " program_day, :steps AS steps FROM dual) src ON (tgt.user_id = src.user_id AND"
        " tgt.program_day = src.program_day) WHEN MATCHED THEN UPDATE SET tgt.steps = src.steps"
        " WHEN NOT MATCHED THEN INSERT (user_id, program_day, steps) VALUES (src.user_id,"
        " src.program_day, src.steps)"
    )
    insert_only = ORACLE.upsert("daily_points", ["user_id", "steps"], key=["user_id"], update=[])
    assert "WHEN MATCHED" not in insert_only
    for sql in (page, merge, insert_only, f"SELECT 1 FROM dual WHERE {ORACLE.now_sql} IS NOT NULL"):
        sqlglot.parse_one(sql, read="oracle")


def test_fragments_refuse_unsafe_names() -> None:
    with pytest.raises(ValueError):
        ORACLE.json_value("eligibility", "$.x') OR 1=1 --")
    with pytest.raises(ValueError):
        ORACLE.upsert("users; DROP TABLE users", ["a"], key=["a"])
    with pytest.raises(ValueError):
        ORACLE.upsert("t", ["a", "b"], key=["a"], update=["a"])


# ---- a real Oracle 23ai (skipped unless FITTRACK_TEST_ORACLE_DSN is set) ----------

ORACLE_DSN = os.environ.get("FITTRACK_TEST_ORACLE_DSN")
needs_oracle = pytest.mark.skipif(not ORACLE_DSN, reason="FITTRACK_TEST_ORACLE_DSN is not set")


@pytest.fixture(scope="module")
def oracle_db() -> Iterator[OracleDatabase]:
    user = os.environ.get("FITTRACK_TEST_ORACLE_USER", "fittrack")
    password = os.environ.get("FITTRACK_TEST_ORACLE_PASSWORD", "")
    db = OracleDatabase(OracleConfig(user, ORACLE_DSN or ""), password=lambda: password)
    migrate(db)
    yield db
    db.close()


@needs_oracle
def test_oracle_migrates_once(oracle_db: OracleDatabase) -> None:
    oracle_db.ping()
    assert migrate(oracle_db) == []


@needs_oracle
def test_oracle_round_trips_and_constraints(oracle_db: OracleDatabase) -> None:
    user_id = ids.new_id()
    email = f"{user_id.hex}@example.com"
    try:
        with oracle_db.unit_of_work() as uow:
            uow.execute(
                "INSERT INTO users (user_id, email, email_normalized, date_of_birth, created_at,"
                " updated_at) VALUES (:id, :email, :email, :dob, :now, :now)",
                {"id": user_id, "email": email, "dob": date(1990, 5, 1), "now": NOW},
            )
            uow.execute(
                ORACLE.upsert(
                    "user_profiles", ["user_id", "goals", "open_leaderboard"], key=["user_id"]
                ),
                {
                    "user_id": user_id,
                    "goals": uow.dialect.json(["endurance"]),
                    "open_leaderboard": True,
                },
            )
            row = uow.query_one(
                "SELECT u.created_at, u.date_of_birth, p.goals, p.open_leaderboard FROM users u"
                " JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = :id",
                {"id": user_id},
            )
            docs = uow.query(
                "SELECT data FROM member_profile_dv WHERE JSON_VALUE(data, '$.email') = :email",
                {"email": email},
            )
            with pytest.raises(CheckViolation):
                uow.execute(
                    "UPDATE users SET point_balance = -1 WHERE user_id = :id", {"id": user_id}
                )
            with pytest.raises(UniqueViolation):
                uow.execute(
                    "INSERT INTO users (user_id, email, email_normalized) VALUES"
                    " (:id, :email, :email)",
                    {"id": ids.new_id(), "email": email},
                )
            with pytest.raises(RuleViolation):  # statement trigger: fires for no rows too
                uow.execute("DELETE FROM audit_log WHERE audit_id IS NULL")
        assert row == {
            "created_at": NOW,
            "date_of_birth": date(1990, 5, 1),
            "goals": ["endurance"],
            "open_leaderboard": True,
        }
        assert docs and docs[0]["data"]["profile"]["openLeaderboard"] is True
    finally:
        with oracle_db.unit_of_work() as uow:
            uow.execute("DELETE FROM users WHERE user_id = :id", {"id": user_id})
