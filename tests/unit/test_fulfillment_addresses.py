"""Where prizes go: US addresses (50 states + DC, ZIP or ZIP+4), emails, and tax ids."""

from __future__ import annotations

from typing import Any

import pytest

from fittrack.domain import addresses

GOOD: dict[str, Any] = {
    "name": "Ann Lee",
    "street1": "1 Main St",
    "street2": None,
    "city": "Springfield",
    "state": "il",
    "zip_code": "62701",
}


def test_a_good_address_is_normalised() -> None:
    found, errors = addresses.validate_us_address(**{**GOOD, "city": "  Spring   field "})
    assert errors == []
    assert found is not None
    assert found.state == "IL"
    assert found.city == "Spring field"
    assert found.as_dict()["country"] == "US"


@pytest.mark.parametrize("zip_code", ["62701", "62701-1234", "627011234"])
def test_zip_5_or_9_digits(zip_code: str) -> None:
    found, _ = addresses.validate_us_address(**{**GOOD, "zip_code": zip_code})
    assert found is not None
    assert found.zip in ("62701", "62701-1234")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("zip_code", "6270", "invalid_zip"),
        ("zip_code", "62701-12", "invalid_zip"),
        ("zip_code", "ABCDE", "invalid_zip"),
        ("state", "XX", "invalid_state"),
        ("state", "PR", "invalid_state"),
        ("state", "Illinois", "invalid_state"),
        ("state", None, "invalid_state"),
        ("street1", "", "required"),
        ("city", " ", "required"),
        ("name", None, "required"),
        ("street1", "12345", "invalid"),
    ],
)
def test_bad_addresses_name_the_field(field: str, value: Any, code: str) -> None:
    found, errors = addresses.validate_us_address(**{**GOOD, field: value})
    assert found is None
    assert [e.code for e in errors] == [code]


def test_all_50_states_and_dc() -> None:
    assert len(addresses.US_STATES) == 51
    assert "DC" in addresses.US_STATES


@pytest.mark.parametrize(
    ("email", "ok"),
    [("a@b.co", True), ("nope", False), ("", False), ("a b@c.de", False), (None, False)],
)
def test_delivery_email(email: str | None, ok: bool) -> None:
    value, errors = addresses.validate_email(email)
    assert (value is not None) == ok
    assert bool(errors) != ok


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("123-45-6789", True),
        ("123456789", True),
        ("900 70 1234", True),
        ("12345678", False),
        ("000-12-3456", False),
        ("666-12-3456", False),
        ("123-00-4567", False),
        ("123-45-0000", False),
        ("abc-de-fghi", False),
        ("123-456789", False),  # grouped 3-2-4 or not at all
        ("123-45 6789", False),  # one kind of separator
        ("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", False),  # ASCII digits only
    ],
)
def test_tax_ids_and_no_echo(raw: str, ok: bool) -> None:
    value, errors = addresses.validate_tax_id(raw)
    assert (value is not None) == ok
    assert all(raw not in e.message for e in errors)
