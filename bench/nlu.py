"""NLU benchmark (runs in the Rasa environment: ``.venv-rasa/bin/python bench/nlu.py``).

In one run, on the same training data (data/nlu) and the same held-out files:

* this project's pipeline (config.yml, with the SafetyOverride rule layer),
* the same pipeline without the rule layer (what the classifier alone achieves),
* Rasa's default pipeline (the one ``rasa init`` writes),
* a TF-IDF + logistic regression baseline (scikit-learn, word 1-2-grams + char 2-4-grams),

reporting macro-F1, emergency recall, training seconds and parse latency p50/p95; then the wall
time of a full ``rasa train`` of this project and the resident memory of a Rasa server holding
the model. Figures go to stdout and bench/out/nlu.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from bot.evaluation import evaluate, load_examples, percentile, score  # noqa: E402

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
# Rasa caches trained components between runs; a benchmark of training time must not reuse them.
NO_CACHE = {**os.environ, "RASA_MAX_CACHE_SIZE": "0", "PYTHONPATH": str(ROOT)}
HELD_OUT = [ROOT / "tests" / "nlu" / "held_out.yml", ROOT / "tests" / "nlu" / "emergency_gate.yml"]


def rasa_default_config() -> Path:
    import rasa.engine.recipes

    return Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"


def without_safety(config: Path, out: Path) -> Path:
    lines = [line for line in config.read_text().splitlines() if "bot.components.SafetyOverride" not in line]
    out.write_text("\n".join(lines) + "\n")
    return out


def train_nlu(config: Path, out_dir: Path, name: str) -> tuple[Path, float]:
    started = time.monotonic()
    subprocess.run(
        [
            str(RASA),
            "train",
            "nlu",
            "--config",
            str(config),
            "--nlu",
            str(ROOT / "data" / "nlu"),
            "--out",
            str(out_dir),
            "--fixed-model-name",
            name,
            "--quiet",
        ],
        cwd=ROOT,
        env=NO_CACHE,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out_dir / f"{name}.tar.gz", time.monotonic() - started


def summary(result: dict[str, Any], train_seconds: float) -> dict[str, Any]:
    files = result["files"]
    return {
        "train_seconds": round(train_seconds, 1),
        **{
            name: {
                "macro_f1": entry["macro_f1"],
                "emergency_recall": entry["emergency_recall"],
                "fallback_rate": entry["fallback_rate"],
                "parse_ms_p50": entry["latency_ms"]["p50"],
                "parse_ms_p95": entry["latency_ms"]["p95"],
            }
            for name, entry in files.items()
        },
    }


def training_examples() -> list[tuple[str, str]]:
    return load_examples(ROOT / "data" / "nlu")


def tfidf_baseline() -> dict[str, Any]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = training_examples()
    texts, labels = [t for t, _ in train], [label for _, label in train]
    started = time.monotonic()
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True)
    features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    model = LogisticRegression(max_iter=2000, C=10.0)
    model.fit(features, labels)
    train_seconds = time.monotonic() - started
    out: dict[str, Any] = {"train_seconds": round(train_seconds, 2)}
    for path in HELD_OUT:
        examples = load_examples(path)
        predicted, latencies = [], []
        for text, _ in examples:
            t0 = time.perf_counter()
            row = hstack([words.transform([text]), chars.transform([text])]).tocsr()
            predicted.append(str(model.predict(row)[0]))
            latencies.append((time.perf_counter() - t0) * 1000)
        scored = score([label for _, label in examples], predicted)
        out[path.name] = {
            "macro_f1": scored["macro_f1"],
            "emergency_recall": scored["emergency_recall"],
            "fallback_rate": 0.0,
            "parse_ms_p50": round(percentile(latencies, 0.5), 2),
            "parse_ms_p95": round(percentile(latencies, 0.95), 2),
        }
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tree_rss_kib(pid: int) -> int:
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        status = Path(f"/proc/{one}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def rasa_server_memory(model: Path) -> dict[str, Any]:
    port = free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(port),
        "RASA_MODEL": str(model),
        "RASA_AUTH_TOKEN": "bench",
        "RASA_CHANNEL_TOKEN": "bench",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
    }
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "run-rasa")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.monotonic() - started < 300:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/status?token=bench", timeout=2) as r:
                    if json.loads(r.read()).get("model_file"):
                        break
            except OSError:
                time.sleep(1)
        load_seconds = time.monotonic() - started
        return {"load_seconds": round(load_seconds, 1), "rss_mib": round(tree_rss_kib(proc.pid) / 1024)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def full_train_seconds(out_dir: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            str(RASA),
            "train",
            "--config",
            str(ROOT / "config.yml"),
            "--domain",
            str(ROOT / "domain.yml"),
            "--data",
            str(ROOT / "data"),
            "--out",
            str(out_dir),
            "--fixed-model-name",
            "full",
            "--quiet",
        ],
        cwd=ROOT,
        env=NO_CACHE,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description="NLU benchmark")
    parser.add_argument("--skip-default", action="store_true", help="skip Rasa's default pipeline (slowest)")
    args = parser.parse_args()
    results: dict[str, Any] = {"cores": os.cpu_count(), "training_examples": len(training_examples())}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        candidates = {
            "this pipeline": ROOT / "config.yml",
            "this pipeline without the rule layer": without_safety(
                ROOT / "config.yml", work / "no_rules.yml"
            ),
        }
        if not args.skip_default:
            candidates["rasa default pipeline"] = rasa_default_config()
        for index, (label, config) in enumerate(candidates.items()):
            model, seconds = train_nlu(config, work, f"m{index}")
            evaluated = asyncio.run(evaluate(model, HELD_OUT))
            results[label] = summary(evaluated, seconds)
            print(f"{label}: trained in {seconds:.0f} s", flush=True)
        results["tf-idf + logistic regression"] = tfidf_baseline()
        results["full rasa train seconds"] = round(full_train_seconds(work), 1)
        results["rasa server"] = rasa_server_memory(work / "full.tar.gz")

    out = ROOT / "bench" / "out" / "nlu.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    header = (
        f"{'pipeline':40} {'train s':>8} {'file':20} {'macro-F1':>9} {'emerg. recall':>13} "
        f"{'p50 ms':>7} {'p95 ms':>7}"
    )
    print(header)
    for label, entry in results.items():
        if not isinstance(entry, dict) or "train_seconds" not in entry:
            continue
        for path in HELD_OUT:
            row = entry[path.name]
            print(
                f"{label:40} {entry['train_seconds']:>8} {path.name:20} {row['macro_f1']:>9.3f} "
                f"{row['emergency_recall']!s:>13} {row['parse_ms_p50']:>7} {row['parse_ms_p95']:>7}"
            )
    print(
        f"full `rasa train` on {results['cores']} cores: {results['full rasa train seconds']} s; "
        f"Rasa server: {results['rasa server']['rss_mib']} MiB resident after "
        f"{results['rasa server']['load_seconds']} s to load"
    )
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
