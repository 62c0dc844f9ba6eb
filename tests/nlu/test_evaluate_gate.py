"""`triage model evaluate` with a real (small, quick) training run: a candidate trained without
any emergency examples is rejected, and the report says why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVED = ROOT / "models" / "served.tar.gz"
EXAMPLES_PER_INTENT = 12

pytestmark = pytest.mark.slow


def small_nlu_without_emergencies(out: Path) -> int:
    """The first few examples of every intent (and retrieval sub-intent) except `emergency`."""
    kept = 0
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        content = yaml.safe_load(path.read_text()) or {}
        items = []
        for item in content.get("nlu") or []:
            if item.get("intent") == "emergency":
                continue
            if "examples" in item and "intent" in item:
                lines = [line for line in str(item["examples"]).splitlines() if line.strip()]
                item = {**item, "examples": "\n".join(lines[:EXAMPLES_PER_INTENT]) + "\n"}
                kept += len(lines[:EXAMPLES_PER_INTENT])
            items.append(item)
        (out / path.name).write_text(yaml.safe_dump({"version": "3.1", "nlu": items}, sort_keys=False))
    return kept


def quick_config(out: Path) -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if "epochs" in component:
            component["epochs"] = 5
    out.write_text(yaml.safe_dump(config, sort_keys=False))


def test_a_candidate_trained_without_emergency_examples_is_rejected(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "data" / "nlu").mkdir(parents=True)
    (project / "models").mkdir()
    shutil.copy(ROOT / "domain.yml", project / "domain.yml")
    for folder in ("rules", "stories"):  # the project has rules only today; stories are optional
        if (ROOT / "data" / folder).is_dir():
            shutil.copytree(ROOT / "data" / folder, project / "data" / folder)
    assert small_nlu_without_emergencies(project / "data" / "nlu") > 100
    quick_config(project / "config.yml")
    (project / "models" / "served.tar.gz").symlink_to(SERVED.resolve())

    run = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "triage"),
            "model",
            "evaluate",
            "--held-out",
            str(ROOT / "tests" / "nlu" / "held_out.yml"),
            "--gate-set",
            str(ROOT / "tests" / "nlu" / "emergency_gate.yml"),
            "--reports",
            str(tmp_path / "reports"),
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "REJECTED" in run.stdout and "emergency recall" in run.stdout

    [report] = list((tmp_path / "reports").iterdir())
    assert {p.name for p in report.iterdir()} == {"report.md", "metrics.json", "confusion.png"}
    metrics = json.loads((report / "metrics.json").read_text())
    # The rule layer still catches most emergencies without the examples; the candidate must be
    # worse than the served model on at least one evaluation set, and that is what rejects it.
    recalls = {
        name: (entry["emergency_recall"] or 0.0, metrics["served"]["files"][name]["emergency_recall"])
        for name, entry in metrics["candidate"]["files"].items()
    }
    assert any(candidate < served for candidate, served in recalls.values()), recalls
    assert not metrics["verdict"]["accepted"]
    assert "REJECTED" in (report / "report.md").read_text()

    [candidate] = list((project / "models" / "candidates").glob("*.tar.gz"))
    sidecar = json.loads(candidate.with_name(candidate.name.replace(".tar.gz", ".json")).read_text())
    assert sidecar["status"] == "rejected" and sidecar["reasons"]
    # A rejected candidate cannot be promoted, and the served model is untouched.
    promote = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "triage"), "model", "promote"],
        cwd=project,
        env={**os.environ, "RASA_URL": "http://127.0.0.1:9"},
        capture_output=True,
        text=True,
    )
    assert promote.returncode == 1 and "no accepted candidate" in promote.stderr
    assert (project / "models" / "served.tar.gz").resolve() == SERVED.resolve()
