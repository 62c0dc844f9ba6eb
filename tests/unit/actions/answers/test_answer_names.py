"""Names as people type them, and what is never a name."""

from __future__ import annotations

import pytest

from actions.answers import Invalid, Valid, find_name, validate_name

NAMES = [
    ("john smith", "John Smith"),
    ("My name is Mary-Jane O'Neill", "Mary-Jane O'Neill"),
    ("mary-jane o'neill", "Mary-Jane O'Neill"),
    ("I'm Siân", "Siân"),
    ("it's McDonald", "McDonald"),
    ("JOHN SMITH", "JOHN SMITH"),
    ("J. Smith", "J. Smith"),
    ("hi, I'm zoë", "Zoë"),
    ("Jo", "Jo"),
    ("ana de la cruz", "Ana De La Cruz"),
    ("Ana de la Cruz", "Ana de la Cruz"),
    ("O’Brien", "O'Brien"),
    # the issue's
    ("jay", "Jay"),
    ("ok fine, its Mark Jones", "Mark Jones"),
    ("my names sam", "Sam"),
    # more in the public's style
    ("Sam Smith here", "Sam Smith"),
    ("Dr. Aisha Khan thanks", "Dr. Aisha Khan"),
    ("yeah its Priya", "Priya"),
    ("hi im Kev", "Kev"),
    ("its tom cheers", "Tom"),
    ("Mr Patel", "Mr Patel"),
    ("Sam x", "Sam"),
    ("name's Dave", "Dave"),
    ("sure, it's Olu Adeyemi", "Olu Adeyemi"),
    ("Will", "Will"),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_name(text: str, expected: str) -> None:
    result = validate_name(text)
    assert isinstance(result, Valid), (text, result)
    assert (result.value, result.display) == (expected, expected)


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "don't know",
        "anonymous",
        "R2D2",
        "a",
        "one two three four five",
        "prefer not to say",
        "test",
        "",
        "my name is",
        "07700 900123",
        "bob@example.com",
        "nobody",
        "yes",
        "x" * 81,
        "I'd rather not say",
        "why do you need my name?",
        "the day",
        "stop",
        "on mill road",
        "can i talk to someone",
        "what for",
    ],
)
def test_not_a_name(text: str) -> None:
    result = validate_name(text)
    assert isinstance(result, Invalid) and "your name" in result.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my name is Sam Smith and my number is 07700900123", "Sam Smith"),
        ("hi my names jo bloggs, someone nicked my bike", "Jo Bloggs"),
        ("call me on 07700 900123", None),
        ("I'm called Ray", "Ray"),
        ("my bike was stolen", None),
    ],
)
def test_find_name(text: str, expected: str | None) -> None:
    found = find_name(text)
    assert (found.value if found else None) == expected
