"""The receipt reference (``WEB-7K3D-9QX2``): its format, defined once, for both environments.

The action server makes one when a report is sent (actions/submit.py); the gateway stores it,
recognises it in a citizen's follow-up ("what's happening with my report WEB-7K3D-9QX2") and
shows it on the desk. It is plainly not a crime reference number: those come from the force's
crime system after the desk has assessed the report.
"""

from __future__ import annotations

import re
import secrets

#: No 0/O, 1/I/L: the reference is read out over the phone and typed from a screen.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "WEB"
BODY_LENGTH = 8

#: A reference anywhere in a message, in any case, with a dash, a space or nothing between the
#: parts ("web-7k3d-9qx2", "WEB 7K3D 9QX2", "WEB7K3D9QX2"). Letters the alphabet leaves out are
#: matched too (a citizen may type O for 0), so a mistyped reference is read, then not found.
REFERENCE_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9]){PREFIX}[\s-]?([A-Za-z0-9]{{4}})[\s-]?([A-Za-z0-9]{{4}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def new_reference(token: str | None = None) -> str:
    """A fresh random reference (``token``: its 8 characters, for tests)."""
    body = token or "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    if len(body) != BODY_LENGTH:
        raise ValueError(f"a reference body has {BODY_LENGTH} characters")
    return f"{PREFIX}-{body[:4]}-{body[4:]}".upper()


def find_reference(text: str) -> str | None:
    """The first reference in ``text``, in its canonical form, or None."""
    match = REFERENCE_PATTERN.search(text or "")
    if match is None:
        return None
    return f"{PREFIX}-{match.group(1).upper()}-{match.group(2).upper()}"


def is_reference(text: str) -> bool:
    """Is ``text`` exactly one reference in canonical form?"""
    return bool(re.fullmatch(rf"{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", text or ""))


#: The receipt message's "check on this report" button: a payload the gateway answers itself
#: (handoff/service/followup.py), never sent to Rasa.
FOLLOW_UP_INTENT = "report_status"


def follow_up_payload(reference: str) -> str:
    return f'/{FOLLOW_UP_INTENT}{{"reference":"{reference}"}}'


def reference_in_payload(payload: str) -> str | None:
    """The reference a follow-up button carries; None for any other payload."""
    if not (payload or "").startswith(f"/{FOLLOW_UP_INTENT}"):
        return None
    return find_reference(payload[len(FOLLOW_UP_INTENT) + 1 :]) or ""
