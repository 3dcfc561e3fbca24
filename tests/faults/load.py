"""A member load over real HTTP: threads looping over a mix of member requests.

Each sample records the phase the drill was in when the request started (a drill moves
`Load.phase` as it breaks and repairs things), so every answer can be judged against
what was broken at the time. The soak (scripts/soak.py) drives the same mix.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from tests.fixtures.members import Member


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    body: dict[str, Any] | None = None


@dataclass(frozen=True)
class Sample:
    phase: str
    name: str
    status: int
    seconds: float


def member_mix(drawing_id: uuid.UUID) -> list[Call]:
    """What a member's app asks for: dashboard reads, points, boards, drawings, a ticket."""
    return [
        Call("balance", "GET", "/api/v1/points/balance"),
        Call("me", "GET", "/api/v1/users/me"),
        Call("board", "GET", "/api/v1/leaderboards/daily"),
        Call("my-rank", "GET", "/api/v1/leaderboards/daily/me"),
        Call("activities", "GET", "/api/v1/activities"),
        Call("notifications", "GET", "/api/v1/notifications"),
        Call("drawings", "GET", "/api/v1/drawings"),
        Call("drawing", "GET", f"/api/v1/drawings/{drawing_id}"),
        Call("buy", "POST", f"/api/v1/drawings/{drawing_id}/tickets", {"quantity": 1}),
    ]


class Load:
    def __init__(self, base_url: str, members: list[Member], mix: list[Call], threads: int) -> None:
        self.base_url, self.members, self.mix, self.threads = base_url, members, mix, threads
        self.phase = "start"
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []

    def start(self) -> Load:
        for n in range(self.threads):
            worker = threading.Thread(target=self._loop, args=(n,), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def stop(self) -> list[Sample]:
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)
        return list(self.samples)

    def count(self, phase: str) -> int:
        with self._lock:
            return sum(1 for s in self.samples if s.phase == phase)

    def wait_for(self, phase: str, samples: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while self.count(phase) < samples:
            if time.monotonic() > deadline:
                raise AssertionError(f"only {self.count(phase)} requests in phase {phase}")
            time.sleep(0.02)

    def _loop(self, n: int) -> None:
        member = self.members[n % len(self.members)]
        with requests.Session() as session:
            step = n
            while not self._stop.is_set():
                call = self.mix[step % len(self.mix)]
                step += 1
                self._record(self._send(session, member, call))

    def _send(self, session: requests.Session, member: Member, call: Call) -> Sample:
        phase, started = self.phase, time.monotonic()
        try:
            answer = session.request(
                call.method,
                self.base_url + call.path,
                json=call.body,
                headers=member.headers,
                timeout=30,
            )
            status = answer.status_code
        except requests.RequestException:
            status = 0  # no answer at all
        return Sample(phase, call.name, status, time.monotonic() - started)

    def _record(self, sample: Sample) -> None:
        with self._lock:
            self.samples.append(sample)


def statuses(samples: list[Sample], phase: str | None = None) -> Counter[tuple[str, int]]:
    return Counter((s.name, s.status) for s in samples if phase is None or s.phase == phase)


def failures(samples: list[Sample], allowed: Callable[[Sample], bool]) -> list[Sample]:
    """Answers that are not a success (2xx) nor a refusal the drill allows."""
    return [s for s in samples if not (200 <= s.status < 300 or allowed(s))]
