"""Postcodes and places: normalised, firm or loose, and found inside sentences."""

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


# --- postcodes ---------------------------------------------------------------------------------

POSTCODES = [
    ("sw1a1aa", "SW1A 1AA"),
    ("SW1A 1AA", "SW1A 1AA"),
    ("m1 1ae", "M1 1AE"),
    ("B33 8TH", "B33 8TH"),
    ("  cb1 2ab. ", "CB1 2AB"),
    ("cr2 6xh", "CR2 6XH"),
    ("DN55 1PT", "DN55 1PT"),
    ("W1A 0AX", "W1A 0AX"),
    ("ec1a1bb", "EC1A 1BB"),
    ("EC1A  1BB", "EC1A 1BB"),
    ("gir0aa", "GIR 0AA"),
    ("my postcode is EC1A 1BB", "EC1A 1BB"),
    ("It's 'M1 1AE'", "M1 1AE"),
]


@pytest.mark.parametrize(("text", "expected"), POSTCODES)
def test_postcode_normalised(text: str, expected: str) -> None:
    result = ok(v.validate_postcode(text))
    assert (result.value, result.display) == (expected, expected)


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "12345",
        "",
        "SW1A 1CI",
        "QW1 1AA",
        "ab1 2cd e",
        "outside the co-op CB1 2AB",
        "SW1A 1AA SW1A 1AA",
        "don't know",
    ],
)
def test_postcode_rejected_with_example(text: str) -> None:
    assert "SW1A 1AA" in bad(v.validate_postcode(text)).message


@pytest.mark.parametrize("text", ["SW1A", "m1", "CB1"])
def test_half_a_postcode_is_called_out(text: str) -> None:
    assert "first half" in bad(v.validate_postcode(text)).message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("outside co-op cb12ab please", "CB1 2AB"),
        ("near M1 1AE and SW1A 1AA", "M1 1AE"),
        ("postcode: b33 8th.", "B33 8TH"),
        ("no postcode here", None),
        ("junction of A34 and B4000", None),
        ("call 07700 900123", None),
        ("XSW1A 1AAX", None),
    ],
)
def test_find_postcode(text: str, expected: str | None) -> None:
    assert v.find_postcode(text) == expected


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CB1 2AB", "EC1A 1BB"])
def test_postcode_round_trip(postcode: str) -> None:
    assert ok(v.validate_postcode(postcode.lower().replace(" ", ""))).value == postcode
    assert v.find_postcode(f"it happened at {postcode}") == postcode
    assert ok(v.validate_postcode(postcode)).value == postcode


# --- locations ---------------------------------------------------------------------------------

LOCATIONS = [
    (
        "outside the co-op on mill road, Cambridge",
        "outside the co-op on mill road, Cambridge",
        "outside the co-op on mill road, Cambridge",
    ),
    ("junction of A34 and B4000", "junction of A34 and B4000", "junction of A34 and B4000"),
    ("CB1 2AB", "CB1 2AB", "CB1 2AB"),
    ("cb12ab", "cb12ab", "CB1 2AB"),
    ("near the park, sw1a1aa", "near the park, sw1a1aa", "near the park, SW1A 1AA"),
    ("  Tesco   car park.  ", "Tesco car park", "Tesco car park"),
    ("home", "home", "home"),
    ("A34", "A34", "A34"),
]


@pytest.mark.parametrize(("text", "value", "display"), LOCATIONS)
def test_location(text: str, value: str, display: str) -> None:
    result = ok(v.validate_location(text))
    assert (result.value, result.display) == (value, display)


@pytest.mark.parametrize(
    "text",
    [
        "don't know",
        "no",
        "?",
        "ab",
        "12",
        "",
        "   ",
        "...",
        "not sure",
        "dunno",
        "somewhere",
        "yes",
        "x" * 501,
    ],
)
def test_location_rejected(text: str) -> None:
    message = bad(v.validate_location(text)).message
    assert "street" in message and "landmark" in message


@pytest.mark.parametrize(
    "text",
    [
        "outside the co-op on mill road",
        "Tesco car park",
        "the A14 near junction 31",
        "at home",
        "Mill Road",
        "12 high street",
        "outside my house",
        "cb1 2ab",
        "near the park",
        "by the canal bridge",
        "my street",
        "in the alley behind the chippy",
        "the roundabout by asda",
        "corner of Elm Close and Station Rd",
    ],
)
def test_firm_places(text: str) -> None:
    assert ok(v.validate_location(text)).loose is False


@pytest.mark.parametrize(
    "text", ["the day", "can i talk to someone", "on the way home", "when it happened", "jay"]
)
def test_loose_places(text: str) -> None:
    # Accepted (the officer reads it), but loose: the form lets a clear request win over it.
    assert ok(v.validate_location(text)).loose is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "someone nicked my bike from outside the library on mill road last night",
            "outside the library on mill road",
        ),
        ("my car got hit in the tesco car park", "in the tesco car park"),
        ("i was driving on the A14 when a lorry hit me", "on the A14"),
        ("they broke into my shed at 12 Elm Close overnight", "at 12 Elm Close"),
        ("hit my car on Station Road yesterday about 5", "on Station Road"),
        (
            "theres dealing going on outside the chippy on king street most nights",
            "outside the chippy on king street",
        ),
        ("someone has been dumping rubbish in the alley behind my house", "in the alley behind my house"),
        ("my bike was stolen from the garden", "the garden"),
        ("kids on bikes in the park", "in the park"),
        ("my car was keyed on the way home", None),
        ("i was in a crash", None),
        ("I want to report a crime", None),
    ],
)
def test_find_place(text: str, expected: str | None) -> None:
    found = v.find_place(text)
    assert (found.value if found else None) == expected
