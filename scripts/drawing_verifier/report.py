"""The verifier's report: one line a check, and the checks that failed."""

from __future__ import annotations


class Report:
    def __init__(self, heading: str) -> None:
        self.lines = [heading]
        self.failures: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        self.lines.append(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            self.failures.append(what)

    def note(self, line: str) -> None:
        self.lines.append(line)
