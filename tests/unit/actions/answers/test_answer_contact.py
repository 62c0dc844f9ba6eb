"""Phone numbers and email addresses, alone or in a sentence."""

from __future__ import annotations

import json

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


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("ring me on 07700 900123 after 5", "phone", "+447700900123"),
        ("email is jo@example.com thanks", "email", "jo@example.com"),
        ("text me on 07700-900-123 pls", "phone", "+447700900123"),
        ("my mobile is 07700900123 or email jo@x.com", "phone", "+447700900123"),
        ("best to email me at sam.smith@example.co.uk", "email", "sam.smith@example.co.uk"),
    ],
)
def test_contact_in_a_sentence(text: str, kind: str, value: str) -> None:
    assert ok(v.validate_contact(text)).value == {"kind": kind, "value": value}
    assert v.find_contact(text) is not None
