"""Run spaCy ``Matcher`` groups only where they can match: the cost of a long message.

spaCy's ``Matcher`` tries every pattern at every token, so one matcher over all rules costs
tokens x patterns: about 100 ms for a 2,000-character message. But a pattern can only match in a
stretch of text holding a word of each of its required (non-optional, literal) tokens, and a rule
match may not cross a clause boundary anyway. So each group (one rule, or one cue label) gets its
own ``Matcher``, and the group is run only on the segments (clauses for rules, sentences for cues)
where at least one of its patterns has all its required words. The result is the same set of
matches as one matcher over the whole text (a match lies inside one segment), at a fraction of the
cost. A few patterns have no literal token (wildcards, numbers, regexes only): they run everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triage.safety.vocab import fs, pattern, required_words

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Very frequent words: a poor anchor (nearly every segment has one), used only when nothing else is.
_COMMON = fs(
    "the a an and to of in on at for with is are was were be been 's 're 'm s re am has have 've ve had "
    "i you he she it we they me him her us them my your his our their this that there not n't nt no do "
    "did does get got go going just now still so but or if as by from up out about what who when then "
    "all one some can could will would 'll like back here"
)


@dataclass(frozen=True, eq=False)
class _Pattern:
    """One pattern: its group, the word sets a match needs, and its own ``Matcher`` (``None`` for a
    one-word pattern, which is matched by looking the word up in ``words``)."""

    group: int
    required: tuple[frozenset[str], ...]
    matcher: Any
    words: frozenset[str]


class GroupedMatcher:
    """Named groups of token patterns, each pattern matched only on the segments it can match in."""

    def __init__(self, vocab: Vocab, groups: Iterable[tuple[str, Sequence[str]]]) -> None:
        from spacy.matcher import Matcher

        self.names: list[str] = []
        self._index: dict[str, list[_Pattern]] = {}
        self._always: list[_Pattern] = []
        for gi, (name, patterns) in enumerate(groups):
            self.names.append(name)
            for text in patterns:
                required = tuple(required_words(text))
                if len(required) == 1 and len(text.split()) == 1:
                    entry = _Pattern(gi, required, None, required[0])
                else:
                    matcher = Matcher(vocab)
                    matcher.add(name, [pattern(text)])
                    entry = _Pattern(gi, required, matcher, frozenset())
                if not required:
                    self._always.append(entry)
                    continue
                # anchor: a required token with no frequent word, else the one with the fewest
                anchor = min(required, key=lambda s: (len(s & _COMMON), len(s)))
                for word in anchor:
                    self._index.setdefault(word, []).append(entry)

    def __call__(
        self, doc: Doc, segments: Sequence[tuple[int, int]], words: Sequence[str]
    ) -> list[tuple[int, int, int]]:
        """``(group index, start, end)`` of every match inside one of ``segments`` (token ranges);
        ``words`` are the doc's tokens in lower case (``Context.words``)."""
        todo: dict[int, tuple[_Pattern, list[tuple[int, int]]]] = {}
        out: list[tuple[int, int, int]] = []
        for a, b in segments:
            seg = set(words[a:b])
            seen: set[int] = set()
            candidates = list(self._always)
            for word in seg:
                candidates.extend(self._index.get(word, ()))
            for entry in candidates:
                key = id(entry)
                if key in seen or not all(not s.isdisjoint(seg) for s in entry.required):
                    continue
                seen.add(key)
                if entry.matcher is None:
                    out.extend((entry.group, i, i + 1) for i in range(a, b) if words[i] in entry.words)
                else:
                    todo.setdefault(key, (entry, []))[1].append((a, b))
        # one call per pattern over the stretch from its first to its last candidate segment: the
        # segments between hold no match (they lack a required word), and fewer calls cost less
        for entry, spans in todo.values():
            a, b = min(sp[0] for sp in spans), max(sp[1] for sp in spans)
            for _mid, start, end in entry.matcher(doc[a:b]):
                out.append((entry.group, a + start, a + end))
        return out
