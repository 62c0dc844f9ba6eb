"""Micro-benchmark of the safety rule layer: time per ``SafetyRules.check``, short and long messages.

Prints figures only (no assertions):

    cd /work/main && .venv/bin/python bench/safety.py            # gateway env (3.11, spaCy 3.8)
    cd /work/main && PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 .venv-rasa/bin/python bench/safety.py

Two sets, timed in the same run:

- *short*: every sentence of ``tests/unit/safety/safety_cases.py`` (a few words each);
- *long*: messages of about ``--long-chars`` characters (2,000 by default, the NLU budget's
  "parse p95 <= 30 ms for a 2,000-character message"), each a different run of the public-style
  stories of ``tests/unit/safety/story_cases.py`` joined until the length is reached.

``--quality [FILE.yml ...]`` prints, instead, what the rule layer alone gets right: emergency recall,
false emergencies and safeguarding recall on each set of ``story_cases.py`` (the first set, written
before the rules were changed, and three fresh sets written later) and on each Rasa NLU file given
(``intent: emergency`` must be an emergency, every other intent must not; ``intent: safeguarding``
must be a safeguarding hit, or at least reach a person: any hit)::

    .venv/bin/python bench/safety.py --quality tests/nlu/held_out.yml tests/nlu/narratives.yml
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "safety"))

import story_cases  # noqa: E402
from safety_cases import EMERGENCY_CASES, NEGATIVE_CASES, SAFEGUARDING_CASES  # noqa: E402
from story_cases import (  # noqa: E402
    MEDICAL,
    PAST_STORIES,
    PAST_THREATS,
    STORY_EMERGENCIES,
    STORY_SAFEGUARDING,
)


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def long_messages(chars: int, count: int) -> list[str]:
    """``count`` messages of ``chars`` characters (cut at a word), each starting at another story."""
    stories = [
        *PAST_STORIES,
        *PAST_THREATS,
        *(t for t, _ in STORY_EMERGENCIES),
        *MEDICAL,
        *(t for t, _ in STORY_SAFEGUARDING),
    ]
    out: list[str] = []
    for k in range(count):
        parts: list[str] = []
        size = 0
        i = k
        while size < chars:
            story = stories[i % len(stories)]
            parts.append(story if story.endswith((".", "!", "?")) else story + ".")
            size += len(parts[-1]) + 1
            i += 7  # a different mix for each message
        text = " ".join(parts)[:chars]
        out.append(text[: text.rfind(" ")] if " " in text else text)
    return out


def _time(rules: object, texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall time and this thread's CPU time per check, each sorted. On a shared machine the CPU time
    is the steadier figure: the wall time also counts the time spent waiting for a core."""
    check = rules.check  # type: ignore[attr-defined]
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        for text in texts:
            w0, c0 = time.perf_counter(), time.thread_time()
            check(text)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - w0)
    return sorted(wall), sorted(cpu)


def _report(name: str, texts: list[str], timings: tuple[list[float], list[float]]) -> None:
    mean_chars = statistics.fmean(len(t) for t in texts)
    print(f"{name}: {len(texts)} messages (mean {mean_chars:.0f} chars), {len(timings[0])} checks")
    for label, values in zip(("wall", "cpu "), timings, strict=True):
        figures = [(f"p{q}", _percentile(values, q / 100)) for q in (50, 95, 99)]
        figures += [("mean", statistics.fmean(values)), ("max", values[-1])]
        print(f"  {label} " + "   ".join(f"{k} {v * 1e3:7.2f} ms" for k, v in figures))


def _texts(*groups: list[Any]) -> list[str]:
    return [item[0] if isinstance(item, tuple) else item for group in groups for item in group]


def _quality_sets() -> list[tuple[str, list[str], list[str], list[str]]]:
    """(name, must be emergencies, must not be emergencies, safeguarding) for each story set."""
    sc = story_cases
    return [
        (
            "first set (before the changes)",
            _texts(sc.STORY_EMERGENCIES, sc.CHILDREN, sc.MEDICAL, sc.ANSWERS_DANGER),
            _texts(sc.PAST_STORIES, sc.PAST_THREATS, sc.ANSWERS_NOT_NOW, sc.ORDINARY),
            _texts(sc.STORY_SAFEGUARDING),
        ),
        (
            "fresh set 1",
            _texts(sc.FRESH_EMERGENCIES, sc.FRESH_MEDICAL, sc.FRESH_CHILDREN),
            _texts(sc.FRESH_NOT_NOW, sc.FRESH_ORDINARY),
            _texts(sc.FRESH_SAFEGUARDING),
        ),
        (
            "fresh set 2",
            _texts(sc.FRESH2_EMERGENCIES, sc.FRESH2_MEDICAL, sc.FRESH2_CHILDREN),
            _texts(sc.FRESH2_NOT_NOW, sc.FRESH2_ORDINARY),
            _texts(sc.FRESH2_SAFEGUARDING),
        ),
        (
            "fresh set 3 (never tuned on)",
            _texts(sc.FRESH3_EMERGENCIES),
            _texts(sc.FRESH3_NOT_NOW, sc.FRESH3_ORDINARY),
            _texts(sc.FRESH3_SAFEGUARDING),
        ),
    ]


def _nlu_file(path: str) -> tuple[list[str], list[str], list[str]]:
    import yaml

    emergencies: list[str] = []
    others: list[str] = []
    safeguarding: list[str] = []
    for block in yaml.safe_load(Path(path).read_text(encoding="utf-8")).get("nlu") or []:
        if "intent" not in block:
            continue
        examples = [
            ln.strip()[2:] for ln in (block.get("examples") or "").splitlines() if ln.strip()[:2] == "- "
        ]
        (emergencies if block["intent"] == "emergency" else others).extend(examples)
        if block["intent"] == "safeguarding":
            safeguarding.extend(examples)
    return emergencies, others, safeguarding


def quality(paths: list[str]) -> None:
    from triage.safety import EMERGENCY, SAFEGUARDING, default_rules

    rules = default_rules()
    rows = _quality_sets() + [(path, *_nlu_file(path)) for path in paths]
    print(
        f"{'set':44} {'emergency recall':>17} {'false emergencies':>18} {'safeguarding':>13} {'any hit':>8}"
    )
    for name, must, must_not, guard in rows:
        hits = {t: rules.check(t) for t in [*must, *must_not, *guard]}
        found = sum(1 for t in must if (h := hits[t]) is not None and h.category == EMERGENCY)
        false = sum(1 for t in must_not if (h := hits[t]) is not None and h.category == EMERGENCY)
        guarded = sum(1 for t in guard if (h := hits[t]) is not None and h.category == SAFEGUARDING)
        reached = sum(1 for t in guard if hits[t] is not None)
        print(
            f"{name[-44:]:44} {found:>8}/{len(must):<8} {false:>9}/{len(must_not):<8} "
            f"{guarded:>6}/{len(guard):<6} {reached:>4}/{len(guard):<3}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--rounds", type=int, default=20, help="passes over the short sentences (default 20)")
    add("--long-chars", type=int, default=2000, help="length of a long message (default 2000)")
    add("--long-count", type=int, default=60, help="number of long messages (default 60)")
    add("--long-rounds", type=int, default=5, help="passes over the long messages (default 5)")
    add("--quality", nargs="*", metavar="FILE.yml", help="print recall / false alarms instead of timings")
    args = parser.parse_args()
    if args.quality is not None:
        quality(args.quality)
        return

    short = [t for t, _ in EMERGENCY_CASES] + [t for t, _ in SAFEGUARDING_CASES] + list(NEGATIVE_CASES)
    long = long_messages(args.long_chars, args.long_count)

    start = time.perf_counter()
    from importlib.metadata import version

    import spacy  # noqa: F401  (timed: the import is most of the start-up cost)

    from triage.safety import SafetyRules

    imported = time.perf_counter()
    rules = SafetyRules()
    built = time.perf_counter()
    rules.check("warm up")

    load = os.getloadavg()[0]
    print(f"python {platform.python_version()}, spaCy {version('spacy')}, load average {load:.1f}")
    print(f"import spaCy + triage.safety: {(imported - start) * 1000:8.1f} ms")
    print(f"build SafetyRules (matchers): {(built - imported) * 1000:8.1f} ms")
    _report("short", short, _time(rules, short, args.rounds))
    _report("long", long, _time(rules, long, args.long_rounds))


if __name__ == "__main__":
    main()
