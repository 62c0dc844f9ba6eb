"""``make evaluate``: a candidate trained from the current data, judged against the served model.

1. The candidate: the model already trained for the current training inputs (``make test``
   trains one per fingerprint), else a new one into ``models/candidates/``.
2. Both the candidate and the model actually served (by its registry name, never a copy of the
   candidate) are scored on every file of ``tests/nlu/evaluation.yml`` (``bot/evaluation.py`` in
   the Rasa environment; a model's scores on unchanged files are cached in ``models/metrics/``).
3. :func:`analytics.bars.judge` gives the verdict (accepted, held or rejected), recorded in the
   registry with the served model it was compared with.
4. ``reports/<timestamp>/``: ``report.md`` (verdict and reasons, the commit, the data fingerprint,
   the imported review rows, per-intent F1 of both models on every file with the differences,
   what each missed), ``metrics.json`` and the confusion matrices of both models.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from analytics.bars import Bars, Verdict, f1_differences, judge, load_bars
from analytics.registry import CODE_ROOT, ModelRecord, Registry, rasa_env
from triage import intents


def files_digest(files: list[Path]) -> str:
    """The evaluation files' bytes, and the code that runs at inference besides the model (the
    rule layer in triage/, the components in bot/): a cached score is stale when either changes."""
    digest = hashlib.sha256()
    code = sorted([*(CODE_ROOT / "bot").glob("*.py"), *(CODE_ROOT / "triage").rglob("*.py")])
    for path in [*files, *code]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def score_model(model: Path, files: list[Path], cache: Path | None = None) -> dict[str, Any]:
    """bot/evaluation.py in the Rasa environment; returns its JSON (cached by model and files)."""
    cached = (
        cache / f"{model.resolve().name.removesuffix('.tar.gz')}-{files_digest(files)}.json"
        if cache
        else None
    )
    if cached is not None and cached.exists():
        result: dict[str, Any] = json.loads(cached.read_text())
        return result
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "metrics.json"
        subprocess.run(
            [
                str(CODE_ROOT / ".venv-rasa" / "bin" / "python"),
                "-m",
                "bot.evaluation",
                "--model",
                str(model),
                "--data",
                *[str(f) for f in files],
                "--out",
                str(out),
            ],
            cwd=CODE_ROOT,
            env=rasa_env(),
            check=True,
        )
        result = json.loads(out.read_text())
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(result))
    return result


def score_record(registry: Registry, record: ModelRecord, bars: Bars) -> dict[str, Any]:
    return score_model(registry.path_of(record), bars.paths, cache=registry.models / "metrics")


def confusion_png(metrics: dict[str, Any], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    confusion = metrics["confusion"]
    rows, columns, matrix = confusion["rows"], confusion["columns"], confusion["matrix"]
    figure, axes = plt.subplots(figsize=(1.0 + 0.55 * len(columns), 1.0 + 0.45 * len(rows)))
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(columns)), labels=columns, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=8)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title, fontsize=10)
    peak = max((max(r) for r in matrix), default=1) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                colour = "white" if value > peak / 2 else "black"
                axes.text(j, i, str(value), ha="center", va="center", fontsize=7, color=colour)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


# --- provenance ------------------------------------------------------------------------------------


def git_commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "config.yml", "domain.yml", "data"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"{head}{' (training inputs changed since)' if dirty else ''}"


def imported_rows(root: Path) -> dict[str, int]:
    """Examples per intent in data/nlu/reviewed.yml: what review imports added to the training."""
    path = root / "data" / "nlu" / "reviewed.yml"
    if not path.exists():
        return {}
    counts: dict[str, int] = {}
    for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
        if isinstance(item, dict) and isinstance(item.get("intent"), str):
            lines = [x for x in str(item.get("examples", "")).splitlines() if x.strip().startswith("- ")]
            counts[item["intent"]] = counts.get(item["intent"], 0) + len(lines)
    return counts


# --- the report ------------------------------------------------------------------------------------


def _f1(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _diff(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return ""
    delta = new - old
    return f"{delta:+.3f}" if abs(delta) >= 0.0005 else "0"


def _missed(metrics: dict[str, Any], intent: str) -> list[str]:
    return [
        f"{p['text']!r} → {p['predicted']} ({p['confidence']:.2f}) in {name}"
        for name, entry in metrics["files"].items()
        for p in entry["predictions"]
        if p["intent"] == intent and p["predicted"] != intent
    ]


def report_markdown(
    stamp: str,
    candidate: ModelRecord,
    served: ModelRecord | None,
    verdict: Verdict,
    cand: dict[str, Any],
    base: dict[str, Any] | None,
    provenance: dict[str, Any],
) -> str:
    lines = [
        f"# Model evaluation {stamp}",
        "",
        f"- candidate: `{candidate.name}` (fingerprint {candidate.fingerprint})",
        f"- compared with the served model: `{served.name if served else 'none'}`",
        f"- verdict: **{verdict.status.upper()}**",
    ]
    lines += [f"  - {reason}" for reason in verdict.absolute]
    lines += [f"  - (needs a written override) {reason}" for reason in verdict.relative]
    lines += [
        "",
        f"- commit: `{provenance['commit']}`",
        f"- data fingerprint: `{provenance['fingerprint']}`",
        f"- reviewed rows imported (data/nlu/reviewed.yml): {provenance['imported_total']}"
        + (
            f" ({', '.join(f'{k} {v}' for k, v in provenance['imported'].items())})"
            if provenance["imported"]
            else ""
        ),
        "",
        "| file | model | examples | macro-F1 | emergency recall | safeguarding recall | fallback rate |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in cand["files"]:
        for label, metrics in (("candidate", cand), ("served", base)):
            if metrics is None or name not in metrics["files"]:
                continue
            entry = metrics["files"][name]
            rec = {i: (entry["per_intent"].get(i) or {}).get("recall") for i in intents.SAFETY_INTENTS}
            lines.append(
                f"| {name} | {label} | {entry['examples']} | {entry['macro_f1']:.3f} | "
                f"{_f1(rec['emergency'])} | {_f1(rec['safeguarding'])} | {entry['fallback_rate']:.3f} |"
            )
    for name, rows in f1_differences(cand, base).items():
        lines += [
            "",
            f"## Per-intent F1 on {name}",
            "",
            "| intent | served | candidate | difference | support |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {i} | {_f1(old)} | {_f1(new)} | {_diff(old, new)} | {n} |" for i, old, new, n in rows]
    for label, metrics in (("candidate", cand), ("served model", base)):
        if metrics is None:
            continue
        for intent in intents.SAFETY_INTENTS:
            missed = _missed(metrics, intent)
            if missed:
                lines += ["", f"## {intent.title()} examples the {label} missed", ""]
                lines += [f"- {line}" for line in missed]
    lines += ["", "## Confusion", ""]
    for name in cand["files"]:
        lines.append(f"![candidate on {name}](confusion-candidate-{Path(name).stem}.png)")
        if base is not None and name in base["files"]:
            lines.append(f"![served on {name}](confusion-served-{Path(name).stem}.png)")
    return "\n".join(lines) + "\n"


# --- the command -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    candidate: ModelRecord
    served: ModelRecord | None
    verdict: Verdict
    report_dir: Path


def candidate_for(
    registry: Registry, *, config: Path | None, data: list[Path] | None, stamp: str
) -> ModelRecord:
    """The model to judge: one already trained on exactly the current inputs, else a new one."""
    if config is not None or data is not None:
        return registry.train(
            f"candidate-{stamp}-custom", config=config, data=data, fingerprint_value=f"custom-{stamp}",
            origin="custom",
        )  # fmt: skip
    current = registry.fingerprint()
    existing = registry.with_fingerprint(current)
    served = registry.served()
    if existing is not None and (served is None or existing.name != served.name):
        print(f"==> {existing.name} was already trained on these inputs: judging it", flush=True)
        return existing
    if served is not None and served.fingerprint == current:
        raise ValueError(
            f"the served model {served.name} was trained on exactly these inputs: nothing new to evaluate"
        )
    return registry.train(f"candidate-{current}", fingerprint_value=current)


def evaluate(
    registry: Registry,
    *,
    reports: Path,
    bars: Bars | None = None,
    config: Path | None = None,
    data: list[Path] | None = None,
    now: datetime | None = None,
) -> Evaluation:
    bars = bars or load_bars()
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = candidate_for(registry, config=config, data=data, stamp=stamp)
    served = registry.served()
    if served is not None and served.name == candidate.name:
        raise ValueError(f"{candidate.name} is the served model: change the data or config first")
    cand = score_record(registry, candidate, bars)
    base = score_record(registry, served, bars) if served else None
    verdict = judge(bars, cand, base)

    out = reports / stamp
    out.mkdir(parents=True, exist_ok=True)
    imported = imported_rows(registry.root)
    provenance = {
        "commit": git_commit(registry.root),
        "fingerprint": registry.fingerprint(),
        "imported": imported,
        "imported_total": sum(imported.values()),
    }
    (out / "metrics.json").write_text(
        json.dumps(
            {
                "candidate_model": candidate.name,
                "served_model": served.name if served else None,
                "verdict": verdict.as_dict(),
                "provenance": provenance,
                "bars": {"files": [str(p) for p in bars.paths], "max_f1_drop": bars.max_f1_drop},
                "candidate": cand,
                "served": base,
            },
            indent=2,
        )
    )
    for name in cand["files"]:
        stem = Path(name).stem
        confusion_png(
            cand["files"][name], out / f"confusion-candidate-{stem}.png", f"{candidate.name} on {name}"
        )
        if base is not None and served is not None and name in base["files"]:
            confusion_png(
                base["files"][name], out / f"confusion-served-{stem}.png", f"{served.name} on {name}"
            )
    (out / "report.md").write_text(report_markdown(stamp, candidate, served, verdict, cand, base, provenance))
    recorded = registry.record_verdict(
        candidate.name,
        status=verdict.status,
        absolute=verdict.absolute,
        relative=verdict.relative,
        compared_with=served.name if served else None,
        report=str(out),
    )
    return Evaluation(candidate=recorded, served=served, verdict=verdict, report_dir=out)
