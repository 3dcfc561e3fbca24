"""`step_up=True` is a declaration for admin HTTP routes only (jobs are never stepped up)."""

from __future__ import annotations

import pytest

from fittrack.http.registry import function


@pytest.mark.parametrize(
    "trigger",
    [
        {"schedule": "0 5 * * *"},
        {"queue": "sync"},
        {"http": ("POST", "/anything"), "auth": "member"},
    ],
)
def test_step_up_is_refused_off_admin_routes(trigger: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="step_up"):
        function("probe.step_up_misuse", step_up=True, **trigger)  # type: ignore[arg-type]
