"""The shared form validators: what goes in the slot, what is read back, and the re-asks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from actions import validators as v
from actions.validators import Invalid, Result, Valid


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


# --- phone numbers -----------------------------------------------------------------------------

PHONES = [
    ("07700 900123", "+447700900123", "07700 900123"),
    ("07700900123", "+447700900123", "07700 900123"),
    ("07700-900-123", "+447700900123", "07700 900123"),
    ("+44 7700 900123", "+447700900123", "07700 900123"),
    ("+447700900123", "+447700900123", "07700 900123"),
    ("0044 7700 900123", "+447700900123", "07700 900123"),
    ("447700900123", "+447700900123", "07700 900123"),
    ("+44 (0)20 7946 0000", "+442079460000", "020 7946 0000"),
    ("020 7946 0000", "+442079460000", "020 7946 0000"),
    ("(020) 7946-0000", "+442079460000", "020 7946 0000"),
    ("0121 496 0000", "+441214960000", "0121 496 0000"),
    ("01632 960000", "+441632960000", "01632 960000"),
    ("0300 123 4567", "+443001234567", "0300 123 4567"),
    ("my number is 07700 900123", "+447700900123", "07700 900123"),
    ("call me on 07700 900123.", "+447700900123", "07700 900123"),
]


@pytest.mark.parametrize(("text", "value", "display"), PHONES)
def test_phone_normalised(text: str, value: str, display: str) -> None:
    result = ok(v.validate_phone(text))
    assert (result.value, result.display) == (value, display)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("09012 345678", "premium-rate"),
        ("0770090012", "too short"),
        ("077009001234", "too long"),
        ("07700 9OO123", "doesn't look like a phone number"),
        ("abc", "doesn't look like a phone number"),
        ("", "doesn't look like a phone number"),
        ("+33 1 23 45 67 89", "UK phone number"),
        ("0800 123 4567", "mobile or landline"),
        ("07000 123456", "mobile or landline"),
        ("7700 900123", "start with 0"),
        ("07700 900123 ext 4", "doesn't look like a phone number"),
    ],
)
def test_phone_rejected(text: str, fragment: str) -> None:
    assert fragment in bad(v.validate_phone(text)).message


# --- email -------------------------------------------------------------------------------------

EMAILS = [
    ("Bob@Example.COM", "Bob@example.com"),
    ("jo.bloggs@mail.co.uk", "jo.bloggs@mail.co.uk"),
    ("my email is jo.bloggs@mail.co.uk.", "jo.bloggs@mail.co.uk"),
    ("<x@y.org>", "x@y.org"),
    ("first+tag@sub.domain.example", "first+tag@sub.domain.example"),
    ("mailto:a@b.io", "a@b.io"),
]


@pytest.mark.parametrize(("text", "expected"), EMAILS)
def test_email_normalised(text: str, expected: str) -> None:
    result = ok(v.validate_email(text))
    assert (result.value, result.display) == (expected, expected)


@pytest.mark.parametrize(
    "text",
    [
        "bob@example",
        "bob example.com",
        "a@b@c.com",
        "x@.com",
        "x@y.c",
        "bob @example.com",
        "@example.com",
        "bob.@example.com",
        "bob@exa_mple.com",
        "",
    ],
)
def test_email_rejected(text: str) -> None:
    assert "name@example.com" in bad(v.validate_email(text)).message


# --- contact -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "display"),
    [
        ("07700 900123", "phone", "+447700900123", "07700 900123"),
        ("call me on 020 7946 0000", "phone", "+442079460000", "020 7946 0000"),
        ("bob@example.com", "email", "bob@example.com", "bob@example.com"),
        ("It's Bob@Example.com", "email", "Bob@example.com", "Bob@example.com"),
    ],
)
def test_contact(text: str, kind: str, value: str, display: str) -> None:
    result = ok(v.validate_contact(text))
    assert result.value == {"kind": kind, "value": value}
    assert result.display == display
    json.dumps(result.value)  # slots must be JSON-serialisable


@pytest.mark.parametrize("text", ["hello", "0770", "", "no", "don't know"])
def test_contact_generic_reask(text: str) -> None:
    expected = "Please give a phone number (like 07700 900123) or an email address."
    assert bad(v.validate_contact(text)).message == expected


@pytest.mark.parametrize(("text", "fragment"), [("bob@", "email address"), ("0770090012", "too short")])
def test_contact_specific_reask(text: str, fragment: str) -> None:
    message = bad(v.validate_contact(text)).message
    assert fragment in message


# --- names -------------------------------------------------------------------------------------

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
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_name(text: str, expected: str) -> None:
    result = ok(v.validate_name(text))
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
    ],
)
def test_name_rejected(text: str) -> None:
    message = bad(v.validate_name(text)).message
    assert message.startswith("We need a name to contact you about this report.")
    assert "'anonymous'" in message


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


# --- money -------------------------------------------------------------------------------------

MONEY = [
    ("about £300", 300.0, "about £300"),
    ("300 quid", 300.0, "£300"),
    ("£1.2k", 1200.0, "£1,200"),
    ("1,200", 1200.0, "£1,200"),
    ("roughly 50 pounds", 50.0, "about £50"),
    ("£1.50", 1.5, "£1.50"),
    ("50p", 0.5, "£0.50"),
    ("£2 grand", 2000.0, "£2,000"),
    ("a grand", 1000.0, "£1,000"),
    ("a tenner", 10.0, "£10"),
    ("fifty quid", 50.0, "£50"),
    ("two hundred and fifty pounds", 250.0, "£250"),
    ("1.5m", 1_500_000.0, "£1,500,000"),
    ("about £300 I think", 300.0, "about £300"),
    ("300ish", 300.0, "about £300"),
    ("£200-£300", 300.0, "£200–£300"),
    ("between 200 and 300", 300.0, "£200–£300"),
    ("nothing", 0.0, "no value (£0)"),
    ("no value", 0.0, "no value (£0)"),
    ("£0", 0.0, "no value (£0)"),
    ("don't know", None, "not known"),
    ("no idea", None, "not known"),
]


@pytest.mark.parametrize(("text", "value", "display"), MONEY)
def test_money(text: str, value: float | None, display: str) -> None:
    result = ok(v.parse_money(text))
    assert (result.value, result.display) == (value, display)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("$300", "in pounds"),
        ("300 euros", "in pounds"),
        ("lots", "amount in pounds"),
        ("-5", "amount in pounds"),
        ("", "amount in pounds"),
        ("£99999999999", "please check the amount"),
        ("a few hundred", "amount in pounds"),
    ],
)
def test_money_rejected(text: str, fragment: str) -> None:
    assert fragment in bad(v.parse_money(text)).message


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yeah", True),
        ("yep", True),
        ("y", True),
        ("correct", True),
        ("that's right", True),
        ("sure", True),
        ("ok", True),
        ("OK!", True),
        ("Yes please!", True),
        ("yes, that's correct", True),
        ("aye", True),
        ("no", False),
        ("nope", False),
        ("nah", False),
        ("n", False),
        ("not really", False),
        ("no one", False),
        ("nobody", False),
        ("none", False),
        ("No thanks.", False),
        ("I don't think so", False),
        ("maybe", None),
        ("yes but the date is wrong", None),
        ("yes no", None),
        ("", None),
        ("hello", None),
        ("the car was red", None),
    ],
)
def test_parse_yes_no(text: str, expected: bool | None) -> None:
    assert v.parse_yes_no(text) is expected


# --- summary -----------------------------------------------------------------------------------


def test_summarise() -> None:
    text = v.summarise([("What happened", "bike stolen"), ("When", ""), ("Where", "Mill Road, CB1 2AB")])
    assert text == "Here is what I have:\n• What happened: bike stolen\n• Where: Mill Road, CB1 2AB"


def test_summarise_flattens_multiline_answers() -> None:
    text = v.summarise([("Description", "tall\nred coat")])
    assert text == "Here is what I have:\n• Description: tall red coat"


def test_summarise_nothing() -> None:
    assert v.summarise([]) == "I don't have any details yet."
    assert v.summarise([("When", "  ")]) == "I don't have any details yet."


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
    v.parse_money,
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
