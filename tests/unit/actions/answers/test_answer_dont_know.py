"""Whether a whole answer is "I don't know"."""

from __future__ import annotations

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


# --- don't know / yes / no ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "don't know",
        "Dont know",
        "I don't know",
        "dunno",
        "no idea",
        "not sure",
        "unknown",
        "didn't see",
        "can't remember",
        "cannot remember",
        "n/a",
        "N/A",
        "idk",
        "sorry I really don't know",
        "no clue",
        "not a clue",
        "?",
        "I didn't see it",
        "don’t know",
        "who knows",
        "not known",
        "I'm not sure tbh",
    ],
)
def test_is_dont_know(text: str) -> None:
    assert v.is_dont_know(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "I don't know his name but he was tall",
        "maybe tuesday",
        "tall man",
        "",
        "no",
        "yes",
        "know",
        "not sure, about 300",
        "nobody saw it",
    ],
)
def test_is_not_dont_know(text: str) -> None:
    assert v.is_dont_know(text) is False
