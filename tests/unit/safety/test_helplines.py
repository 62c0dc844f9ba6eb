"""Which helplines a citizen is shown: by who is writing (a child gets Childline) and by what."""

from __future__ import annotations

import pytest

from triage import copy
from triage.helplines import (
    CHILDLINE,
    DEFAULT_HELPLINES,
    DOMESTIC_ABUSE_HELPLINE,
    SAMARITANS,
    VICTIM_SUPPORT,
    helplines_for,
    speaker_is_a_child,
)
from triage.safety import message_words


@pytest.mark.parametrize(
    "text",
    [
        "my mums boyfriend hits her and me, I'm 14",
        "im 13 and i dont want to go home",
        "i am 15 years old and he touched me",
        "I'm only 12",
        "i'm 16 and my stepdad scares me",
    ],
)
def test_a_child_writing_about_themselves_gets_childline_first(text: str) -> None:
    lines = helplines_for("domestic_abuse", text)
    assert lines[0] == CHILDLINE and "0800 1111" in lines[0]
    assert DOMESTIC_ABUSE_HELPLINE in lines


@pytest.mark.parametrize(
    "text",
    [
        "my boyfriend hits me",
        "my son is 14 and someone is grooming him online",  # a parent writing: not Childline
        "I'm 40 and my husband threatens me",
        "I'm 18 and he won't leave me alone",
        "he is 10 minutes away and I'm scared",
        "it's 14 quid for a ticket",
    ],
)
def test_an_adult_or_a_parent_does_not(text: str) -> None:
    assert CHILDLINE not in helplines_for("domestic_abuse", text)
    assert not speaker_is_a_child(message_words(text))


@pytest.mark.parametrize(
    ("concern", "expected"),
    [
        ("self_harm", (SAMARITANS,)),
        ("domestic_abuse", (DOMESTIC_ABUSE_HELPLINE,)),
        ("stalking", (DOMESTIC_ABUSE_HELPLINE,)),
        ("sexual_offence", (VICTIM_SUPPORT,)),
        ("hate_crime", (VICTIM_SUPPORT,)),
        (None, DEFAULT_HELPLINES),
        ("something_new", DEFAULT_HELPLINES),
    ],
)
def test_what_was_disclosed_decides_the_rest(concern: str | None, expected: tuple[str, ...]) -> None:
    assert helplines_for(concern) == expected
    assert helplines_for(concern, "I'm 14") == (CHILDLINE, *expected)


def test_the_numbers_are_defined_once_and_right() -> None:
    assert "116 123" in SAMARITANS and "0808 2000 247" in DOMESTIC_ABUSE_HELPLINE
    assert "0800 1111" in CHILDLINE and "Victim Support" in VICTIM_SUPPORT
    # triage.copy re-exports the same objects (no second definition)
    assert copy.SAMARITANS is SAMARITANS and copy.helplines_for is helplines_for
