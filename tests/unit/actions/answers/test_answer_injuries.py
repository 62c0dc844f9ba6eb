"""Was anyone hurt? Injury levels as people type them; the worst level mentioned wins."""

from __future__ import annotations

import pytest

from actions.answers import MINOR, NONE, SERIOUS, Invalid, Valid, read_injury

CASES = [
    # nobody hurt
    ("nobody hurt thank god", NONE),
    ("no one was hurt", NONE),
    ("No one hurt", NONE),
    ("no", NONE),
    ("nope all good", NONE),
    ("no injuries", NONE),
    ("we're all fine", NONE),
    ("everyone's ok thankfully", NONE),
    ("not hurt just shaken", NONE),
    ("just shaken up, no one hurt", NONE),
    ("no, he cut me up and clipped my wing", NONE),
    ("no just a little bump, no one hurt", NONE),
    ("bumper is broken but we are fine", NONE),
    ("we are ok, scratch on the bumper", NONE),
    ("no one needed hospital", NONE),
    ("thankfully not", NONE),
    ("nah just the cars", NONE),
    ("i'm fine", NONE),
    # minor
    ("just a graze on my elbow", MINOR),
    ("my neck is a bit sore", MINOR),
    ("a few cuts and bruises", MINOR),
    ("bit of whiplash maybe", MINOR),
    ("banged my head on the steering wheel", MINOR),
    ("my lip was bleeding a bit", MINOR),
    ("no ambulance needed, just bruises", MINOR),
    ("im fine but my son is crying his arm hurts", MINOR),
    ("no one hurt but my neck is a bit sore", MINOR),
    ("minor", MINOR),
    ("slightly hurt my wrist", MINOR),
    ("my back is killing me, stiff as anything", MINOR),
    ("sore knee", MINOR),
    ("nothing serious, a small cut", MINOR),
    ("my passenger hurt her shoulder", MINOR),
    # serious
    ("she was taken to hospital", SERIOUS),
    ("ambulance came and took him away", SERIOUS),
    ("the other driver was bleeding", SERIOUS),
    ("i think he broke his arm", SERIOUS),
    ("the cyclist was knocked out", SERIOUS),
    ("serious", SERIOUS),
    ("yes badly hurt", SERIOUS),
    ("my mum cant move her legs", SERIOUS),
    ("a few cuts, my passenger went to hospital", SERIOUS),
    ("paramedics are with him now", SERIOUS),
]


@pytest.mark.parametrize(("text", "level"), CASES)
def test_injury_levels_in_words(text: str, level: str) -> None:
    result = read_injury(text)
    assert isinstance(result, Valid), (text, result)
    assert result.value == level


def test_an_injury_keeps_what_was_said_for_the_officer() -> None:
    result = read_injury("just a graze on my elbow")
    assert isinstance(result, Valid) and result.note == "just a graze on my elbow"
    nobody = read_injury("nobody hurt thank god")
    assert isinstance(nobody, Valid) and nobody.note is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("yes", "How badly"),
        ("yeah someone was hurt", "How badly"),
        ("not sure", "call 999"),
        ("dunno", "call 999"),
        ("purple", "no one, a minor injury"),
        ("", "no one, a minor injury"),
    ],
)
def test_unclear_injury_answers_ask_again(text: str, fragment: str) -> None:
    result = read_injury(text)
    assert isinstance(result, Invalid) and fragment in result.message
