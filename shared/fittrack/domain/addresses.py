"""Where a prize goes: a US postal address (50 states + DC) or, for digital prizes, an email.

Pure validation: returns the normalised value or a list of field errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fittrack.domain.constants import US_STATES
from fittrack.domain.errors import FieldError

_ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ().-]{7,20}$")
_MAX = {"name": 100, "street1": 100, "street2": 100, "city": 60}


@dataclass(frozen=True, kw_only=True)
class UsAddress:
    name: str
    street1: str
    street2: str | None
    city: str
    state: str
    zip: str
    phone: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "street1": self.street1,
            "street2": self.street2,
            "city": self.city,
            "state": self.state,
            "zip": self.zip,
            "country": "US",
            "phone": self.phone,
        }


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def validate_us_address(
    *,
    name: str | None,
    street1: str | None,
    street2: str | None,
    city: str | None,
    state: str | None,
    zip_code: str | None,
    phone: str | None = None,
    prefix: str = "address",
) -> tuple[UsAddress | None, list[FieldError]]:
    """A normalised address, or the reasons it is not a deliverable US address."""
    values = {
        "name": _clean(name),
        "street1": _clean(street1),
        "street2": _clean(street2),
        "city": _clean(city),
    }
    errors = [
        FieldError(f"{prefix}.{field}", "This field is required.", "required")
        for field in ("name", "street1", "city")
        if not values[field]
    ]
    errors += [
        FieldError(f"{prefix}.{field}", f"At most {limit} characters.", "too_long")
        for field, limit in _MAX.items()
        if len(values[field]) > limit
    ]
    if values["street1"] and not re.search(r"[A-Za-z]", values["street1"]):
        errors.append(FieldError(f"{prefix}.street1", "Enter a street address.", "invalid"))
    st = _clean(state).upper()
    if st not in US_STATES:
        errors.append(
            FieldError(
                f"{prefix}.state", "Use the two-letter code of a US state or DC.", "invalid_state"
            )
        )
    digits = _clean(zip_code).replace(" ", "")
    if not _ZIP.match(digits):
        errors.append(FieldError(f"{prefix}.zip", "Use a 5-digit ZIP or ZIP+4.", "invalid_zip"))
    tel = _clean(phone) or None
    if tel is not None and not _PHONE.match(tel):
        errors.append(FieldError(f"{prefix}.phone", "Not a phone number.", "invalid_phone"))
    if errors:
        return None, errors
    zip_norm = digits if len(digits) == 5 else f"{digits[:5]}-{digits[-4:]}"
    return UsAddress(
        name=values["name"],
        street1=values["street1"],
        street2=values["street2"] or None,
        city=values["city"],
        state=st,
        zip=zip_norm,
        phone=tel,
    ), []


def validate_email(email: str | None, field: str = "email") -> tuple[str | None, list[FieldError]]:
    value = _clean(email)
    if not value:
        return None, [FieldError(field, "A delivery email is required.", "required")]
    if len(value) > 320 or not _EMAIL.match(value):
        return None, [FieldError(field, "Not an email address.", "invalid_email")]
    return value, []


_TAX_ID = re.compile(r"^\d{9}$")


def validate_tax_id(raw: str | None, field: str = "taxId") -> tuple[str | None, list[FieldError]]:
    """A US SSN or ITIN: nine digits (dashes and spaces allowed), not an impossible number.

    The message never repeats the value: tax ids must stay out of logs and problems.
    """
    digits = re.sub(r"[\s-]", "", raw or "")
    bad = [FieldError(field, "Enter a 9-digit SSN or ITIN.", "invalid_tax_id")]
    if not _TAX_ID.match(digits):
        return None, bad
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or group == "00" or serial == "0000":
        return None, bad
    return digits, []
