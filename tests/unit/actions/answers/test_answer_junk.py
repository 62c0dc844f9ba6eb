"""Every parser tolerates junk: a value or a re-ask, never an exception."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from actions import answers as v
from actions.answers import Invalid, Result, Valid


def ok(result: Result) -> Valid:
    assert isinstance(result, Valid), result
    return result


def bad(result: Result) -> Invalid:
    assert isinstance(result, Invalid), result
    assert result.message.strip()
    return result


# --- every validator tolerates junk ------------------------------------------------------------

VALIDATORS: list[Callable[[str], Result]] = [
    v.validate_postcode,
    v.validate_location,
    v.validate_registration,
    v.validate_phone,
    v.validate_email,
    v.validate_contact,
    v.validate_name,
    v.validate_free_text,
    v.read_money,
]
JUNK = [
    "",
    " ",
    "\x00",
    "🙂🙂",
    "'",
    "''''",
    "@",
    "+",
    "(",
    "0" * 40,
    "a" * 10_000,
    "\n\t",
    "-- --",
    "£",
    "…",
    "DROP TABLE reports;",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda f: f.__name__)
def test_junk_never_raises(validator: Callable[[str], Result]) -> None:
    for text in JUNK:
        result = validator(text)
        assert isinstance(result, Valid | Invalid)
        if isinstance(result, Valid):
            json.dumps(result.value)
        else:
            assert result.message


@pytest.mark.parametrize("text", JUNK)
def test_junk_helpers_never_raise(text: str) -> None:
    assert v.find_postcode(text) is None or isinstance(v.find_postcode(text), str)
    assert v.find_registration(text) is None or isinstance(v.find_registration(text), str)
    assert isinstance(v.is_dont_know(text), bool)
    assert v.parse_yes_no(text) in {True, False, None}
