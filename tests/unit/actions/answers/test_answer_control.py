"""Stop, a person, skip, "why?": only when that is the whole message, never from one word of a name."""

from __future__ import annotations

import pytest

from actions.answers import PERSON, SKIP, STOP, UNCLEAR, WHY, control_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stop", STOP),
        ("stop please", STOP),
        ("cancel", STOP),
        ("forget it", STOP),
        ("I want to stop", STOP),
        ("no stop", STOP),
        ("i dont want to do this anymore", STOP),
        ("can i talk to someone", PERSON),
        ("no, can I just speak to someone", PERSON),
        ("i want to speak to a real person", PERSON),
        ("human please", PERSON),
        ("can I speak to a police officer please", PERSON),
        ("skip", SKIP),
        ("i'd rather not say", SKIP),
        ("why do you need my name?", WHY),
        ("why?", WHY),
        ("do i have to?", WHY),
        ("why do you need my address for?", WHY),
        ("what do you mean", UNCLEAR),
        ("eh?", UNCLEAR),
    ],
)
def test_control_words(text: str, expected: str) -> None:
    assert control_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "jay",
        "the day",
        "Mark Jones",
        "outside the co-op",
        "not now",
        "is this a real person?",
        "he stopped",
        "",
    ],
)
def test_answers_are_not_control_words(text: str) -> None:
    assert control_of(text) is None
