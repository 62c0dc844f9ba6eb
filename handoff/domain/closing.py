"""What an agent records at close besides the outcome: THRIVE risk notes and an incident or crime
reference. Both optional; both validated, so analysts' reports count clean values.

* THRIVE: a mapping from any of :data:`THRIVE_ITEMS` to one of :data:`THRIVE_LEVELS`; items left
  out were not assessed. Unknown items or levels are refused with the allowed ones named.
* The incident reference must match the force's format (``INCIDENT_REFERENCE_PATTERN``, a regular
  expression over the whole value; the default accepts e.g. ``CAD-1234``, ``INC 20261204/0042``,
  ``CRI/12345/26``). It is upper-cased and its spaces collapsed before the check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import InvalidValue
from .thrive import THRIVE_ITEMS, THRIVE_LEVELS

DEFAULT_INCIDENT_PATTERN = r"[A-Z]{2,5}[ /-]?[0-9]{3,10}([ /-][0-9]{1,6}){0,2}"
MAX_REFERENCE_CHARS = 40


@dataclass(frozen=True)
class CloseDetails:
    thrive: Mapping[str, str] = field(default_factory=dict)
    incident_reference: str | None = None


def parse_thrive(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidValue('"thrive" must be an object such as {"threat": "low"}')
    parsed: dict[str, str] = {}
    for item, level in value.items():
        if item not in THRIVE_ITEMS:
            raise InvalidValue(f"unknown THRIVE item {item!r}; expected one of: {', '.join(THRIVE_ITEMS)}")
        if level in (None, ""):
            continue  # not assessed
        if level not in THRIVE_LEVELS:
            raise InvalidValue(f"THRIVE {item} must be one of: {', '.join(THRIVE_LEVELS)} (got {level!r})")
        parsed[item] = str(level)
    # In the order of the acronym, so stored values read the same everywhere.
    return {item: parsed[item] for item in THRIVE_ITEMS if item in parsed}


def parse_incident_reference(value: object, pattern: str = DEFAULT_INCIDENT_PATTERN) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InvalidValue('"incident_reference" must be text')
    cleaned = " ".join(value.upper().split())
    if len(cleaned) > MAX_REFERENCE_CHARS or re.fullmatch(pattern, cleaned) is None:
        raise InvalidValue(
            f"{cleaned[:MAX_REFERENCE_CHARS]!r} is not an incident or crime reference in this force's format"
        )
    return cleaned


def close_details(
    thrive: object, incident_reference: object, pattern: str = DEFAULT_INCIDENT_PATTERN
) -> CloseDetails:
    return CloseDetails(
        thrive=parse_thrive(thrive), incident_reference=parse_incident_reference(incident_reference, pattern)
    )
