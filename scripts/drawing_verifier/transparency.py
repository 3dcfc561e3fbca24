"""The drawing's events in the public transparency log agree with the document."""

from __future__ import annotations

import json
import uuid
from typing import Any

from drawing_verifier.hashing import sha256
from drawing_verifier.report import Report


def check_log(doc: dict[str, Any], log: list[dict[str, Any]], report: Report) -> None:
    """The drawing's events in the public transparency log (entries 1..n, as served by
    /.well-known/fittrack-transparency/entries) agree with the document."""
    check = report.check
    prev, chained = "0" * 64, True
    for entry in log:
        expected = sha256(bytes.fromhex(prev) + entry["body"].encode("utf-8")).hex()
        chained &= entry["prevHash"] == prev and entry["entryHash"] == expected
        prev = entry["entryHash"]
    check(
        chained and [e["seq"] for e in log] == list(range(1, len(log) + 1)),
        "the log chains from entry 1",
    )
    mine = uuid.UUID(doc["drawingId"]).hex
    events: dict[str, list[dict[str, Any]]] = {}
    for entry in log:
        body = json.loads(entry["body"])
        if body.get("drawingId") == mine:
            events.setdefault(body["event"], []).append(body)
    opened, closed, executed = (
        events.get(k, [None])[0] for k in ("drawing.opened", "drawing.closed", "drawing.executed")
    )
    check(
        bool(opened) and opened["seedCommitment"] == doc.get("seedCommitment"),
        "the log recorded this commitment at opening",
    )
    check(
        bool(closed)
        and closed["merkleRoot"] == doc.get("merkleRoot")
        and closed["entriesHead"] == doc.get("entriesHead"),
        "the log recorded this snapshot at close",
    )
    check(
        bool(executed) and executed["seed"] == doc.get("seed"),
        "the log recorded this seed at the draw",
    )
    status = {p["drawIndex"]: p["status"] for p in (executed or {}).get("picks", [])}
    for body in events.get("drawing.redrawn", []):
        status[body["drawIndex"]] = body["status"]
    for body in events.get("drawing.forfeited", []):
        status[body["drawIndex"]] = "forfeited"
    shown = {w["drawIndex"]: w["status"] for w in doc.get("winners", [])}
    forfeits = {i for i, s in shown.items() if s == "forfeited"}
    check(
        forfeits == {i for i, s in status.items() if s == "forfeited"}
        and set(shown) == set(status),
        "every pick and forfeit is in the log",
    )
