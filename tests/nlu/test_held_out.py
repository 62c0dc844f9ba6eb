"""The held-out gate: the served model on NLU data it was never trained on.

Fails if emergency recall on the held-out file or the emergency gate set is below 100%, or if
any main intent's F1 on the held-out file is below 0.90. The files are written separately from
data/nlu/ and are never trained on (test_held_out_is_not_training_data checks).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from analytics.evaluate import score_model
from triage import intents

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "tests" / "nlu" / "held_out.yml"
GATE = ROOT / "tests" / "nlu" / "emergency_gate.yml"
MODEL = ROOT / "models" / "served.tar.gz"
GATED_INTENTS = (*intents.MAIN_INTENTS, *intents.SAFETY_INTENTS)
MIN_F1 = 0.90

pytestmark = pytest.mark.slow


def texts(path: Path) -> set[str]:
    found: set[str] = set()
    for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
        for line in str(item.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.add(line[2:].strip().lower())
    return found


@pytest.fixture(scope="module")
def metrics() -> dict[str, Any]:
    results = score_model(MODEL, [HELD_OUT, GATE])
    report = ROOT / "results" / "held_out_metrics.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(results, indent=2))
    return results


def test_held_out_is_not_training_data() -> None:
    training: set[str] = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        training |= texts(path)
    assert not (texts(HELD_OUT) & training)
    assert not (texts(GATE) & training)


def test_held_out_is_big_enough() -> None:
    assert len(texts(HELD_OUT)) >= 150


@pytest.mark.parametrize("file", [HELD_OUT.name, GATE.name])
def test_every_emergency_is_caught(metrics: dict[str, Any], file: str) -> None:
    entry = metrics["files"][file]
    missed = [
        p["text"]
        for p in entry["predictions"]
        if p["intent"] == "emergency" and p["predicted"] != "emergency"
    ]
    assert missed == [], f"emergencies missed: {missed}"
    assert entry["emergency_recall"] == 1.0


@pytest.mark.parametrize("intent", GATED_INTENTS)
def test_main_intents_f1(metrics: dict[str, Any], intent: str) -> None:
    entry = metrics["files"][HELD_OUT.name]
    f1 = entry["per_intent"][intent]["f1"]
    wrong = [
        (p["text"], p["predicted"])
        for p in entry["predictions"]
        if (p["intent"] == intent) != (p["predicted"] == intent)
    ]
    assert f1 >= MIN_F1, f"{intent} F1 {f1:.3f} < {MIN_F1}; confused: {wrong}"
