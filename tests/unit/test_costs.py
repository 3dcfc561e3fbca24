"""scripts/costs.py: the arithmetic behind docs/COSTS.md, against hand-computed cases."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("costs", ROOT / "scripts" / "costs.py")
assert _spec is not None and _spec.loader is not None
costs = importlib.util.module_from_spec(_spec)
sys.modules["costs"] = costs  # dataclasses look their module up while the class is built
_spec.loader.exec_module(costs)

PRICES = {
    "fn_invocation": (1e-6, 100),
    "fn_gb_second": (1e-5, 10),
    "apigw_call": (3e-6, 0),
    "object_request": (1e-6, 0),
    "queue_request": (4e-7, 0),
    "atp_ecpu_hour": (0.5, 0),
    "atp_storage_gb_month": (0.2, 0),
    "atp_backup_gb_month": (0.03, 0),
    "cache_gb_hour": (0.02, 0),
    "object_gb_month": (0.025, 0),
    "email": (0.0001, 0),
    "logging_gb_month": (0.05, 0),
    "vault_secret": (0.0, 150),
}
MEMORY = {
    "users.me": 0.25,
    "webhooks.google_health": 0.125,
    "admin_users.list": 0.125,
    "lifecycle.drawings": 0.5,
    "sync.consume": 0.5,
}


def small_model() -> dict[str, Any]:
    return {
        "meta": {"month_hours": 744, "scales": [1000]},
        "prices": {
            key: {"price": price, "free": free, "service": key, "unit": "unit"}
            for key, (price, free) in PRICES.items()
        },
        "usage": {
            "active_share": 0.5,
            "connections_per_member": 1.0,
            "new_member_share": 0.1,
            "billing_granularity_ms": 100,
            "wait_ms": 0,
            "cold_start_share": 0,
            "cold_start_ms": 0,
            "routes": {
                "users.me": {"per_day": 2, "cpu_ms": 30},
                "webhooks.google_health": {"per_day": 1, "cpu_ms": 10},
            },
            "admin": {"requests_per_month": 100, "function": "admin_users.list", "cpu_ms": 50},
            "site": {
                "visits_per_active_day": 1,
                "asset_requests_per_visit": 0.5,
                "bundle_mb": 2,
                "versions_kept": 5,
            },
            "jobs": {"lifecycle.drawings": {"runs": 1000, "ms": 150, "ms_per_member": 0}},
            "sync": {
                "ticks_per_month": 100,
                "batch_size": 10,
                "concurrency": 1,
                "months_kept": 12,
                "cpu_ms_per_sync": 20,
                "provider_calls_per_sync": 2,
                "provider_ms_per_call": 40,
                "queue_requests_per_message": 2,
                "bytes_per_sync_run": 100,
            },
            "database": {
                "min_ecpus": 2,
                "members_per_ecpu": 25_000,
                "min_storage_gb": 20,
                "months_of_data": 12,
                "backup_factor": 1.5,
                "bytes_per_member_month": {"rows": 1000},
            },
            "vault": {"secrets": 12},
            "cache": {"nodes": 1, "gb_per_node": 2, "bytes_per_member": 0},
            "email": {"per_new_member": 1, "per_member_month": 0.5},
            "logs": {"kb_per_invocation": 1, "retention_months": 2},
        },
        "scenarios": {},
    }


def quantities(model: dict[str, Any], members: int) -> dict[str, float]:
    totals: dict[str, float] = {}
    for row in costs.usage(model, members, MEMORY):
        totals[row.price] = totals.get(row.price, 0.0) + row.quantity
    return totals


@pytest.mark.parametrize(
    ("duration_ms", "granularity_ms", "seconds"),
    [(3, 100, 0.1), (100, 100, 0.1), (101, 100, 0.2), (0, 100, 0.1), (2.5, 1, 0.003)],
)
def test_a_duration_is_billed_in_whole_units_of_the_granularity(
    duration_ms: float, granularity_ms: float, seconds: float
) -> None:
    assert costs.billed_seconds(duration_ms, granularity_ms) == pytest.approx(seconds)


def test_a_share_of_invocations_pays_the_cold_start() -> None:
    usage = {"billing_granularity_ms": 100, "cold_start_ms": 150, "cold_start_share": 0.5}
    # warm: 40 ms -> 0.1 s; cold: 190 ms -> 0.2 s; 0.25 GB x (0.05 + 0.1)
    assert costs.invocation_gb_seconds(40, 0.25, usage) == pytest.approx(0.0375)


def test_the_free_allowance_comes_off_once_per_price_row() -> None:
    model = {"prices": {"fn_invocation": {"price": 2e-7, "free": 2_000_000}}}
    rows = [
        costs.Usage("fn_invocation", "api", 1_500_000),
        costs.Usage("fn_invocation", "jobs", 1_000_000),
    ]
    (cost,) = costs.costs(model, rows)
    assert (cost.quantity, cost.billable) == (2_500_000, 500_000)
    assert cost.amount == pytest.approx(0.10)


def test_usage_of_a_small_model_matches_the_hand_computation() -> None:
    q = quantities(small_model(), 1000)
    # 500 active: users.me 31,000 calls x 0.1 s x 0.25 GB = 775; webhook 15,500 x 0.0125
    # = 193.75; admin 100 x 0.0125 = 1.25; the job 1,000 x 0.2 s x 0.5 GB = 100; sync
    # 100,000 scheduled + 15,500 webhook messages in 11,550 batches of 10 x 100 ms, 0.5 GB
    assert q["fn_invocation"] == pytest.approx(46_600 + 1000 + 11_550)
    assert q["fn_gb_second"] == pytest.approx(775 + 193.75 + 1.25 + 100 + 5_775)
    assert q["apigw_call"] == pytest.approx(46_600 + 23_250)
    assert q["queue_request"] == pytest.approx(231_000)
    assert q["atp_ecpu_hour"] == 2 * 744
    assert q["atp_storage_gb_month"] == 20  # 0.15 GB of data, 20 GB allocated
    assert q["atp_backup_gb_month"] == pytest.approx((12e6 + 115_500 * 100 * 12) / 1e9 * 1.5)
    assert q["cache_gb_hour"] == 1488
    assert q["email"] == pytest.approx(600)
    assert q["logging_gb_month"] == pytest.approx(59_150 * 1000 / 1e9 * 2)


def test_the_total_of_a_small_model_matches_the_hand_computation() -> None:
    expected = (
        59_050 * 1e-6  # invocations over the 100 free
        + 6_835 * 1e-5  # GB-seconds over the 10 free
        + 69_850 * 3e-6
        + 23_250 * 1e-6
        + 231_000 * 4e-7
        + 1488 * 0.5
        + 20 * 0.2
        + 0.2259 * 0.03
        + 1488 * 0.02
        + 0.01 * 0.025
        + 600 * 0.0001
        + 0.11830 * 0.05
    )
    assert costs.total(small_model(), 1000, MEMORY) == pytest.approx(expected)


def test_concurrent_syncs_bill_one_round_per_batch() -> None:
    model = small_model()
    model["usage"]["sync"]["concurrency"] = 10
    sync = {r.price: r.quantity for r in costs.sync_usage(model, 1000, MEMORY)}
    assert sync["fn_gb_second"] == pytest.approx(11_550 * 0.1 * 0.5)


def test_sync_runs_kept_one_month_leave_the_rest_of_the_data() -> None:
    model = small_model()
    model["usage"]["sync"]["months_kept"] = 1
    assert costs.data_gb(model, 1000) == pytest.approx((12e6 + 115_500 * 100) / 1e9)


def test_a_change_applies_to_a_copy_and_refuses_an_unknown_path() -> None:
    model = small_model()
    before = copy.deepcopy(model)
    changed = costs.with_changes(
        model, [{"path": ["usage", "sync", "ticks_per_month"], "value": 25}]
    )
    assert changed["usage"]["sync"]["ticks_per_month"] == 25
    assert model == before
    with pytest.raises(KeyError, match="usage.sync.tick"):
        costs.with_changes(model, [{"path": ["usage", "sync", "tick"], "value": 1}])


def test_every_function_the_model_names_is_in_the_registry() -> None:
    model = costs.load_model()
    registry = {f["name"] for f in json.loads(costs.REGISTRY.read_text())["functions"]}
    named = set(model["usage"]["routes"]) | set(model["usage"]["jobs"])
    named |= {model["usage"]["admin"]["function"], "sync.consume"}
    assert named <= registry


def test_the_totals_in_docs_costs_are_what_the_model_computes() -> None:
    model, memory = costs.load_model(), costs.memory_gb()
    doc = (ROOT / "docs" / "COSTS.md").read_text(encoding="utf-8")
    for members in model["meta"]["scales"]:
        amount = f"{costs.total(model, members, memory):,.2f}"
        assert re.search(rf"\*\*{re.escape(amount)}\*\*", doc), (members, amount)


def test_the_price_table_marks_assumed_prices_and_keeps_the_source() -> None:
    row = {"service": "Queue", "item": "requests", "unit": "request", "free": 1_000_000}
    model = {
        "prices": {
            "found": {**row, "price": 0.0000005, "found": True, "source": "the price list"},
            "guess": {**row, "price": 0.25, "found": False, "source": "nowhere"},
        }
    }
    lines = costs.price_report(model).splitlines()
    assert (
        lines[2]
        == "| found | Queue: requests | $0.0000005 | request | 1,000,000 | the price list |"
    )
    assert (
        lines[3] == "| guess | Queue: requests | $0.25 (assumed) | request | 1,000,000 | nowhere |"
    )
