"""Anti-gaming rules (SPEC section 4): pure, no I/O.

- Daily points: within one tier and one program day, a member whose points exceed
  the tier's mean by more than 3 standard deviations is an outlier. The population
  is the tier's members who have a points row for that day; the deviation is the
  population standard deviation. With n members no value can lie more than
  (n - 1) / sqrt(n) deviations above the mean, so a tier needs at least 11 earners
  that day before anyone can be flagged, and a day where everyone earned the same
  flags nobody.
- Devices: a device id seen on SHARED_DEVICE_ACCOUNTS or more accounts flags each
  of those accounts.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SIGMAS = 3  # an integer, so the comparison below is exact
SHARED_DEVICE_ACCOUNTS = 3


@dataclass(frozen=True, kw_only=True)
class Outlier:
    user_id: uuid.UUID
    points: int
    mean: float
    std_dev: float
    members: int

    @property
    def threshold(self) -> float:
        return self.mean + SIGMAS * self.std_dev


def mean_and_std_dev(values: Iterable[int]) -> tuple[float, float, int]:
    """Mean, population standard deviation and count (exact sums, then one sqrt)."""
    items = list(values)
    n = len(items)
    if n == 0:
        return 0.0, 0.0, 0
    total = sum(items)
    squares = sum(v * v for v in items)
    variance_n2 = n * squares - total * total  # n^2 * variance, an exact integer
    return total / n, math.sqrt(max(variance_n2, 0)) / n, n


def outliers(points_by_member: Mapping[uuid.UUID, int]) -> list[Outlier]:
    """Members of one tier whose points on one day exceed mean + 3 standard deviations."""
    mean, std_dev, n = mean_and_std_dev(points_by_member.values())
    if std_dev == 0:
        return []
    values = list(points_by_member.values())
    total = sum(values)
    n2_variance = n * sum(v * v for v in values) - total * total
    found = []
    for user_id, points in points_by_member.items():
        # points > mean + 3 sd  <=>  n*points - total > 3 * sqrt(n^2 * variance): both sides
        # squared (the left one is positive) and compared as integers, with no rounding.
        excess = n * points - total
        if excess > 0 and excess * excess > SIGMAS * SIGMAS * n2_variance:
            found.append(
                Outlier(user_id=user_id, points=points, mean=mean, std_dev=std_dev, members=n)
            )
    return sorted(found, key=lambda o: (-o.points, o.user_id.bytes))


def shared_devices(
    accounts_by_device: Mapping[str, Iterable[uuid.UUID]],
) -> dict[str, list[uuid.UUID]]:
    """Devices seen on SHARED_DEVICE_ACCOUNTS or more accounts, with those accounts."""
    shared = {}
    for device_id, accounts in accounts_by_device.items():
        distinct = sorted(set(accounts), key=lambda u: u.bytes)
        if len(distinct) >= SHARED_DEVICE_ACCOUNTS:
            shared[device_id] = distinct
    return shared
