"""Picking an answer to change by its everyday names."""

from __future__ import annotations

import pytest

from actions.answers import NOTHING, Invalid, Option, Valid, choose

OPTIONS = [
    Option("crime_when", "When", ("the day", "day", "date", "time", "when it happened")),
    Option("crime_location", "Where", ("address", "the place", "street", "postcode", "where it happened")),
    Option("crime_value", "Value", ("worth", "amount", "price")),
    Option("contact_details", "Contact", ("number", "my number", "phone", "email")),
    Option("collision_other_reg", "Other vehicle's registration", ("reg", "number plate", "plate")),
]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the day", "crime_when"),
        ("when it happened", "crime_when"),
        ("the date is wrong", "crime_when"),
        ("the address", "crime_location"),
        ("where", "crime_location"),
        ("Where", "crime_location"),
        ("crime_location", "crime_location"),
        ("how much it was worth", "crime_value"),
        ("my number", "contact_details"),
        ("the number plate", "collision_other_reg"),
        ("nothing", NOTHING),
        ("its fine actually", NOTHING),
        ("no thats fine", NOTHING),
    ],
)
def test_choices_by_their_words(text: str, key: str) -> None:
    result = choose(text, OPTIONS)
    assert isinstance(result, Valid) and result.value == key


def test_an_unclear_choice_lists_the_options() -> None:
    result = choose("the other thing", OPTIONS)
    assert isinstance(result, Invalid) and "when" in result.message and "'nothing'" in result.message
