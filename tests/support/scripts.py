"""Scripted citizens: answer whatever the assistant asks, by the wording of its question.

Shared by the integration tests and bench/load.py, so both drive the real assistant the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

# (words in the bot's question, what the citizen sends). A payload starts with "/".
# The read-back repeats the field labels, so "shall I send this" must be matched first.
CRIME_ANSWERS: list[tuple[str, str]] = [
    ("shall i send this", "/affirm"),
    ("danger or at risk", "/deny"),
    ("known to you", "/deny"),
    ("when did it happen", "last night about 10pm"),
    ("where did it happen", "outside the library on Mill Road, CB1 2AB"),
    ("stolen or damaged", "my black Carrera mountain bike"),
    ("how much is it worth", "about £300"),
    ("who did it", "no idea, I didn't see them"),
    ("evidence", "the library has CCTV over the bike racks"),
    ("what is your name", "Jo Bloggs"),
    ("phone number or email", "07700 900123"),
    ("what happened", "someone cut the lock and took my bike"),
]


@dataclass(frozen=True)
class Step:
    send: str

    @property
    def is_payload(self) -> bool:
        return self.send.startswith("/")


def answer_for(bot_text: str, answers: list[tuple[str, str]] = CRIME_ANSWERS) -> Step | None:
    lowered = bot_text.lower()
    for words, reply in answers:
        if words in lowered:
            return Step(reply)
    return None
