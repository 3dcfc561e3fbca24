"""What FitTrack costs a month on OCI at a number of members: docs/COSTS.md's figures.

    costs.py                 the prices, then every scale of the model: usage, then the
                             cost per price row, then the named changes and their saving
    costs.py --members N     one scale (no scenarios)

Reads scripts/costs_model.toml (prices with their source and date, the member load
mix with the measured CPU per request, job and sync figures) and
api-spec/functions.json (each function's memory). Usage rows are quantities a
month; a cost row sums the usage rows of one price, takes the free allowance off
once (allowances are per tenancy) and multiplies by the list price.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "scripts" / "costs_model.toml"
REGISTRY = ROOT / "api-spec" / "functions.json"
DAYS = 31
GB = 1e9


@dataclass(frozen=True)
class Usage:
    """A quantity a month, billed at one price row."""

    price: str
    what: str
    quantity: float


@dataclass(frozen=True)
class Cost:
    price: str
    quantity: float
    billable: float
    amount: float


def load_model(path: Path = MODEL) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def memory_gb(path: Path = REGISTRY) -> dict[str, float]:
    functions = json.loads(path.read_text(encoding="utf-8"))["functions"]
    return {f["name"]: f["memoryMb"] / 1024 for f in functions}


def billed_seconds(duration_ms: float, granularity_ms: float) -> float:
    """Billed duration of one invocation: rounded up to the granularity, at least one unit."""
    units = max(1, math.ceil(duration_ms / granularity_ms - 1e-9))
    return units * granularity_ms / 1000


def invocation_gb_seconds(duration_ms: float, gb: float, u: dict[str, Any]) -> float:
    """GB-seconds of one average invocation: a share of them also pays a cold start."""
    granularity = u["billing_granularity_ms"]
    warm = billed_seconds(duration_ms, granularity)
    cold = billed_seconds(duration_ms + u["cold_start_ms"], granularity)
    share = u["cold_start_share"]
    return gb * ((1 - share) * warm + share * cold)


def http_usage(model: dict[str, Any], members: int, memory: dict[str, float]) -> list[Usage]:
    u = model["usage"]
    active = members * u["active_share"]
    calls = gb_s = 0.0
    for name, route in u["routes"].items():
        n = active * route["per_day"] * DAYS
        calls += n
        gb_s += n * invocation_gb_seconds(route["cpu_ms"] + u["wait_ms"], memory[name], u)
    admin = u["admin"]
    calls += admin["requests_per_month"]
    gb_s += admin["requests_per_month"] * invocation_gb_seconds(
        admin["cpu_ms"] + u["wait_ms"], memory[admin["function"]], u
    )
    site = u["site"]
    site_calls = (
        active * site["visits_per_active_day"] * DAYS * (1 + site["asset_requests_per_visit"])
    )
    return [
        Usage("fn_invocation", "API functions", calls),
        Usage("fn_gb_second", "API functions", gb_s),
        Usage("apigw_call", "API routes", calls),
        Usage("apigw_call", "site (index.html, assets)", site_calls),
        Usage("object_request", "site objects through the gateway", site_calls),
    ]


def job_usage(model: dict[str, Any], members: int, memory: dict[str, float]) -> list[Usage]:
    u = model["usage"]
    runs = gb_s = 0.0
    for name, job in u["jobs"].items():
        duration = job["ms"] + job["ms_per_member"] * members
        runs += job["runs"]
        gb_s += job["runs"] * invocation_gb_seconds(duration, memory[name], u)
    return [
        Usage("fn_invocation", "scheduled jobs", runs),
        Usage("fn_gb_second", "scheduled jobs", gb_s),
    ]


def sync_messages(model: dict[str, Any], members: int) -> float:
    u = model["usage"]
    scheduled = members * u["connections_per_member"] * u["sync"]["ticks_per_month"]
    webhooks = members * u["active_share"] * u["routes"]["webhooks.google_health"]["per_day"] * DAYS
    return scheduled + webhooks


def sync_usage(model: dict[str, Any], members: int, memory: dict[str, float]) -> list[Usage]:
    u, s = model["usage"], model["usage"]["sync"]
    messages = sync_messages(model, members)
    batches = math.ceil(messages / s["batch_size"])
    per_sync_ms = s["cpu_ms_per_sync"] + s["provider_calls_per_sync"] * s["provider_ms_per_call"]
    rounds = math.ceil(s["batch_size"] / s["concurrency"])  # syncs of a batch run side by side
    batch_ms = rounds * (per_sync_ms + u["wait_ms"])
    return [
        Usage("fn_invocation", "sync.consume batches", batches),
        Usage(
            "fn_gb_second",
            "sync.consume",
            batches * invocation_gb_seconds(batch_ms, memory["sync.consume"], u),
        ),
        Usage("queue_request", "sync-jobs messages", messages * s["queue_requests_per_message"]),
    ]


def data_gb(model: dict[str, Any], members: int) -> float:
    """Database size after the model's months of data."""
    d, s = model["usage"]["database"], model["usage"]["sync"]
    per_member = sum(d["bytes_per_member_month"].values())
    sync_runs = sync_messages(model, members) * s["bytes_per_sync_run"]
    months = d["months_of_data"]
    return (members * per_member * months + sync_runs * min(months, s["months_kept"])) / GB


def database_usage(model: dict[str, Any], members: int) -> list[Usage]:
    meta, d = model["meta"], model["usage"]["database"]
    size = data_gb(model, members)
    ecpus = max(d["min_ecpus"], math.ceil(members / d["members_per_ecpu"]))
    return [
        Usage("atp_ecpu_hour", f"{ecpus} ECPU always on", ecpus * meta["month_hours"]),
        Usage(
            "atp_storage_gb_month",
            f"{size:,.0f} GB of data, at least {d['min_storage_gb']} GB",
            max(size, d["min_storage_gb"]),
        ),
        Usage("atp_backup_gb_month", "automatic backups", size * d["backup_factor"]),
    ]


def fixed_usage(model: dict[str, Any], members: int, invocations: float) -> list[Usage]:
    meta, u = model["meta"], model["usage"]
    cache, site, email, logs = u["cache"], u["site"], u["email"], u["logs"]
    emails = members * (u["new_member_share"] * email["per_new_member"] + email["per_member_month"])
    log_gb = invocations * logs["kb_per_invocation"] * 1000 / GB * logs["retention_months"]
    return [
        Usage(
            "cache_gb_hour",
            f"{cache['nodes']} nodes x {cache['gb_per_node']} GB"
            f" ({members * cache['bytes_per_member'] / 1e6:,.0f} MB of data)",
            cache["nodes"] * cache["gb_per_node"] * meta["month_hours"],
        ),
        Usage(
            "object_gb_month", "site bundles kept", site["bundle_mb"] * site["versions_kept"] / 1000
        ),
        Usage("email", "verification, resets, prize mail", emails),
        Usage("logging_gb_month", "gateway and function logs kept", log_gb),
        Usage("vault_secret", "secrets", u["vault"]["secrets"]),
    ]


def usage(model: dict[str, Any], members: int, memory: dict[str, float]) -> list[Usage]:
    rows = http_usage(model, members, memory) + job_usage(model, members, memory)
    rows += sync_usage(model, members, memory)
    invocations = sum(r.quantity for r in rows if r.price == "fn_invocation")
    return rows + database_usage(model, members) + fixed_usage(model, members, invocations)


def costs(model: dict[str, Any], rows: list[Usage]) -> list[Cost]:
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        totals[row.price] += row.quantity
    result = []
    for price_id, quantity in totals.items():
        price = model["prices"][price_id]
        billable = max(0.0, quantity - price["free"])
        result.append(Cost(price_id, quantity, billable, billable * price["price"]))
    return result


def total(model: dict[str, Any], members: int, memory: dict[str, float]) -> float:
    return sum(c.amount for c in costs(model, usage(model, members, memory)))


def with_changes(model: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The model with each {path, value} change applied (a copy)."""
    changed = copy.deepcopy(model)
    for change in changes:
        *parents, leaf = change["path"]
        node = changed
        for key in parents:
            node = node[key]
        if leaf not in node:
            raise KeyError(f"no {'.'.join(change['path'])} in the model")
        node[leaf] = change["value"]
    return changed


def scenario_report(model: dict[str, Any], memory: dict[str, float]) -> str:
    scales = model["meta"]["scales"]
    head = " | ".join(f"{m:,} members: $ a month (saving)" for m in scales)
    lines = [f"| scenario | {head} |", "| --- |" + " --- |" * len(scales)]
    base = [total(model, m, memory) for m in scales]
    lines.append("| as modelled | " + " | ".join(f"{b:,.2f}" for b in base) + " |")
    for name, scenario in model["scenarios"].items():
        changed = with_changes(model, scenario["changes"])
        sized = {**memory, **{k: mb / 1024 for k, mb in scenario.get("memory_mb", {}).items()}}
        cells = []
        for members, before in zip(scales, base, strict=True):
            after = total(changed, members, sized)
            cells.append(f"{after:,.2f} ({before - after:,.2f})")
        lines.append(f"| {name}: {scenario['what']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def price_report(model: dict[str, Any]) -> str:
    lines = [
        "| price row | service: item | price | unit | free a month | source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key, p in model["prices"].items():
        price = f"${p['price']:.8f}".rstrip("0").rstrip(".") if p["price"] else "$0"
        price += "" if p["found"] else " (assumed)"
        cells = [key, f"{p['service']}: {p['item']}", price, p["unit"], f"{p['free']:,}"]
        lines.append("| " + " | ".join([*cells, p["source"]]) + " |")
    return "\n".join(lines)


def figure(quantity: float) -> str:
    whole = quantity >= 100 or quantity == int(quantity)
    return f"{quantity:,.0f}" if whole else f"{quantity:,.2f}"


def report(model: dict[str, Any], members: int, memory: dict[str, float]) -> str:
    rows = usage(model, members, memory)
    lines = [
        f"## {members:,} members",
        "",
        "| price row | usage | quantity a month |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {r.price} | {r.what} | {figure(r.quantity)} |" for r in rows]
    lines += [
        "",
        "| price row | service | quantity | free | billable | $ a month |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    priced = costs(model, rows)
    for c in priced:
        p = model["prices"][c.price]
        cells = [c.price, p["service"], f"{figure(c.quantity)} {p['unit']}", f"{p['free']:,}"]
        cells += [figure(c.billable), f"{c.amount:,.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"| **total** | | | | | **{sum(c.amount for c in priced):,.2f}** |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, action="append")
    args = parser.parse_args()
    model, memory = load_model(), memory_gb()
    if not args.members:
        print("## Prices\n\n" + price_report(model), end="\n\n")
    for members in args.members or model["meta"]["scales"]:
        print(report(model, members, memory), end="\n\n")
    if not args.members:
        print("## Changes\n\n" + scenario_report(model, memory))


if __name__ == "__main__":
    main()
