"""Score a trained model on held-out NLU files (runs in the Rasa environment).

    python -m bot.evaluation --model models/served.tar.gz --data tests/nlu/held_out.yml --out metrics.json

Writes JSON with, per file: per-intent precision/recall/F1/support, macro-F1, emergency recall,
fallback rate, the confusion matrix, parse latency p50/p95 (wall clock and CPU) and every prediction. Used by the
held-out gate in `make test`, by bench/nlu.py and by `make evaluate`. Retrieval sub-intents
(``ask_speed_camera/penalty``) are scored as their base intent, the name the gateway and analysts
see.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import time
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

FALLBACK = "nlu_fallback"


def load_examples(path: Path) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(ex.get("text"), str(ex.get("intent")).split("/", 1)[0]) for ex in data.intent_examples]


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return ordered[index]


def score(truth: List[str], predicted: List[str]) -> Dict[str, Any]:
    """Per-intent precision/recall/F1 over the intents in the test data, plus macro-F1."""
    labels = sorted(set(truth))
    per_intent: Dict[str, Dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    columns = sorted(set(truth) | set(predicted))
    confusion = [[sum(1 for t, p in zip(truth, predicted) if t == row and p == col) for col in columns] for row in labels]
    return {
        "per_intent": per_intent,
        "macro_f1": round(statistics.mean(v["f1"] for v in per_intent.values()), 4) if per_intent else 0.0,
        "accuracy": round(sum(1 for t, p in zip(truth, predicted) if t == p) / len(truth), 4) if truth else 0.0,
        "emergency_recall": per_intent.get("emergency", {}).get("recall"),
        "fallback_rate": round(sum(1 for p in predicted if p == FALLBACK) / len(predicted), 4) if predicted else 0.0,
        "confusion": {"rows": labels, "columns": columns, "matrix": confusion},
    }


def quiet_rasa_logging() -> None:
    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    # Rasa's structured logger prints every parse (with the message text) at debug level otherwise.
    configure_structlog(logging.WARNING)


async def evaluate(model: Path, files: List[Path]) -> Dict[str, Any]:
    from rasa.core.agent import Agent

    quiet_rasa_logging()

    started = time.monotonic()
    agent = Agent.load(str(model))
    load_seconds = time.monotonic() - started
    results: Dict[str, Any] = {"model": str(model), "load_seconds": round(load_seconds, 2), "files": {}}
    for path in files:
        examples = load_examples(path)
        predictions: List[Dict[str, Any]] = []
        latencies: List[float] = []
        cpu: List[float] = []
        for text, _ in examples:
            t0, c0 = time.perf_counter(), time.process_time()
            parsed = await agent.parse_message(text)
            latencies.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            intent = parsed.get("intent") or {}
            predictions.append(
                {
                    "name": str(intent.get("name") or FALLBACK).split("/", 1)[0],
                    "confidence": round(float(intent.get("confidence") or 0.0), 4),
                    "safety": (parsed.get("safety") or {}).get("concern") if parsed.get("safety") else None,
                }
            )
        truth = [label for _, label in examples]
        predicted = [p["name"] for p in predictions]
        entry = score(truth, predicted)
        entry["examples"] = len(examples)
        entry["latency_ms"] = {"p50": round(percentile(latencies, 0.5), 2), "p95": round(percentile(latencies, 0.95), 2)}
        # CPU time of the whole process per parse (all threads): what a parse costs, even on a
        # machine whose other work stretches the wall-clock figures above.
        entry["cpu_ms"] = {"p50": round(percentile(cpu, 0.5), 2), "p95": round(percentile(cpu, 0.95), 2)}
        entry["predictions"] = [
            {"text": text, "intent": label, "predicted": p["name"], "confidence": p["confidence"], "safety": p["safety"]}
            for (text, label), p in zip(examples, predictions)
        ]
        results["files"][path.name] = entry
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--data", required=True, type=Path, nargs="+")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    results = asyncio.run(evaluate(args.model, args.data))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    for name, entry in results["files"].items():
        print(
            f"{name}: macro-F1 {entry['macro_f1']:.3f}, emergency recall {entry['emergency_recall']}, "
            f"fallback rate {entry['fallback_rate']:.3f}, parse p50 {entry['latency_ms']['p50']} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
