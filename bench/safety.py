"""Micro-benchmark of the safety rule layer: time per ``SafetyRules.check`` over the test sentences.

Prints figures only (no assertions):

    cd /work/main && .venv/bin/python bench/safety.py            # gateway env (3.11, spaCy 3.8)
    cd /work/main && PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 .venv-rasa/bin/python bench/safety.py
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "safety"))

from safety_cases import EMERGENCY_CASES, NEGATIVE_CASES, SAFEGUARDING_CASES  # noqa: E402


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the sentences (default 20)")
    args = parser.parse_args()

    texts = [t for t, _ in EMERGENCY_CASES] + [t for t, _ in SAFEGUARDING_CASES] + list(NEGATIVE_CASES)

    start = time.perf_counter()
    from importlib.metadata import version

    import spacy  # noqa: F401  (timed: the import is most of the start-up cost)

    from triage.safety import SafetyRules

    imported = time.perf_counter()
    rules = SafetyRules()
    built = time.perf_counter()
    rules.check("warm up")

    timings: list[float] = []
    for _ in range(args.rounds):
        for text in texts:
            t0 = time.perf_counter()
            rules.check(text)
            timings.append(time.perf_counter() - t0)
    timings.sort()

    print(f"python {platform.python_version()}, spaCy {version('spacy')}")
    print(f"import spaCy + triage.safety: {(imported - start) * 1000:8.1f} ms")
    print(f"build SafetyRules (matchers): {(built - imported) * 1000:8.1f} ms")
    print(f"sentences: {len(texts)} x {args.rounds} rounds = {len(timings)} checks")
    print(f"per check  p50: {_percentile(timings, 0.50) * 1e6:8.1f} us")
    print(f"per check  p95: {_percentile(timings, 0.95) * 1e6:8.1f} us")
    print(f"per check  p99: {_percentile(timings, 0.99) * 1e6:8.1f} us")
    print(f"per check mean: {statistics.fmean(timings) * 1e6:8.1f} us   max: {timings[-1] * 1e6:8.1f} us")


if __name__ == "__main__":
    main()
