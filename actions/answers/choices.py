"""Choices by their words: "which part would you like to change?" -> "the day", "when it happened",
"the address", "my number", as well as the buttons.

Each option has a label and the everyday names people use for it (``Option.names``). The answer
picks the option whose name it contains, preferring the longest name found ("the number plate" is
the registration, not the phone number). "Nothing" / "it's fine" picks nothing. Two options named
equally well is a question back, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .result import Invalid, Result, Valid
from .text import words

NOTHING = "none"


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    names: tuple[str, ...] = ()

    def all_names(self) -> tuple[str, ...]:
        return (self.key, self.key.replace("_", " "), self.label.lower(), *self.names)


# "Nothing" in words: only these words, and at least one that says it is all right as it is.
_NOTHING_WORDS = frozenset(
    [
        "nothing",
        "none",
        "no",
        "nope",
        "nah",
        "fine",
        "ok",
        "okay",
        "good",
        "right",
        "correct",
        "all",
        "it",
        "its",
        "it's",
        "is",
        "that's",
        "thats",
        "that",
        "actually",
        "thanks",
        "thank",
        "you",
        "cheers",
        "go",
        "back",
        "leave",
        "never",
        "mind",
        "nevermind",
        "everything",
        "looks",
        "sorry",
        "just",
        "alright",
        "all",
        "right",
        "it",
        "all",
        "of",
        "them",
    ]
)
_NOTHING_CORE = frozenset(
    [
        "nothing",
        "none",
        "fine",
        "ok",
        "okay",
        "good",
        "right",
        "correct",
        "back",
        "nevermind",
        "never",
        "alright",
    ]
)


def _is_nothing(plain: str) -> bool:
    tokens = plain.split()
    return (
        bool(tokens)
        and set(tokens) <= _NOTHING_WORDS
        and bool(set(tokens) & (_NOTHING_CORE | {"no", "nope", "nah"}))
    )


def choose(text: str, options: Sequence[Option]) -> Result:
    """The option the answer names: ``Valid(key)``; ``Valid(NOTHING)`` for "nothing"; else Invalid."""
    plain = words(text)
    labels = ", ".join(option.label.lower() for option in options)
    ask = f"Which part? You can say {labels}, or 'nothing' to go back."
    if not plain:
        return Invalid(ask)
    if _is_nothing(plain):
        return Valid(NOTHING, "nothing")
    best: list[tuple[int, Option]] = []
    for option in options:
        for name in option.all_names():
            if re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", plain):
                best.append((len(name), option))
    if not best:
        return Invalid(ask)
    longest = max(length for length, _ in best)
    chosen = {option.key: option for length, option in best if length == longest}
    if len(chosen) > 1:
        named = " or ".join(option.label.lower() for option in chosen.values())
        return Invalid(f"Do you mean {named}?")
    option = next(iter(chosen.values()))
    return Valid(option.key, option.label)
