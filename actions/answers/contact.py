"""How can we contact you? A UK phone number or an email address, on its own or in a sentence
("ring me on 07700 900123 after 5", "email is jo@example.com thanks")."""

from __future__ import annotations

import re

from .result import Invalid, Result, Valid
from .text import clean, strip_ends, strip_lead_in

_PHONE_LEAD_IN = re.compile(
    r"^(?:it'?s|it\s+is|(?:you\s+can\s+)?(?:call|ring|text|reach|phone)\s+me\s+on|on|"
    r"(?:my\s+)?(?:mobile|phone|tel(?:ephone)?|landline|contact|mob)?\s*(?:number|no\.?|num)?\s*(?:is|:)|"
    r"(?:mobile|phone|tel|mob)\s*:?)\s*",
    re.IGNORECASE,
)
PHONE_EXAMPLE = "like 07700 900123 or 020 7946 0000"


def _format_phone(national: str) -> str:
    """Group digits the way UK numbers are conventionally written (Ofcom's number plan)."""
    if national.startswith("02"):  # 020 7946 0000: 2-digit area code
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if national.startswith(("03", "08")) or re.match(r"01(?:1\d|\d1)", national):
        return f"{national[:4]} {national[4:7]} {national[7:]}"  # 0300 123 4567, 0121 496 0000
    return f"{national[:5]} {national[5:]}"  # 07700 900123, 01632 960000


def validate_phone(text: str) -> Result:
    """A UK mobile or landline; value in E.164 ("+447700900123"), display in national groups."""
    answer = strip_lead_in(strip_ends(text), _PHONE_LEAD_IN)
    if not answer or re.search(r"[^\d\s\-().+/]", answer):
        return Invalid(f"That doesn't look like a phone number. Please type it {PHONE_EXAMPLE}.")
    if answer.count("+") > 1 or ("+" in answer and not answer.startswith("+")):
        return Invalid(f"That doesn't look like a phone number. Please type it {PHONE_EXAMPLE}.")
    # "+44 (0)20 ..." writes the trunk 0 in brackets; it must not survive into the number.
    answer = re.sub(r"^(\+44|0044)\s*\(0\)", r"\1", answer)
    digits = re.sub(r"\D", "", answer)
    if answer.startswith("+"):
        if not digits.startswith("44"):
            return Invalid(f"Please give a UK phone number, {PHONE_EXAMPLE}, or an email address instead.")
        national = "0" + digits[2:]
    elif digits.startswith("0044"):
        national = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) == 12:  # "447700900123", the + forgotten
        national = "0" + digits[2:]
    else:
        national = digits
    if national.startswith("00"):
        return Invalid(f"Please give a UK phone number, {PHONE_EXAMPLE}, or an email address instead.")
    if not national.startswith("0"):
        return Invalid(f"UK numbers start with 0 (or +44). Please type it {PHONE_EXAMPLE}.")
    if national.startswith("09"):
        return Invalid(
            "We can't call premium-rate (09) numbers. Please give a mobile or landline number, "
            f"{PHONE_EXAMPLE}."
        )
    if not national.startswith(("01", "02", "03", "07")) or national.startswith("070"):
        # 08 and 070 numbers can charge the caller or forward anywhere; we need a direct line.
        return Invalid(f"Please give a mobile or landline number we can call you on, {PHONE_EXAMPLE}.")
    # Almost all UK numbers have 11 digits; a few small 01 areas still use 10.
    shortest = 10 if national.startswith("01") else 11
    if len(national) < shortest or len(national) > 11:
        size = "short" if len(national) < shortest else "long"
        return Invalid(
            f"That number looks too {size} — UK numbers have 11 digits. Please type it {PHONE_EXAMPLE}."
        )
    return Valid("+44" + national[1:], _format_phone(national))


_EMAIL_LEAD_IN = re.compile(
    r"^(?:it'?s|it\s+is|(?:my\s+)?e-?mail(?:\s+address)?\s*(?:is|:)?)\s*", re.IGNORECASE
)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+")
_EMAIL_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?")
_EMAIL_ASK = "That doesn't look like an email address. Please type it like name@example.com."


def validate_email(text: str) -> Result:
    """A pragmatic email check: one @, a dotted domain, no spaces.  The domain is lower-cased.

    Deliberately not RFC 5322: quoted local parts and IP literals are valid but never typed into
    a police chat, and a typo is far more likely than either.
    """
    answer = strip_lead_in(strip_ends(text), _EMAIL_LEAD_IN)
    answer = answer.removeprefix("mailto:")
    if answer.count("@") != 1 or re.search(r"\s", answer) or len(answer) > 254:
        return Invalid(_EMAIL_ASK)
    local, domain = answer.split("@")
    domain = domain.lower().rstrip(".")
    labels = domain.split(".")
    if (
        not _EMAIL_LOCAL.fullmatch(local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
        or len(labels) < 2
        or not all(_EMAIL_LABEL.fullmatch(label) for label in labels)
        or not re.fullmatch(r"[a-z]{2,}", labels[-1])
    ):
        return Invalid(_EMAIL_ASK)
    email = f"{local}@{domain}"
    return Valid(email, email)


ASK = "Please give a phone number (like 07700 900123) or an email address."
_EMAIL_IN_TEXT = re.compile(r"[^\s@<>(),;:\"']+@[^\s@<>(),;:\"']+")
_PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|0)\d(?:[\s\-]?\d){8,10}(?!\d)")


def find_email(text: str) -> Valid | None:
    for match in _EMAIL_IN_TEXT.finditer(clean(text)):
        result = validate_email(match.group(0).rstrip("."))
        if isinstance(result, Valid):
            return result
    return None


def find_phone(text: str) -> Valid | None:
    for match in _PHONE_IN_TEXT.finditer(clean(text)):
        result = validate_phone(match.group(0))
        if isinstance(result, Valid):
            return result
    return None


def find_contact(text: str) -> Valid | None:
    """A phone number or email written anywhere in a sentence (the first valid one; phone first)."""
    phone = find_phone(text)
    if phone is not None:
        return Valid({"kind": "phone", "value": phone.value}, phone.display)
    email = find_email(text)
    if email is not None:
        return Valid({"kind": "email", "value": email.value}, email.display)
    return None


def validate_contact(text: str) -> Result:
    """A phone number or an email address, tagged with which it is."""
    if "@" in text:
        email = validate_email(text)
        if isinstance(email, Valid):
            return Valid({"kind": "email", "value": email.value}, email.display)
    else:
        phone = validate_phone(text)
        if isinstance(phone, Valid):
            return Valid({"kind": "phone", "value": phone.value}, phone.display)
    found = find_contact(text)
    if found is not None:
        return found
    if "@" in text:
        return Invalid(f"{_EMAIL_ASK} Or give a phone number (like 07700 900123).")
    if sum(c.isdigit() for c in text) >= 6:  # clearly an attempt at a number: say what was wrong
        phone = validate_phone(text)
        reason = phone.message if isinstance(phone, Invalid) else ASK
        return Invalid(f"{reason} Or give an email address.")
    return Invalid(ASK)
