"""NLU benchmark (runs in the Rasa environment: ``nice .venv-rasa/bin/python bench/nlu.py``).

In one run, on the same training data (data/nlu) and every evaluation file of
``tests/nlu/evaluation.yml`` (held_out.yml, emergency_gate.yml, narratives.yml, ...):

* ``served``: this project's pipeline (config.yml) with the SafetyOverride rule layer,
* ``served-no-rules``: the same without the rule layer (what the classifier alone achieves),
* ``sparse-diet``: the pipeline before issue 8 (word + character counts and DIET, no pretrained
  knowledge: bench/nlu_configs/sparse_diet.yml),
* dense candidates (bench/nlu_configs/): ``wordllama-diet`` (the counts plus wordllama vectors into
  DIET) and ``wordllama-logreg`` (the counts plus wordllama vectors into a logistic-regression
  head, bot/sentence_classifier.py),
* ``rasa-default``: Rasa's default pipeline (the one ``rasa init`` writes),
* ``tfidf-logreg``: TF-IDF (word 1-2-grams + char 2-5-grams) + logistic regression (scikit-learn),
  and ``tfidf-logreg+rules``: the same with the rule layer's verdict on top, as SafetyOverride does.

For each: macro-F1, emergency recall, safeguarding recall, false emergencies (non-emergency
examples read as emergency), training seconds and peak memory, parse p50/p95 on each file and on
2,000-character messages (rule layer included), the resident memory of the process holding the
model after parsing; and the same figures by message length (15 words or fewer, 16-60, over 60),
so a regression on long messages shows at once. Figures go to stdout and bench/out/nlu.json.

Smallest runs: ``--only wordllama-logreg`` (several allowed) and ``--files narratives.yml``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from bot.evaluation import load_examples, percentile, score  # noqa: E402

PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
CONFIGS = ROOT / "bench" / "nlu_configs"
# Rasa caches trained components between runs; a benchmark of training time must not reuse them.
NO_CACHE = {**os.environ, "RASA_MAX_CACHE_SIZE": "0", "PYTHONPATH": str(ROOT)}
LONG_CHARS = 2000
BUCKETS = (("<=15 words", 0, 15), ("16-60 words", 16, 60), (">60 words", 61, 10**9))


def evaluation_files() -> list[Path]:
    import yaml

    bars = yaml.safe_load((ROOT / "tests" / "nlu" / "evaluation.yml").read_text())
    return [ROOT / entry["path"] for entry in bars["files"]]


def rasa_default_config() -> Path:
    import rasa.engine.recipes

    return Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"


def without_safety(config: Path, out: Path) -> Path:
    lines = [line for line in config.read_text().splitlines() if "bot.components.SafetyOverride" not in line]
    out.write_text("\n".join(lines) + "\n")
    return out


def run_measured(command: list[str]) -> tuple[float, int, float]:
    """Run a child process; (wall seconds, its peak resident memory in MiB, its CPU seconds)."""
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block the child
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=ROOT, env=NO_CACHE, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise RuntimeError(
                f"{' '.join(command[:4])} failed: {log.read().decode(errors='replace')[-2000:]}"
            )
    return seconds, round(usage.ru_maxrss / 1024), usage.ru_utime + usage.ru_stime


def train_nlu(config: Path, out_dir: Path, name: str) -> tuple[Path, float, int, float]:
    seconds, peak, cpu = run_measured(
        [
            str(RASA), "train", "nlu", "--config", str(config), "--nlu", str(ROOT / "data" / "nlu"),
            "--out", str(out_dir), "--fixed-model-name", name, "--quiet",
        ]
    )  # fmt: skip
    return out_dir / f"{name}.tar.gz", seconds, peak, cpu


def long_messages(files: list[Path], out: Path, count: int = 40) -> Path:
    """``count`` messages of about 2,000 characters, each a run of evaluation texts."""
    texts = [text for path in files for text, _ in load_examples(path)]
    rows, index = [], 0
    for _ in range(count):
        message = ""
        while len(message) < LONG_CHARS:
            message += texts[index % len(texts)] + " "
            index += 1
        rows.append(message[:LONG_CHARS].rsplit(" ", 1)[0].replace("\n", " "))
    body = "\n".join(f"    - {json.dumps(row)[1:-1]}" for row in rows)
    out.write_text(f'version: "3.1"\nnlu:\n- intent: long_message\n  examples: |\n{body}\n')
    return out


def length_bucket(text: str) -> str:
    words = len(text.split())
    return next(name for name, low, high in BUCKETS if low <= words <= high)


def figures(truth: list[str], predicted: list[str]) -> dict[str, Any]:
    scored = score(truth, predicted)
    others = [p for t, p in zip(truth, predicted, strict=True) if t != "emergency"]
    per = scored["per_intent"]
    return {
        "examples": len(truth),
        "macro_f1": scored["macro_f1"],
        "accuracy": scored["accuracy"],
        "emergency_recall": per.get("emergency", {}).get("recall"),
        "safeguarding_recall": per.get("safeguarding", {}).get("recall"),
        "false_emergencies": sum(1 for p in others if p == "emergency"),
        "non_emergencies": len(others),
        "false_emergency_rate": round(sum(1 for p in others if p == "emergency") / len(others), 4)
        if others
        else 0.0,
        "per_intent_f1": {k: v["f1"] for k, v in per.items()},
    }


def summarise(
    predictions: dict[str, list[dict[str, Any]]], latency: dict[str, dict[str, float]]
) -> dict[str, Any]:
    out: dict[str, Any] = {"files": {}, "by_length": {}}
    pooled: dict[str, tuple[list[str], list[str]]] = {name: ([], []) for name, _, _ in BUCKETS}
    for name, rows in predictions.items():
        out["files"][name] = {
            **figures([r["intent"] for r in rows], [r["predicted"] for r in rows]),
            **latency.get(name, {}),
        }
        for row in rows:
            truth, predicted = pooled[length_bucket(row["text"])]
            truth.append(row["intent"])
            predicted.append(row["predicted"])
    for name, (truth, predicted) in pooled.items():
        if truth:
            out["by_length"][name] = figures(truth, predicted)
    return out


def rasa_pipeline(config: Path, work: Path, name: str, files: list[Path], long_file: Path) -> dict[str, Any]:
    model, train_seconds, train_peak, train_cpu = train_nlu(config, work, name)
    out = work / f"{name}.json"
    _, serve_peak, _ = run_measured(
        [
            str(PYTHON),
            "-m",
            "bot.evaluation",
            "--model",
            str(model),
            "--data",
            *map(str, files),
            str(long_file),
            "--out",
            str(out),
        ]
    )
    evaluated = json.loads(out.read_text())["files"]
    long_entry = evaluated.pop(long_file.name)
    result = summarise(
        {n: e["predictions"] for n, e in evaluated.items()},
        {
            n: {
                "parse_ms_p50": e["latency_ms"]["p50"],
                "parse_ms_p95": e["latency_ms"]["p95"],
                "parse_cpu_ms": e.get("cpu_ms"),
            }
            for n, e in evaluated.items()
        },
    )
    return {
        "predictions": {n: e["predictions"] for n, e in evaluated.items()},
        "train_seconds": round(train_seconds, 1),
        "train_cpu_seconds": round(train_cpu, 1),
        "train_peak_mib": train_peak,
        "resident_mib": serve_peak,
        "parse_2000_chars_ms": long_entry["latency_ms"],
        "parse_2000_chars_cpu_ms": long_entry.get("cpu_ms"),
        **result,
    }


def tfidf_pipeline(files: list[Path], long_file: Path, with_rules: bool) -> dict[str, Any]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rules: Callable[[str], Any] | None = None
    if with_rules:
        from triage.safety import EMERGENCY, default_rules

        checker = default_rules()

        def rules(text: str) -> str | None:
            hit = checker.check(text)
            return None if hit is None else ("emergency" if hit.category == EMERGENCY else "safeguarding")

    train = load_examples(ROOT / "data" / "nlu")
    texts, labels = [t for t, _ in train], [label for _, label in train]
    started, cpu_started = time.monotonic(), time.process_time()
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)
    features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    model = LogisticRegression(max_iter=2000, C=10.0)
    model.fit(features, labels)
    train_seconds, train_cpu = time.monotonic() - started, time.process_time() - cpu_started

    def predict(text: str) -> str:
        row = hstack([words.transform([text]), chars.transform([text])]).tocsr()
        label = str(model.predict(row)[0])
        verdict = rules(text) if rules else None
        if verdict == "emergency" or (verdict == "safeguarding" and label != "emergency"):
            return verdict
        return label

    predictions: dict[str, list[dict[str, Any]]] = {}
    latency: dict[str, dict[str, float]] = {}
    for path in [*files, long_file]:
        rows, times, cpu = [], [], []
        for text, label in load_examples(path):
            t0, c0 = time.perf_counter(), time.process_time()
            predicted = predict(text)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            rows.append({"text": text, "intent": label, "predicted": predicted})
        latency[path.name] = {
            "parse_ms_p50": round(percentile(times, 0.5), 2),
            "parse_ms_p95": round(percentile(times, 0.95), 2),
            "parse_cpu_ms": {"p50": round(percentile(cpu, 0.5), 2), "p95": round(percentile(cpu, 0.95), 2)},
        }
        predictions[path.name] = rows
    long_latency = latency.pop(long_file.name)
    predictions.pop(long_file.name)
    summary = summarise(predictions, latency)
    return {
        "predictions": predictions,
        "train_seconds": round(train_seconds, 1),
        "train_cpu_seconds": round(train_cpu, 1),
        "train_peak_mib": None,
        "resident_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "parse_2000_chars_ms": {"p50": long_latency["parse_ms_p50"], "p95": long_latency["parse_ms_p95"]},
        "parse_2000_chars_cpu_ms": long_latency["parse_cpu_ms"],
        **summary,
    }


def full_train_seconds(out_dir: Path) -> float:
    seconds, _, _ = run_measured(
        [
            str(RASA), "train", "--config", str(ROOT / "config.yml"), "--domain", str(ROOT / "domain.yml"),
            "--data", str(ROOT / "data"), "--out", str(out_dir), "--fixed-model-name", "full", "--quiet",
        ]
    )  # fmt: skip
    return seconds


def default_with_epochs(epochs: int | None, out: Path) -> Path:
    """Rasa's default pipeline; with ``epochs``, its DIET and ResponseSelector epochs cut to that."""
    if epochs is None:
        return rasa_default_config()
    text = rasa_default_config().read_text().replace("epochs: 100", f"epochs: {epochs}")
    out.write_text(text)
    return out


def candidates(work: Path, default_epochs: int | None) -> dict[str, Path]:
    found = {
        "served": ROOT / "config.yml",
        "served-no-rules": without_safety(ROOT / "config.yml", work / "no_rules.yml"),
        "sparse-diet": CONFIGS / "sparse_diet.yml",
        "wordllama-diet": CONFIGS / "wordllama_diet.yml",
        "wordllama-logreg": CONFIGS / "wordllama_logreg.yml",
        "rasa-default": default_with_epochs(default_epochs, work / "default.yml"),
    }
    # A candidate identical to the served pipeline is the served pipeline: trained once.
    served = found["served"].read_text()
    return {k: v for k, v in found.items() if k == "served" or v.read_text() != served}


def print_tables(results: dict[str, Any]) -> None:
    rows = {k: v for k, v in results.items() if isinstance(v, dict) and "files" in v}
    print(
        f"\n{'pipeline':20} {'train s':>7} {'cpu s':>6} {'MiB':>5} {'2000ch p50/p95 ms':>18} "
        f"{'(cpu)':>13}  {'file':20} {'macro-F1':>8} {'emerg.':>6} {'safeg.':>6} {'false 999':>9} "
        f"{'p50':>6} {'p95':>6}"
    )
    for label, entry in rows.items():
        wall, cpu = entry["parse_2000_chars_ms"], entry.get("parse_2000_chars_cpu_ms") or {}
        for name, f in entry["files"].items():
            print(
                f"{label:20} {entry['train_seconds']:>7} {entry['train_cpu_seconds']:>6} "
                f"{entry['resident_mib']!s:>5} {wall['p50']!s:>8} / {wall['p95']!s:<7} "
                f"{cpu.get('p50', '-')!s:>5}/{cpu.get('p95', '-')!s:<7}  {name:20} {f['macro_f1']:>8.3f} "
                f"{f['emergency_recall']!s:>6} {f['safeguarding_recall']!s:>6} "
                f"{f['false_emergencies']!s:>4}/{f['non_emergencies']!s:<4} "
                f"{f.get('parse_ms_p50', '')!s:>6} {f.get('parse_ms_p95', '')!s:>6}"
            )
    print(
        "\nby message length (all evaluation files pooled)\n"
        f"{'pipeline':20} {'length':12} {'n':>4} {'macro-F1':>8} {'accuracy':>8} {'emerg.':>6} "
        f"{'false 999':>10}"
    )
    for label, entry in rows.items():
        for name, f in entry["by_length"].items():
            print(
                f"{label:20} {name:12} {f['examples']:>4} {f['macro_f1']:>8.3f} {f['accuracy']:>8.3f} "
                f"{f['emergency_recall']!s:>6} {f['false_emergencies']!s:>4}/{f['non_emergencies']!s:<5}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description="NLU benchmark")
    parser.add_argument("--only", nargs="+", help="pipelines to run (default: all)")
    parser.add_argument(
        "--files", nargs="+", help="evaluation file names (default: every file of evaluation.yml)"
    )
    parser.add_argument("--no-full-train", action="store_true", help="skip timing a full `rasa train`")
    parser.add_argument("--skip", nargs="+", default=[], help="pipelines to leave out")
    parser.add_argument(
        "--default-epochs",
        type=int,
        help="cut the epochs of Rasa's default pipeline (100) to fit a busy machine",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "nlu.json")
    args = parser.parse_args()
    files = [f for f in evaluation_files() if not args.files or f.name in args.files]
    results: dict[str, Any] = {
        "default_epochs": args.default_epochs,
        "cores": os.cpu_count(),
        "training_examples": len(load_examples(ROOT / "data" / "nlu")),
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        long_file = long_messages(files, work / "long_2000.yml")
        for label, config in candidates(work, args.default_epochs).items():
            if (args.only and label not in args.only) or label in args.skip:
                continue
            results[label] = rasa_pipeline(config, work, label, files, long_file)
            print(f"{label}: trained in {results[label]['train_seconds']} s", flush=True)
        for label, rules in (("tfidf-logreg", False), ("tfidf-logreg+rules", True)):
            if (not args.only or label in args.only) and label not in args.skip:
                results[label] = tfidf_pipeline(files, long_file, rules)
        if not args.no_full_train and not args.only:
            results["full rasa train seconds"] = round(full_train_seconds(work), 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print_tables(results)
    if "full rasa train seconds" in results:
        print(
            f"\nfull `rasa train` (config.yml, NLU + dialogue) on {results['cores']} cores: "
            f"{results['full rasa train seconds']} s"
        )
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
