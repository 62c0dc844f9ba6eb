"""Micro-benchmark of the safety rule layer: time per ``SafetyRules.check``, short and long messages.

Prints figures only (no assertions):

    cd /work/main && .venv/bin/python bench/safety.py            # gateway env (3.11, spaCy 3.8)
    cd /work/main && PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 .venv-rasa/bin/python bench/safety.py

Two sets, timed in the same run:

- *short*: every sentence of ``tests/unit/safety/safety_cases.py`` (a few words each);
- *long*: messages of about ``--long-chars`` characters (2,000 by default, the NLU budget's
  "parse p95 <= 30 ms for a 2,000-character message"), each a different run of the public-style
  stories of ``tests/unit/safety/story_cases.py`` joined until the length is reached.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "safety"))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--rounds", type=int, default=20, help="passes over the short sentences (default 20)")
    add("--long-chars", type=int, default=2000, help="length of a long message (default 2000)")
    add("--long-count", type=int, default=60, help="number of long messages (default 60)")
    add("--long-rounds", type=int, default=5, help="passes over the long messages (default 5)")
    args = parser.parse_args()

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
