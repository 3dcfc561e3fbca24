"""Whether a scheduled run is the one its America/New_York cron asked for.

Resource Scheduler fires in UTC, and New York is UTC-5 in winter and UTC-4 in
summer, so Terraform schedules an ET cron at both candidate UTC hours
(terraform/modules/manifest/schedules.tf). Exactly one of the two falls in the
cron's ET hour on any day; the job acts on that one and skips the other.
"""

from __future__ import annotations

from datetime import datetime

from fittrack.clock import PROGRAM_TZ


def cron_hours(cron: str) -> set[int] | None:
    """The hours a 5-field cron names (numbers, lists, ranges, steps); None for every hour."""
    fields = cron.split()
    if len(fields) != 5 or fields[1] == "*":
        return None
    hours: set[int] = set()
    for part in fields[1].split(","):
        span, _, step = part.partition("/")
        first, _, last = span.partition("-")
        low = 0 if first == "*" else int(first)
        high = 23 if first == "*" else int(last or first)
        hours.update(range(low, high + 1, int(step or 1)))
    return hours


def in_declared_hour(cron: str, moment: datetime) -> bool:
    """True when `moment`, in New York time, lies in an hour the cron names."""
    hours = cron_hours(cron)
    return hours is None or moment.astimezone(PROGRAM_TZ).hour in hours
