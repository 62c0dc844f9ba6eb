"""Redaction on a corpus of realistic messages (data/redaction_corpus.txt) with every kind of
personal data the public types: per-kind share redacted, and the share of ordinary words
replaced. Goals (issue #16): every marked item redacted with the right placeholder, at most 2 % of
ordinary words replaced."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from triage.privacy import PLACEHOLDERS, Redactor

CORPUS = Path(__file__).parent / "data" / "redaction_corpus.txt"
_MARK = re.compile(r"\{([A-Z_]+)\|([^}]*)\}")
_WORD = re.compile(r"[A-Za-z0-9£][\w'’£.\-]*")


def parse(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, position = "", [], 0
    for match in _MARK.finditer(line):
        text += line[position : match.start()]
        spans.append((len(text), len(text) + len(match.group(2)), match.group(1)))
        text += match.group(2)
        position = match.end()
    return text + line[position:], spans


def messages() -> list[tuple[str, list[tuple[int, int, str]]]]:
    lines = [line.rstrip("\n") for line in CORPUS.read_text().splitlines()]
    return [parse(line) for line in lines if line.strip() and not line.startswith("#")]


def covered(found: list[tuple[int, int, str]], start: int, end: int, text: str, kind: str | None) -> bool:
    """Every letter and digit of text[start:end] is inside a found span (of ``kind``, if given)."""
    return all(
        any(s <= i < e and (kind is None or k == kind) for s, e, k in found)
        for i in range(start, end)
        if text[i].isalnum()
    )


def figures() -> tuple[Counter[str], Counter[str], Counter[str], int, int, list[str]]:
    redactor = Redactor()
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    anykind: Counter[str] = Counter()
    ordinary = replaced = 0
    misses: list[str] = []
    for text, marked in messages():
        found = [(s, e, str(k.value)) for s, e, k in redactor.spans(text)]
        for start, end, kind in marked:
            total[kind] += 1
            if covered(found, start, end, text, kind):
                right[kind] += 1
            else:
                misses.append(f"{kind} {text[start:end]!r} in {text!r} -> {redactor.redact(text)!r}")
            anykind[kind] += covered(found, start, end, text, None)
        for word in _WORD.finditer(text):
            if any(s <= word.start() < e for s, e, _ in marked):
                continue
            ordinary += 1
            if any(s < word.end() and word.start() < e for s, e, _ in found):
                replaced += 1
                misses.append(f"ordinary {word.group(0)!r} replaced in {text!r} -> {redactor.redact(text)!r}")
    return total, right, anykind, ordinary, replaced, misses


def test_the_corpus_is_big_and_has_every_kind() -> None:
    found = messages()
    assert len(found) >= 300
    kinds = {kind for _, spans in found for _, _, kind in spans}
    assert {p.strip("[]") for p in PLACEHOLDERS} - {"CONTACT"} <= kinds


def test_every_kind_is_redacted_and_ordinary_words_survive() -> None:
    total, right, anykind, ordinary, replaced, misses = figures()
    print("\nkind        marked  right kind  any placeholder")
    for kind in sorted(total):
        share, loose = right[kind] / total[kind], anykind[kind] / total[kind]
        print(f"{kind:<11} {total[kind]:>6}  {share:>9.1%}  {loose:>14.1%}")
    print(f"ordinary words replaced: {replaced} of {ordinary} ({replaced / ordinary:.2%})")
    for miss in misses:
        print("  ", miss)
    assert sum(right.values()) == sum(total.values()), "\n".join(misses)
    assert replaced / ordinary <= 0.02


@pytest.mark.parametrize(("text", "_"), messages()[:5])
def test_redaction_is_idempotent_on_the_corpus(text: str, _: object) -> None:
    once = Redactor().redact(text)
    assert Redactor().redact(once) == once
