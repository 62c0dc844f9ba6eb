"""Redaction of personal data: the patterns, known values, what must survive, and log scrubbing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from triage.privacy import (
    Kind,
    KnownValue,
    RedactingFilter,
    Redactor,
    install_log_redaction,
    known_values_from_fields,
    redact,
    scrub_log_record,
    slot_kind,
)

PHONES = [
    ("call me on 07700 900123", "call me on [PHONE]"),
    ("call me on 07700900123", "call me on [PHONE]"),
    ("07700 900 123 is my mobile", "[PHONE] is my mobile"),
    ("my number: 07700-900-123.", "my number: [PHONE]."),
    ("+44 7700 900123", "[PHONE]"),
    ("+447700900123", "[PHONE]"),
    ("+44 (0)7700 900123", "[PHONE]"),
    ("+44(0)20 7946 0000", "[PHONE]"),
    ("0044 7700 900123", "[PHONE]"),
    ("00447700900123", "[PHONE]"),
    ("(020) 7946 0000", "[PHONE]"),
    ("020 7946 0000", "[PHONE]"),
    ("landline (01632) 960000 after 6", "landline [PHONE] after 6"),
    ("0121 496 0000", "[PHONE]"),
    ("ring 01632 96000 please", "ring [PHONE] please"),
    ("tel:07700900123", "tel:[PHONE]"),
    ("07700 900123 or 07700 900456", "[PHONE] or [PHONE]"),
    ("number is 0 7 7 0 0 9 0 0 1 2 3", "number is [PHONE]"),
    ("french one +33 1 23 45 67 89", "french one [PHONE]"),
    ("text me on\u00a007700\u00a0900123", "text me on\u00a0[PHONE]"),
]

EMAILS = [
    ("email me at jo.bloggs@example.co.uk", "email me at [EMAIL]"),
    ("JO@EXAMPLE.COM", "[EMAIL]"),
    ("it's jo+police@mail.example.org.", "it's [EMAIL]."),
    ("sean.o'neil@example.ie is best", "[EMAIL] is best"),
    ("zoë@exämple.com", "[EMAIL]"),
    ("mail me (jo_b-1@example.com)", "mail me ([EMAIL])"),
    ("either jo@a.com or sam@b.co.uk", "either [EMAIL] or [EMAIL]"),
]

POSTCODES = [
    ("I live in SW1A 1AA", "I live in [POSTCODE]"),
    ("postcode sw1a1aa", "postcode [POSTCODE]"),
    ("it's Cb1 2aB", "it's [POSTCODE]"),
    ("near M1 1AE today", "near [POSTCODE] today"),
    ("B33 8TH", "[POSTCODE]"),
    ("cr26xh", "[POSTCODE]"),
    ("DN55 1PT.", "[POSTCODE]."),
    ("EC1A 1BB and W1A 0AX", "[POSTCODE] and [POSTCODE]"),
    ("(LS1  4AP)", "([POSTCODE])"),
    ("gir 0aa", "[POSTCODE]"),
    ("at the shop in e1 6an", "at the shop in [POSTCODE]"),
]

REGISTRATIONS = [
    ("the reg was AB12 CDE", "the reg was [REG]"),
    ("ab12cde hit me", "[REG] hit me"),
    ("plate Ab12 cDe", "plate [REG]"),
    ("a white van LN63 XYZ", "a white van [REG]"),
    ("AB12-CDE", "[REG]"),
    ("old car A123 BCD", "old car [REG]"),
    ("a123bcd", "[REG]"),
    ("P7 RTY drove off", "[REG] drove off"),
    ("classic ABC 123D", "classic [REG]"),
    ("abc123d", "[REG]"),
    ("XYZ 1A", "[REG]"),
    ("two cars: AB12 CDE and FG34 HJK", "two cars: [REG] and [REG]"),
    ("reg (YX19 PLM)", "reg ([REG])"),
]

DATES_OF_BIRTH = [
    ("born 12/03/1985", "born [DOB]"),
    ("DOB 12.3.85", "DOB [DOB]"),
    ("dob: 12-03-1985", "dob: [DOB]"),
    ("D.O.B. 01/02/1990", "D.O.B. [DOB]"),
    ("date of birth 3rd March 1985", "date of birth [DOB]"),
    ("my date of birth is the 3rd of March 1985", "my date of birth is [DOB]"),
    ("born on March 3, 1985 in Leeds", "born on [DOB] in Leeds"),
    ("born in 1985", "born in [DOB]"),
    ("born in May 1985", "born in [DOB]"),
    ("birthday is 3 mar", "birthday is [DOB]"),
    ("dob 1985-03-12", "dob [DOB]"),
    ("Date of Birth: 12 Sept 1985, thanks", "Date of Birth: [DOB], thanks"),
]

NAMES = [
    ("my name is John Smith", "my name is [NAME]"),
    ("my name is jo bloggs and my bike was stolen", "my name is [NAME] and my bike was stolen"),
    ("hi my name's Siân Llewellyn-Jones", "hi my name's [NAME]"),
    ("Name: Priya Patel", "Name: [NAME]"),
    ("a man called Dave Jones took it", "a man called [NAME] took it"),
    ("he's known as Big Tony", "he's known as [NAME]"),
    ("Mr Smith next door", "Mr [NAME] next door"),
    ("mrs patel at number 4", "mrs [NAME] at number 4"),
    ("Dr. Okafor saw it", "Dr. [NAME] saw it"),
    ("call me Sam", "call me [NAME]"),
]

ADDRESSES = [
    ("I live at 12 Mill Road", "I live at [ADDRESS]"),
    ("outside 3a high street", "outside [ADDRESS]"),
    ("at 221B Baker Street, London", "at [ADDRESS], London"),
    ("they live at 7 Orchard Close", "they live at [ADDRESS]"),
    ("flat 2, 14 St John's Avenue", "[ADDRESS], [ADDRESS]"),
    ("at 10 Downing St.", "at [ADDRESS]"),
]

MIXED = [
    (
        "I'm Jo, 07700 900123, jo@example.com, CB1 2AB, car AB12 CDE, born 1/2/1990",
        "I'm [NAME], [PHONE], [EMAIL], [POSTCODE], car [REG], born [DOB]",
    ),
    (
        "my name is Jo Bloggs and I live at 12 Mill Road CB1 2AB",
        "my name is [NAME] and I live at [ADDRESS] [POSTCODE]",
    ),
]

#: Everyday police-chat text that must come through unchanged.
SURVIVORS = [
    "A34",
    "a crash on the A34 near Oxford",
    "M25 junction 10",
    "the m6 toll was shut",
    "A34 was closed",
    "stuck on the M25 and the A3",
    "at 14:30",
    "about 6pm yesterday",
    "£300",
    "it cost £1,250.00",
    "3 points",
    "6 points on my licence",
    "section 172",
    "a s172 notice",
    "Room 101",
    "call 101 or 999",
    "press 55 when asked",
    "Samaritans 116 123",
    "textphone 18000 or 18001 101",
    "Crimestoppers 0800 555 111",
    "National Domestic Abuse Helpline 0808 2000 247",
    "on 12/03/2025 my shed was broken into",
    "it happened on the 3rd of March",
    "doing 40 in a 30",
    "bus 101 to town",
    "the B1234 by the school",
    "take the A34 2nd exit",
    "I called the police",
    "my name is not important",
    "the baby was born 2 weeks ago",
    "born and raised in Leeds",
    "3 points on the road",
    "2 cars close by",
    "I will call back",
    "my nip arrived after 14 days",
    "bus for 3m",
    "took the A1 for 20 miles",
    "he was about 6 ft tall",
    "£100 fixed penalty and 3 points",
    "ticket ref 123456",
    "iphone 14 pro stolen",
    "CCTV at 10:45pm",
    "the 2 lads ran off",
    "[PHONE] [EMAIL] [POSTCODE] [REG] [DOB] [NAME] [ADDRESS] [CONTACT]",
    "",
    "   ",
    "😀 thanks!",
    "Ça va? Mój rower został skradziony",
]

CASES = PHONES + EMAILS + POSTCODES + REGISTRATIONS + DATES_OF_BIRTH + NAMES + ADDRESSES + MIXED


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_patterns(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", SURVIVORS)
def test_ordinary_text_survives(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize("text", [text for text, _ in CASES] + SURVIVORS)
def test_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


JO = [
    KnownValue(Kind.NAME, "Jo Bloggs"),
    KnownValue(Kind.PHONE, "+447700900123"),
    KnownValue(Kind.EMAIL, "jo.b@example.com"),
    KnownValue(Kind.ADDRESS, "Flat 2, 14 Mill Road, Ely"),
    KnownValue(Kind.REG, "ABC 123"),
]

KNOWN = [
    ("Jo Bloggs", "[NAME]"),
    ("it's jo bloggs", "it's [NAME]"),
    ("JO BLOGGS here", "[NAME] here"),
    ("Bloggs, Jo", "[NAME], [NAME]"),
    ("ask for Jo", "ask for [NAME]"),
    ("mrs bloggs", "mrs [NAME]"),
    ("jobs and joking", "jobs and joking"),  # whole words only
    ("ring 07700.900.123", "ring [PHONE]"),
    ("ring 7700 900123", "ring 7700 900123"),  # without its trunk 0 it is not the number
    ("Jo.B@Example.com", "[EMAIL]"),
    ("flat 2, 14 mill road, ely", "[ADDRESS]"),
    ("near 14 Mill Road today", "near [ADDRESS] today"),
    ("in Ely", "in [ADDRESS]"),
    ("the car was ABC 123", "the car was [REG]"),
    ("abc123 again", "[REG] again"),
    ("the ABC road", "the ABC road"),  # part of a plate is not the plate
]


@pytest.mark.parametrize(("text", "expected"), KNOWN)
def test_known_values(text: str, expected: str) -> None:
    assert redact(text, JO) == expected
    assert redact(redact(text, JO), JO) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Will Smith", "Will said he will come", "[NAME] said he will come"),
        ("Will Smith", "smith and will", "[NAME] and will"),
        ("May Rose", "it may be a rose bush, ask May", "it may be a rose bush, ask [NAME]"),
        ("Siân O'Brien", "siân obrien and SIÂN", "[NAME] and [NAME]"),
        ("Siân O'Brien", "O Brien", "[NAME]"),
        ("J. de Souza", "de Souza was there", "de [NAME] was there"),
        ("Zoë", "Zoë and ZOË and zoe", "[NAME] and [NAME] and [NAME]"),
        ("Mohammed Al-Rashid", "al-rashid, Mohammed", "[NAME], [NAME]"),
    ],
)
def test_name_parts(name: str, text: str, expected: str) -> None:
    assert redact(text, [("NAME", name)]) == expected


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        ("jo@example.com", "mail jo@example.com", "mail [EMAIL]"),
        ("07700 900123", "on +44 7700 900 123", "on [PHONE]"),
        ("SW1A 1AA", "at sw1a1aa", "at [POSTCODE]"),
        ("AB12 CDE", "ab12cde", "[REG]"),
        ("Jo Bloggs", "jo bloggs", "[NAME]"),
    ],
)
def test_plain_string_known_values_are_classified(value: str, text: str, expected: str) -> None:
    assert redact(text, [value]) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("at home", "I was at home"),
        ("outside", "it was outside"),
        ("town centre", "in the town centre"),
        ("unknown", "unknown car"),
        ("not known", "not known"),
    ],
)
def test_generic_known_values_are_left_alone(value: str, text: str) -> None:
    kind = "REG" if value in ("unknown", "not known") else "ADDRESS"
    assert redact(text, [(kind, value)]) == text


def test_longest_match_wins() -> None:
    known = [KnownValue(Kind.ADDRESS, "14 Mill Road, CB1 2AB")]
    assert redact("it was at 14 Mill Road, CB1 2AB", known) == "it was at [ADDRESS]"
    assert redact("postcode CB1 2AB", known) == "postcode [ADDRESS]"


def test_one_redactor_for_many_messages() -> None:
    redactor = Redactor(JO)
    assert [redactor.redact(t) for t in ("hi", "Jo here", "07700900123")] == ["hi", "[NAME] here", "[PHONE]"]


COLLECTED = {
    "contact_name": {"label": "Your name", "display": "Priya Patel"},
    "contact_details": {"label": "Contact", "display": "07700 900123"},
    "crime_location": {"label": "Where", "display": "outside the co-op on Mill Road"},
    "crime_description": {"label": "What happened", "display": "my bike was stolen"},
    "crime_when": {"label": "When", "display": "yesterday at 6pm"},
}

REPORT_FIELDS = {
    "contact_name": {"label": "Your name", "value": "Priya Patel", "display": "Priya Patel"},
    "contact_details": {
        "label": "Contact",
        "value": {"kind": "email", "value": "priya@example.com"},
        "display": "priya@example.com",
    },
    "collision_location": {"label": "Where", "value": "A34 by the Tesco", "display": "A34 by the Tesco"},
    "collision_other_reg": {
        "label": "Other vehicle's registration",
        "value": "ABC 123",
        "display": "ABC 123",
    },
    "collision_description": {"label": "What happened", "value": "he reversed into me", "display": "..."},
}


def test_known_values_from_collected() -> None:
    values = known_values_from_fields(COLLECTED)
    assert KnownValue(Kind.NAME, "Priya Patel") in values
    assert KnownValue(Kind.PHONE, "07700 900123") in values
    assert KnownValue(Kind.ADDRESS, "outside the co-op on Mill Road") in values
    assert not [v for v in values if "bike" in v.text or "6pm" in v.text]  # free text is not a known value


def test_known_values_from_report_fields() -> None:
    values = known_values_from_fields(REPORT_FIELDS)
    assert KnownValue(Kind.EMAIL, "priya@example.com") in values
    assert KnownValue(Kind.REG, "ABC 123") in values
    assert KnownValue(Kind.ADDRESS, "A34 by the Tesco") in values
    text = "priya said ABC 123 hit her on the a34 by the tesco, mail priya@example.com"
    assert redact(text, values) == "[NAME] said [REG] hit her on the [ADDRESS], mail [EMAIL]"


def test_known_values_from_nothing() -> None:
    assert known_values_from_fields(None) == []
    assert known_values_from_fields({"contact_name": {"label": "Your name"}}) == []


@pytest.mark.parametrize(
    ("slot", "kind"),
    [
        ("contact_name", Kind.NAME),
        ("contact_details", Kind.CONTACT),
        ("crime_location", Kind.ADDRESS),
        ("collision_location", Kind.ADDRESS),
        ("community_where", Kind.ADDRESS),
        ("collision_other_reg", Kind.REG),
        ("witness_name", Kind.NAME),
        ("crime_description", None),
        ("crime_when", None),
        ("crime_value", None),
    ],
)
def test_slot_kinds(slot: str, kind: Kind | None) -> None:
    assert slot_kind(slot) == kind


def test_unicode_and_odd_input_never_raise() -> None:
    for text in ["\x00\x01", "🚓" * 500, "0" * 300, "@@@@", "[NAME", "]]][[", "٠٧٧٠٠٩٠٠١٢٣", "a\nb\r\nc\t"]:
        assert isinstance(redact(text, JO), str)
    assert redact("call 07700 900123 🚓") == "call [PHONE] 🚓"
    assert redact("Siân’s number is 07700 900123\nthanks") == "[NAME]’s number is [PHONE]\nthanks"


# --- logs --------------------------------------------------------------------------------------


def _record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("gateway", logging.INFO, __file__, 1, message, args, None)


def test_scrub_log_record_merges_arguments() -> None:
    record = scrub_log_record(_record("citizen %s said %r", "c-1", "my number is 07700 900123"))
    assert record.getMessage() == "citizen c-1 said 'my number is [PHONE]'"
    assert record.args is None


def test_scrub_log_record_scrubs_exceptions() -> None:
    try:
        raise ValueError("bad email jo@example.com")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    scrub_log_record(record)
    assert record.exc_text is not None
    assert "jo@example.com" not in record.exc_text
    assert "[EMAIL]" in record.exc_text


def test_filter_on_a_handler(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.redaction")
    caplog.handler.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="tests.redaction"):
        logger.info("postcode %s, reg %s", "CB1 2AB", "AB12 CDE")
        logger.info("at 14:30 on the A34")
    assert caplog.messages == ["postcode [POSTCODE], reg [REG]", "at 14:30 on the A34"]


def test_install_adds_one_filter_to_every_handler() -> None:
    logger = logging.getLogger("tests.redaction.install")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        install_log_redaction()
        install_log_redaction()
        assert len([f for f in handler.filters if isinstance(f, RedactingFilter)]) == 1
    finally:
        logger.removeHandler(handler)
        _remove_redacting_filters()


def test_the_gateway_scrubs_its_logs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``triage serve`` puts the filter on every handler, Sanic's included."""
    from sanic import Sanic

    from handoff.settings import Settings
    from handoff.web import server

    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setattr(Sanic, "prepare", lambda self, **options: None)
    monkeypatch.setattr(Sanic, "serve_single", staticmethod(lambda app=None: None))
    try:
        server.serve(
            Settings(database_url=f"sqlite:///{tmp_path / 't.db'}", branding_path=tmp_path / "none.yml")
        )
        handlers = [
            *logging.getLogger().handlers,
            *logging.getLogger("sanic.root").handlers,
            *logging.getLogger("sanic.error").handlers,
        ]
        assert handlers
        assert all(any(isinstance(f, RedactingFilter) for f in handler.filters) for handler in handlers)
        record = _record("citizen said %s", "I'm at 12 Mill Road, call 07700 900123")
        for handler in handlers:
            handler.filter(record)
        assert record.getMessage() == "citizen said I'm at [ADDRESS], call [PHONE]"
    finally:
        _remove_redacting_filters()


def _remove_redacting_filters() -> None:
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for each in loggers:
        for installed in getattr(each, "handlers", []):
            for f in [*installed.filters]:
                if isinstance(f, RedactingFilter):
                    installed.removeFilter(f)


@pytest.mark.parametrize(
    ("answer", "question", "expected"),
    [
        # The form refused the answer, so it never became a known value: the question tells.
        ("jo bloggs", "Thanks. What is your full name?", "[NAME]"),
        ("its dave smith mate", "Can I take your name?", "its [NAME] mate"),
        ("id rather not say", "What is your name?", "id rather not say"),
        ("no", "What is your name?", "no"),
        ("call me on 07700 900123", "What is your name?", "call me on [PHONE]"),
        ("my bike was nicked", "What happened?", "my bike was nicked"),
        ("jo bloggs", None, "jo bloggs"),
    ],
)
def test_an_answer_to_the_name_question_is_a_name(answer: str, question: str | None, expected: str) -> None:
    from triage.privacy import redact_answer

    assert redact_answer(answer, question) == expected
