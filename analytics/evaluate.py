"""``make evaluate``: train a candidate, score it against the served model, and gate it.

1. Train a candidate into ``models/candidates/`` from the current ``data/`` (including any
   reviewed examples imported with ``triage nlu import``).
2. Score the candidate and the served model on the held-out file and the emergency gate set
   (``bot/evaluation.py`` in the Rasa environment): per-intent precision/recall/F1, emergency
   recall, fallback rate, confusion matrix.
3. Gate (``judge``, pure): the candidate is **rejected** when its emergency recall is below 100 %
   on either file, or its held-out macro-F1 is more than 0.02 below the served model's.
4. Write ``reports/<timestamp>/`` (``report.md``, ``metrics.json``, ``confusion.png``) and mark the
   candidate accepted or rejected in its sidecar; ``make promote`` serves only accepted ones.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analytics.registry import CODE_ROOT, Registry, rasa_env, update_sidecar

MIN_EMERGENCY_RECALL = 1.0
MAX_MACRO_F1_DROP = 0.02


@dataclass(frozen=True)
class Scores:
    """What the gate needs from one model's evaluation."""

    macro_f1: float
    emergency_recall: dict[str, float | None]  # per evaluation file
    fallback_rate: float

    @classmethod
    def of(cls, metrics: dict[str, Any], held_out: str) -> Scores:
        files = metrics["files"]
        return cls(
            macro_f1=float(files[held_out]["macro_f1"]),
            emergency_recall={name: entry["emergency_recall"] for name, entry in files.items()},
            fallback_rate=float(files[held_out]["fallback_rate"]),
        )


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    reasons: list[str] = field(default_factory=list)


def judge(candidate: Scores, served: Scores | None) -> Verdict:
    """The promotion gate. Never accept a model that is worse at spotting emergencies."""
    reasons = []
    for name, recall in candidate.emergency_recall.items():
        if recall is None or recall < MIN_EMERGENCY_RECALL:
            shown = "no emergencies predicted" if recall is None else f"{recall:.1%}"
            reasons.append(f"emergency recall on {name} is {shown}, below {MIN_EMERGENCY_RECALL:.0%}")
    if served is not None and candidate.macro_f1 < served.macro_f1 - MAX_MACRO_F1_DROP:
        reasons.append(
            f"held-out macro-F1 {candidate.macro_f1:.3f} is more than {MAX_MACRO_F1_DROP} below the served "
            f"model's {served.macro_f1:.3f}"
        )
    return Verdict(accepted=not reasons, reasons=reasons)


def score_model(model: Path, files: list[Path]) -> dict[str, Any]:
    """bot/evaluation.py in the Rasa environment; returns its JSON."""
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
        result: dict[str, Any] = json.loads(out.read_text())
        return result


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
                axes.text(
                    j,
                    i,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > peak / 2 else "black",
                )
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def report_markdown(
    stamp: str,
    candidate: Path,
    served: Path | None,
    verdict: Verdict,
    cand: dict[str, Any],
    base: dict[str, Any] | None,
    held_out: str,
) -> str:
    lines = [
        f"# Model evaluation {stamp}",
        "",
        f"- candidate: `{candidate.name}`",
        f"- served: `{served.name if served else 'none'}`",
        f"- verdict: **{'ACCEPTED' if verdict.accepted else 'REJECTED'}**",
        "",
    ]
    lines += [f"  - {reason}" for reason in verdict.reasons]
    lines += ["", "| file | model | macro-F1 | emergency recall | fallback rate |", "|---|---|---|---|---|"]
    for name in cand["files"]:
        for label, metrics in (("candidate", cand), ("served", base)):
            if metrics is None:
                continue
            entry = metrics["files"][name]
            lines.append(
                f"| {name} | {label} | {entry['macro_f1']:.3f} | {entry['emergency_recall']} | "
                f"{entry['fallback_rate']:.3f} |"
            )
    lines += [
        "",
        f"## Per intent on {held_out} (candidate vs served F1)",
        "",
        "| intent | precision | recall | F1 | served F1 | support |",
        "|---|---|---|---|---|---|",
    ]
    served_per_intent = base["files"][held_out]["per_intent"] if base else {}
    for intent, row in cand["files"][held_out]["per_intent"].items():
        before = served_per_intent.get(intent, {}).get("f1")
        lines.append(
            f"| {intent} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
            f"{'' if before is None else f'{before:.3f}'} | {row['support']} |"
        )
    missed = [
        p
        for name in cand["files"]
        for p in cand["files"][name]["predictions"]
        if p["intent"] == "emergency" and p["predicted"] != "emergency"
    ]
    if missed:
        lines += ["", "## Emergencies the candidate missed", ""]
        lines += [f"- {p['text']!r} → {p['predicted']} ({p['confidence']:.2f})" for p in missed]
    lines += ["", "![confusion matrix](confusion.png)", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Evaluation:
    candidate: Path
    verdict: Verdict
    report_dir: Path


def evaluate(
    registry: Registry,
    *,
    held_out: Path,
    gate_set: Path,
    reports: Path,
    config: Path | None = None,
    data: list[Path] | None = None,
    now: datetime | None = None,
) -> Evaluation:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = registry.candidates / f"candidate-{stamp}.tar.gz"
    custom = config is not None or data is not None
    registry.train(
        candidate,
        config=config,
        data=data,
        # A candidate trained on the project's own inputs matches them, so `make run` keeps it
        # after promotion; one trained on other inputs does not.
        fingerprint_value=registry.fingerprint() if not custom else f"custom-{stamp}",
    )
    files = [held_out, gate_set]
    cand = score_model(candidate, files)
    served = registry.served()
    base = score_model(served, files) if served else None
    verdict = judge(Scores.of(cand, held_out.name), Scores.of(base, held_out.name) if base else None)

    out = reports / stamp
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(
        json.dumps(
            {
                "candidate": cand,
                "served": base,
                "verdict": asdict(verdict),
                "candidate_model": candidate.name,
                "served_model": served.name if served else None,
            },
            indent=2,
        )
    )
    confusion_png(cand["files"][held_out.name], out / "confusion.png", f"{candidate.name} on {held_out.name}")
    (out / "report.md").write_text(
        report_markdown(stamp, candidate, served, verdict, cand, base, held_out.name)
    )
    update_sidecar(
        candidate,
        status="accepted" if verdict.accepted else "rejected",
        reasons=verdict.reasons,
        report=str(out),
    )
    return Evaluation(candidate=candidate, verdict=verdict, report_dir=out)
