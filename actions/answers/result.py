"""What a parser makes of one answer: a value for the slot, or the re-ask."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Valid:
    value: Any  # what goes in the slot (JSON-serialisable: str, float, bool, ISO string, dict)
    display: str  # how the bot reads it back in the summary
    # What the citizen said beyond the answer itself ("no, he refused and drove off" -> "he refused
    # and drove off"): kept with the field for the officer, never used to decide anything.
    note: str | None = None
    # True when the reading accepts nearly any text (a free description, a place in words): the form
    # then lets a clear request ("stop", "can I talk to a person", a disclosure) win over it.
    loose: bool = False


@dataclass(frozen=True)
class Invalid:
    message: str  # the helpful re-ask


Result = Valid | Invalid

#: The value and read-back of "don't know" where a question allows it.
NOT_KNOWN = "not known"
