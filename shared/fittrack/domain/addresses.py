"""Where a prize goes: a US postal address (50 states + DC) or, for digital prizes, an email.

Pure validation: returns the normalised value or a list of field errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fittrack.domain.constants import US_STATES
from fittrack.domain.errors import FieldError

# The rules as patterns the contract states too (ASCII digits: \d would take any script's).
ZIP_PATTERN = r"^[0-9]{5}(-?[0-9]{4})?$"
PHONE_PATTERN = r"^\+?[0-9 ().-]{7,20}$"
STREET_PATTERN = "[A-Za-z]"  # a street address names its street
ADDRESS_LIMITS = {"name": 100, "street1": 100, "street2": 100, "city": 60}
_ZIP = re.compile(ZIP_PATTERN)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(PHONE_PATTERN)
_MAX = ADDRESS_LIMITS


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
    if values["street1"] and not re.search(STREET_PATTERN, values["street1"]):
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


# Nine digits, bare or grouped 3-2-4 by dashes or spaces; no all-zero group and no
# 000 or 666 area (never issued). One pattern, so the contract can state it.
TAX_ID_PATTERN = r"^(?!000|666)[0-9]{3}([- ]?)(?!00)[0-9]{2}\1(?!0000)[0-9]{4}$"
_TAX_ID = re.compile(TAX_ID_PATTERN)


def validate_tax_id(raw: str | None, field: str = "taxId") -> tuple[str | None, list[FieldError]]:
    """A US SSN or ITIN as TAX_ID_PATTERN says, as its nine digits.

    The message never repeats the value: tax ids must stay out of logs and problems.
    """
    value = (raw or "").strip()
    if not _TAX_ID.match(value):
        return None, [FieldError(field, "Enter a 9-digit SSN or ITIN.", "invalid_tax_id")]
    digits = re.sub(r"[- ]", "", value)
    return digits, []
