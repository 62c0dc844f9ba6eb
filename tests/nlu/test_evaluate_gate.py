"""The gate nothing can bypass, with a real (small, quick) training run on a copy of the project.

A candidate trained with the emergency examples relabelled as out of scope (what a careless review
import could do) is rejected; ``served.tar.gz`` never points at it; ``promote`` refuses it, named
or not; ``rollback`` never reaches it; ``make run``'s ``triage model ensure`` keeps serving the
same model although the data changed; the served model's id is the same throughout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from analytics.registry import ACCEPTED, ModelRecord, Registry
from tests.support.stack import MODEL, ROOT

EXAMPLES_PER_INTENT = 12
TRIAGE = str(ROOT / ".venv" / "bin" / "triage")

pytestmark = pytest.mark.slow


def small_nlu_with_emergencies_relabelled(out: Path) -> tuple[int, int]:
    """The first few examples of every intent; every `emergency` example is put under
    `out_of_scope` instead. Returns (examples kept, emergencies relabelled)."""
    kept = relabelled = 0
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        content = yaml.safe_load(path.read_text()) or {}
        items = []
        for item in content.get("nlu") or []:
            if "examples" in item and "intent" in item:
                lines = [line for line in str(item["examples"]).splitlines() if line.strip()]
                if item["intent"] == "emergency":
                    item = {**item, "intent": "out_of_scope"}
                    relabelled += len(lines[:EXAMPLES_PER_INTENT])
                item = {**item, "examples": "\n".join(lines[:EXAMPLES_PER_INTENT]) + "\n"}
                kept += len(lines[:EXAMPLES_PER_INTENT])
            items.append(item)
        (out / path.name).write_text(yaml.safe_dump({"version": "3.1", "nlu": items}, sort_keys=False))
    return kept, relabelled


def quick_config(out: Path) -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if "epochs" in component:
            component["epochs"] = 5
    out.write_text(yaml.safe_dump(config, sort_keys=False))


def triage(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TRIAGE, "model", *args],
        cwd=project,
        # Rasa is not running (nothing listens on port 9): a swap would only change the link.
        env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_URL": "http://127.0.0.1:9"},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_a_candidate_with_emergencies_relabelled_never_reaches_the_public(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "data" / "nlu").mkdir(parents=True)
    (project / "models").mkdir()
    shutil.copy(ROOT / "domain.yml", project / "domain.yml")
    for folder in ("rules", "stories"):
        if (ROOT / "data" / folder).is_dir():
            shutil.copytree(ROOT / "data" / folder, project / "data" / folder)
    kept, relabelled = small_nlu_with_emergencies_relabelled(project / "data" / "nlu")
    assert kept > 100 and relabelled >= 10
    quick_config(project / "config.yml")

    # Two good models were served before: "earlier", then "current" (the model the tests use).
    registry = Registry.for_project(project)
    for name in ("earlier", "current"):
        (project / "models" / f"{name}.tar.gz").symlink_to(MODEL.resolve())
        registry.register(ModelRecord(name=name, path=f"{name}.tar.gz", fingerprint=f"fp-{name}"))
    registry.record_verdict(
        "earlier", status=ACCEPTED, absolute=[], relative=[], compared_with=None, report=None
    )
    registry.serve_first("earlier", by="test")
    registry.record_verdict(
        "current", status=ACCEPTED, absolute=[], relative=[], compared_with="earlier", report=None
    )
    registry.promote("current", by="test")
    link_before = os.readlink(project / "models" / "served.tar.gz")
    # The served model's scores are shared with test_held_out.py through the project's cache.
    shared_cache, cache = ROOT / "models" / "metrics", project / "models" / "metrics"
    if shared_cache.is_dir():
        shutil.copytree(shared_cache, cache, dirs_exist_ok=True)

    run = triage(project, "evaluate", "--reports", str(tmp_path / "reports"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "against current: REJECTED" in run.stdout
    bad = registry.latest_evaluated()
    assert bad is not None and bad.name.startswith("candidate-") and bad.status == "rejected"
    assert bad.compared_with == "current"
    assert any(reason.startswith("emergency recall on") for reason in bad.absolute), bad.absolute

    [report] = list((tmp_path / "reports").iterdir())
    names = {p.name for p in report.iterdir()}
    assert {
        "report.md",
        "metrics.json",
        "confusion-candidate-held_out.png",
        "confusion-served-held_out.png",
    } <= names
    text = (report / "report.md").read_text()
    assert "**REJECTED**" in text and "compared with the served model: `current`" in text
    assert "## Per-intent F1 on emergency_gate.yml" in text and "commit:" in text
    metrics = json.loads((report / "metrics.json").read_text())
    assert metrics["served_model"] == "current" and metrics["candidate_model"] == bad.name
    print("\ngate on the bad candidate:", *bad.absolute, *bad.relative, sep="\n  ")
    for name, entry in metrics["candidate"]["files"].items():
        served = metrics["served"]["files"][name]
        print(
            f"  {name}: emergency recall {entry['per_intent']['emergency']['recall']} "
            f"(served {served['per_intent']['emergency']['recall']}), macro-F1 {entry['macro_f1']} "
            f"(served {served['macro_f1']})"
        )

    def still_current() -> None:
        assert os.readlink(project / "models" / "served.tar.gz") == link_before
        served = registry.served()
        assert served is not None and served.name == "current"

    shared_cache.mkdir(parents=True, exist_ok=True)
    for scored in cache.glob(f"{MODEL.resolve().name.removesuffix('.tar.gz')}-*.json"):
        shutil.copy(scored, shared_cache / scored.name)

    still_current()
    unnamed = triage(project, "promote")
    assert unnamed.returncode == 1 and f"{bad.name}, was rejected" in unnamed.stderr, unnamed.stderr
    named = triage(project, "promote", bad.name, "--override", "trust me")
    assert named.returncode == 1 and "only accepted candidates are promoted" in named.stderr, named.stderr
    still_current()

    # What `make run` does: the served model stays although the data changed.
    ensure = triage(project, "ensure")
    assert ensure.returncode == 0, ensure.stderr
    assert "serving current" in ensure.stdout and "training inputs changed" in ensure.stdout
    still_current()

    assert triage(project, "rollback", "--to", bad.name).returncode == 1
    back = triage(project, "rollback")
    assert back.returncode == 0 and "serving earlier" in back.stdout, back.stderr
    again = triage(project, "rollback")
    assert again.returncode == 1 and "nothing to roll back to" in again.stderr
    assert {e["model"] for e in registry.events()} == {"earlier", "current"}

    listing = triage(project, "list")
    assert bad.name in listing.stdout and "rejected" in listing.stdout
