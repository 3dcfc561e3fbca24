"""`make load`: the member and admin mixes against a fresh `fittrack dev`, ramped.

1. Starts the platform on a free loopback port (fresh FITTRACK_HOME, demo seed).
2. Server CPU ms per request of every route of the mixes, one route at a time.
3. The ramp: locust at each user count of --steps for --seconds of steady state,
   stopping at the first step with an error or a p95 over the PRD's 200 ms; the
   last step that passed is the most users this machine holds.
4. Prints per-route p50/p95/p99, errors, throughput and the CPU the server, locust
   and the rest of the machine used; with $FITTRACK_BENCH_OUT set, appends each
   figure there as a JSON line.

Bounded: users and seconds per step, and --max-requests per step.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import platform_under_test
import psutil
import route_cpu
from steps import P95_TARGET_MS, Step, run_step

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/, for benchkit
from benchkit import record  # noqa: E402

DEFAULT_STEPS = "10,20,40,80"
PERCENTILE_SAMPLES = 100  # requests of a route before its p50/p95 is a figure (p99: 10x)


def main() -> None:
    args = _parser().parse_args()
    server = platform_under_test.start()
    try:
        accounts = platform_under_test.accounts(server)
        accounts_file = Path(tempfile.mkdtemp(prefix="fittrack-load-")) / "accounts.json"
        accounts_file.write_text(json.dumps(accounts))
        cpu = route_cpu.measure(server, accounts)
        print(_machine())
        print_cpu(cpu)
        held = None
        for users in (int(n) for n in args.steps.split(",")):
            step = run_step(server, accounts_file, users, args.seconds, args.max_requests)
            print_step(step)
            if not step.passed:
                break
            held = step
    finally:
        server.stop()
    print(_verdict(held))
    if held is not None:
        rate, users_at_pace = projection(cpu, held)
        print(
            f"mix: {mix_cpu_ms(cpu, held):.2f} ms of server CPU per request; one core would"
            f" serve ~{rate:.0f} req/s, ~{users_at_pace:.0f} users at this pace"
        )
    record_all(cpu, held)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default=os.environ.get("LOAD_STEPS", DEFAULT_STEPS))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", "20")))
    parser.add_argument("--max-requests", type=int, default=20000)
    return parser


def _machine() -> str:
    load = os.getloadavg()
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"machine: {psutil.cpu_count()} cores, {memory:.1f} GiB,"
        f" load average {load[0]:.2f} at the start (shared with other work);"
        f" gateway processes: {platform_under_test.workers()}"
    )


def print_cpu(cpu: dict[str, float]) -> None:
    print("server CPU per request, one route at a time:")
    for name, ms in cpu.items():
        print(f"  {name:40s} {ms:7.2f} ms")


def print_step(step: Step) -> None:
    verdict = "ok" if step.passed else "STOP"
    total = step.total
    print(
        f"\n{step.users} users: {step.throughput:.1f} req/s, errors {step.error_rate:.2%},"
        f" p95 {total.p95 if total else 0:.0f} ms [{verdict}]"
        f"  server {step.server_cores:.2f} cores, locust {step.locust_cpu / step.wall:.2f},"
        f" rest of the machine {step.others_cores:.2f}"
    )
    print(f"  {'route':40s} {'n':>6s} {'err':>4s} {'p50':>6s} {'p95':>6s} {'p99':>6s}")
    for route in [*step.routes, *([total] if total else [])]:
        print(
            f"  {route.name:40s} {route.requests:6d} {route.failures:4d}"
            f" {route.p50:6.0f} {route.p95:6.0f} {route.p99:6.0f}"
        )


def _verdict(held: Step | None) -> str:
    if held is None:
        return "\nno step passed: errors or p95 over 200 ms at the first user count"
    return (
        f"\nmost users held: {held.users} ({held.throughput:.1f} req/s,"
        f" p95 {held.total.p95 if held.total else 0:.0f} ms, no errors)"
    )


def mix_cpu_ms(cpu: dict[str, float], step: Step) -> float:
    """The server CPU of an average request of the mix: the routes' CPU weighted by how
    often the step sent each."""
    counted = [(r.requests, cpu[r.name]) for r in step.routes if r.name in cpu]
    sent = sum(n for n, _ in counted)
    return sum(n * ms for n, ms in counted) / sent if sent else 0.0


def projection(cpu: dict[str, float], step: Step) -> tuple[float, float]:
    """What one fully used core (one gateway process: the GIL) would serve of this mix:
    requests per second and users at this step's pace."""
    per_request = mix_cpu_ms(cpu, step)
    if not per_request or not step.throughput:
        return 0.0, 0.0
    rate = 1000 / per_request
    return rate, rate / (step.throughput / step.users)


def record_all(cpu: dict[str, float], held: Step | None) -> None:
    mix = "load, member and admin mix"
    for name, ms in cpu.items():
        record(f"{mix}: {name} server CPU per request", ms, "ms")
    record(f"{mix}: most users held", held.users if held else 0, "users", better="higher")
    if held is None or held.total is None:
        return
    record(f"{mix}: throughput at the most users", held.throughput, "req/s", better="higher")
    record(f"{mix}: error rate at the most users", held.error_rate, "ratio", target=0.0)
    record(f"{mix}: p95 at the most users", held.total.p95, "ms", target=P95_TARGET_MS)
    record(f"{mix}: server CPU per request", mix_cpu_ms(cpu, held), "ms")
    # A percentile of a few requests is one of the few slowest of them: it moves by
    # half between runs of the same code, so only routes asked often enough are
    # figures for bench-compare (every route is printed either way).
    for route in held.routes:
        if route.requests >= PERCENTILE_SAMPLES:
            record(f"{mix}: {route.name} p50", route.p50, "ms")
            record(f"{mix}: {route.name} p95", route.p95, "ms", target=P95_TARGET_MS)
        if route.requests >= 10 * PERCENTILE_SAMPLES:
            record(f"{mix}: {route.name} p99", route.p99, "ms")


if __name__ == "__main__":
    main()
