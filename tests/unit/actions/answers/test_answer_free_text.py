"""Free text: descriptions kept whole, long ones refused with a reason."""

from __future__ import annotations

from typing import Any

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


# --- free text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("someone smashed my car window", {}, "someone smashed my car window"),
        ("  lots   of\n\nspace  ", {}, "lots of space"),
        ("bike", {"min_words": 1, "what": "what was taken"}, "bike"),
        ("Red hoodie, 6ft", {"what": "the person"}, "Red hoodie, 6ft"),
        ("x" * 1000, {"min_words": 1}, "x" * 1000),
    ],
)
def test_free_text(text: str, kwargs: dict[str, Any], expected: str) -> None:
    assert ok(v.validate_free_text(text, **kwargs)).value == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        ("", {}, "Could you tell me what happened?"),
        ("x", {}, "Could you tell me what happened?"),
        ("???", {}, "Could you tell me what happened?"),
        ("...   !!", {}, "Could you tell me what happened?"),
        ("bike", {}, "a bit more about what happened"),
        ("bike", {"what": "what was taken", "min_words": 3}, "a bit more about what was taken"),
        ("word " * 300, {}, "under 1,000 characters"),
    ],
)
def test_free_text_rejected(text: str, kwargs: dict[str, Any], fragment: str) -> None:
    assert fragment in bad(v.validate_free_text(text, **kwargs)).message


def test_long_free_text_keeps_everything_but_previews_the_read_back() -> None:
    text = "The van was parked outside for hours " * 20
    result = ok(v.validate_free_text(text))
    assert result.value == text.strip()
    assert len(result.display) <= 200
    assert result.display.endswith("…")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dont know", "not known"),
        ("no idea, didnt see them", "not known"),
        ("none", "none"),
        ("no cctv sadly", "none"),
        ("nope", "none"),
        ("tall lad in a grey trackie", "tall lad in a grey trackie"),
    ],
)
def test_optional_descriptions(text: str, value: str) -> None:
    assert ok(v.read_optional_text(text, what="who did it")).value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they took my sat nav, worth about £150", "my sat nav"),
        ("someone nicked my bike from outside the library", "my bike"),
        ("my car window was smashed last night", "my car window"),
        ("my shed was broken into and they took my lawnmower and tools", "my lawnmower and tools"),
        ("the lad grabbed my phone and ran off", "my phone"),
        ("they stole it", None),
        ("I want to report a crime", None),
    ],
)
def test_find_property(text: str, expected: str | None) -> None:
    assert v.find_property(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they took my sat nav, worth about £150", "my sat nav"),
        ("my black Carrera mountain bike", "my black Carrera mountain bike"),
        ("laptop about £850", "laptop"),
        ("my phone - about 300 quid", "my phone"),
        ("just my wallet", "my wallet"),
    ],
)
def test_property_answer_leaves_the_value_out(text: str, expected: str) -> None:
    assert v.property_answer_text(text) == expected
