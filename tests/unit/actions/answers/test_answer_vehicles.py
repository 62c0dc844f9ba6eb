"""UK registrations of every era, in a sentence, or "didn't get it"."""

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


# --- registrations -----------------------------------------------------------------------------

PLATES = [
    ("ab12cde", "AB12 CDE"),  # current
    ("AB12 CDE", "AB12 CDE"),
    ("AB-12-CDE", "AB12 CDE"),
    ("ab 12 cde.", "AB12 CDE"),
    ("a123bcd", "A123 BCD"),  # prefix
    ("P7 ABC", "P7 ABC"),
    ("abc123d", "ABC 123D"),  # suffix
    ("ABC 1D", "ABC 1D"),
    ("1234 ab", "1234 AB"),  # dateless
    ("abc 123", "ABC 123"),
    ("ABZ 1234", "ABZ 1234"),  # Northern Ireland
    ("it was AB12 CDE", "AB12 CDE"),
    ("reg: LB07 SEO", "LB07 SEO"),
    ("the reg was ab12 cde i think", "AB12 CDE"),
]


@pytest.mark.parametrize(("text", "expected"), PLATES)
def test_registration_normalised(text: str, expected: str) -> None:
    result = ok(v.validate_registration(text))
    assert (result.value, result.display) == (expected, expected)


@pytest.mark.parametrize(
    "text",
    [
        "didn't get it",
        "don't know",
        "no idea",
        "they drove off too fast",
        "Didn't see it",
        "no",
        "it was too dark",
        "couldn't read it",
        "no plates on it",
        "sped off before I could see",
        "not sure",
    ],
)
def test_registration_not_known(text: str) -> None:
    assert ok(v.validate_registration(text)) == Valid("unknown", "not known")


@pytest.mark.parametrize(
    "text", ["hello world", "12345678", "a red ford fiesta", "", "ABCDEFGH", "£££", "AB12 CDEF"]
)
def test_registration_rejected_with_format(text: str) -> None:
    message = bad(v.validate_registration(text)).message
    assert "AB12 CDE" in message
    assert "don't know" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a white van AB12 CDE drove off", "AB12 CDE"),
        ("plate was ab12cde", "AB12 CDE"),
        ("old car, A123 BCD I think", "A123 BCD"),
        ("at 6 PM on the A34", None),
        ("nothing here", None),
        ("XAB12CDEX", None),
    ],
)
def test_find_registration(text: str, expected: str | None) -> None:
    assert v.find_registration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AB12 CDE then he drove off", "AB12 CDE"),
        ("i only got half of it, started with AB12", "AB12 (partial)"),
        ("grey audi, reg AB12CDE", "AB12 CDE"),
        ("didnt get it he was too quick", "unknown"),
        ("no chance, it was dark", "unknown"),
    ],
)
def test_registration_in_the_publics_words(text: str, expected: str) -> None:
    assert ok(v.validate_registration(text)).value == expected


@pytest.mark.parametrize(
    "text",
    ["there wasn't another car", "no other car involved", "it was just me, I hit a bollard", "only my car"],
)
def test_no_other_vehicle(text: str) -> None:
    assert ok(v.validate_registration(text)) == Valid("none", "no other vehicle")
