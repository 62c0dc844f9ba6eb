"""The promotion gate (analytics.bars.judge), the bars file, and the registry's serve/promote/rollback
bookkeeping (analytics.registry): what may be served, and what never may."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from analytics.bars import BARS_FILE, Bars, BarsError, FileBars, judge, load_bars
from analytics.registry import ACCEPTED, HELD, REJECTED, ModelRecord, Registry, RegistryError


def entry(f1: dict[str, float], recall: dict[str, float] | None = None) -> dict[str, Any]:
    recall = recall or {}
    return {
        "per_intent": {
            name: {"f1": value, "recall": recall.get(name, value), "precision": value, "support": 10}
            for name, value in f1.items()
        },
        "predictions": [],
    }


GOOD = {"emergency": 0.97, "safeguarding": 0.95, "report_crime": 0.93}
BARS = Bars(
    files=(
        FileBars(Path("held_out.yml"), safeguarding_recall=0.9, min_f1={"report_crime": 0.9}),
        FileBars(Path("gate.yml")),
    ),
    max_f1_drop=0.02,
)


def metrics(held: dict[str, float], gate: dict[str, float] | None = None, **recall: float) -> dict[str, Any]:
    return {
        "files": {
            "held_out.yml": entry(held, {"emergency": 1.0, **recall}),
            "gate.yml": entry(gate or {"emergency": 0.95}, {"emergency": recall.get("gate_emergency", 1.0)}),
        }
    }


def test_a_candidate_as_good_as_the_served_model_is_accepted() -> None:
    verdict = judge(BARS, metrics(GOOD), metrics(GOOD))
    assert verdict.status == ACCEPTED and verdict.reasons == []


def test_a_missed_emergency_rejects_whatever_else_improved() -> None:
    better = {k: 0.99 for k in GOOD}
    verdict = judge(BARS, metrics(better, gate_emergency=0.975), metrics(GOOD))
    assert verdict.status == REJECTED
    assert verdict.absolute == ["emergency recall on gate.yml is 97.5% (0 missed), below 100%"]


def test_safeguarding_recall_is_a_bar_too() -> None:
    verdict = judge(BARS, metrics(GOOD, safeguarding=0.85), None)
    assert verdict.status == REJECTED
    assert verdict.absolute == ["safeguarding recall on held_out.yml is 85.0%, below 90%"]
    # Above the floor but below the served model's: held, not accepted.
    held = judge(BARS, metrics(GOOD, safeguarding=0.92), metrics(GOOD, safeguarding=0.96))
    assert held.status == HELD
    assert held.relative == ["safeguarding recall on held_out.yml fell from 96.0% to 92.0%"]


def test_a_per_intent_fall_beyond_the_tolerance_holds_the_candidate_on_every_file() -> None:
    small = judge(BARS, metrics({**GOOD, "report_crime": 0.915}), metrics(GOOD))
    assert small.status == ACCEPTED
    verdict = judge(
        BARS,
        metrics({**GOOD, "report_crime": 0.905}, {"emergency": 0.90}),
        metrics(GOOD, {"emergency": 0.95}),
    )
    assert verdict.status == HELD
    assert verdict.relative == [
        "report_crime F1 on held_out.yml fell from 0.930 to 0.905 (more than 0.02)",
        "emergency F1 on gate.yml fell from 0.950 to 0.900 (more than 0.02)",
    ]


def test_an_f1_floor_rejects_even_with_nothing_served() -> None:
    verdict = judge(BARS, metrics({**GOOD, "report_crime": 0.89}), None)
    assert verdict.status == REJECTED
    assert verdict.absolute == ["report_crime F1 on held_out.yml is 0.890, below 0.90"]


def test_a_file_the_candidate_was_not_scored_on_rejects_it() -> None:
    partial = {"files": {"held_out.yml": metrics(GOOD)["files"]["held_out.yml"]}}
    assert judge(BARS, partial, None).absolute == ["gate.yml was not evaluated"]


def test_a_file_without_emergencies_has_no_emergency_bar_to_fail() -> None:
    candidate = metrics(GOOD)
    candidate["files"]["gate.yml"] = entry({"report_crime": 0.95})
    assert judge(BARS, candidate, None).status == ACCEPTED


def with_predictions(others: int, false: int) -> dict[str, Any]:
    """A file with one caught emergency and ``others`` non-emergencies, ``false`` of them read as one."""
    found = entry(GOOD, {"emergency": 1.0})
    found["predictions"] = [{"intent": "emergency", "predicted": "emergency"}] + [
        {"intent": "report_crime", "predicted": "emergency" if i < false else "report_crime"}
        for i in range(others)
    ]
    return found


def test_false_emergencies_above_the_file_bar_reject() -> None:
    bars = Bars(files=(FileBars(Path("stories.yml"), max_false_emergency_rate=0.03),))
    assert judge(bars, {"files": {"stories.yml": with_predictions(100, 3)}}, None).status == ACCEPTED
    verdict = judge(bars, {"files": {"stories.yml": with_predictions(100, 4)}}, None)
    assert verdict.status == REJECTED
    assert verdict.absolute == ["false emergencies on stories.yml are 4.0% (4 of 100), above 3%"]


def test_without_a_false_emergency_bar_false_emergencies_do_not_reject() -> None:
    bars = Bars(files=(FileBars(Path("stories.yml")),))
    assert judge(bars, {"files": {"stories.yml": with_predictions(10, 5)}}, None).status == ACCEPTED


def test_the_project_bars_file_lists_the_evaluation_files() -> None:
    bars = load_bars()
    assert [f.name for f in bars.files][:2] == ["held_out.yml", "emergency_gate.yml"]
    assert all(f.emergency_recall == 1.0 for f in bars.files)
    assert all(f.path.is_file() for f in bars.files)
    assert bars.file("held_out.yml").min_f1["report_crime"] == 0.90
    assert bars.file("held_out.yml").max_false_emergency_rate is None
    assert bars.file("narratives.yml").max_false_emergency_rate is not None
    # targets are reported, never judged: a model at the floors but below the targets is accepted
    assert all(
        f.targets == {} or set(f.targets) <= {"safeguarding_recall", "max_false_emergency_rate", "min_f1"}
        for f in bars.files
    )
    assert BARS_FILE.name == "evaluation.yml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("files: []\n", "non-empty `files:`"),
        ("files:\n  - {min_examples: 3}\n", "needs a `path`"),
        ("files:\n  - {path: a.yml, emergency_recall: 2}\n", "from 0 to 1"),
        ("files:\n  - {path: a.yml, max_false_emergency_rate: 5}\n", "max_false_emergency_rate must be"),
        ("files:\n  - {path: a.yml, targets: {emergency_recall: 0.5}}\n", "targets may set only"),
        ("files:\n  - {path: a.yml, targets: {min_f1: {reprot_crime: 0.9}}}\n", "mapping of known intents"),
        ("files:\n  - {path: a.yml, min_f1: {reprot_crime: 0.9}}\n", "unknown intent 'reprot_crime'"),
        ("files:\n  - {path: a.yml}\n  - {path: x/a.yml}\n", "share a name"),
    ],
)
def test_a_bad_bars_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bars.yml"
    path.write_text(text)
    with pytest.raises(BarsError, match=message):
        load_bars(path, tmp_path)


# --- the registry ----------------------------------------------------------------------------------


def add(registry: Registry, name: str, status: str = ACCEPTED, compared_with: str | None = None) -> str:
    path = registry.candidates / f"{name}.tar.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(name.encode())
    registry.register(ModelRecord(name=name, path=f"candidates/{name}.tar.gz", fingerprint=f"fp-{name}"))
    if status != "untested":
        registry.record_verdict(
            name,
            status=status,
            absolute=["emergency recall on gate.yml is 90.0%"] if status == REJECTED else [],
            relative=["report_crime F1 fell"] if status == HELD else [],
            compared_with=compared_with,
            report=None,
        )
    return name


def served(registry: Registry) -> str | None:
    record = registry.served()
    link = registry.served_link
    if record is not None:
        assert link.resolve() == registry.path_of(record).resolve()
    return record.name if record else None


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    registry = Registry(root=tmp_path, rasa_bin=tmp_path / "rasa")
    registry.serve_first(add(registry, "first"), by="ana")
    return registry


def test_only_a_gated_accepted_model_is_served_first(tmp_path: Path) -> None:
    registry = Registry(root=tmp_path, rasa_bin=tmp_path / "rasa")
    for status in ("untested", REJECTED, HELD):
        with pytest.raises(RegistryError, match="only a gated, accepted model"):
            registry.serve_first(add(registry, f"m-{status}", status))
    assert served(registry) is None and not registry.served_link.exists()


def test_promote_needs_a_verdict_against_the_model_served_now(registry: Registry) -> None:
    add(registry, "b", ACCEPTED, compared_with="first")
    add(registry, "c", ACCEPTED, compared_with="first")
    assert registry.promote("b", by="ana").name == "b"
    with pytest.raises(RegistryError, match="judged against first, but b is served now"):
        registry.promote("c")
    assert served(registry) == "b"


def test_promote_without_a_name_takes_the_latest_evaluated_only_if_it_was_accepted(
    registry: Registry,
) -> None:
    add(registry, "older", ACCEPTED, compared_with="first")
    add(registry, "bad", REJECTED, compared_with="first")
    with pytest.raises(RegistryError, match="latest evaluated candidate, bad, was rejected"):
        registry.promote()
    assert served(registry) == "first"
    assert registry.promote("older").name == "older"  # named, it may be promoted


@pytest.mark.parametrize("status", ["untested", REJECTED])
def test_rejected_or_ungated_models_are_never_promoted(registry: Registry, status: str) -> None:
    add(registry, "x", status, compared_with="first")
    with pytest.raises(RegistryError, match="only accepted candidates are promoted"):
        registry.promote("x")
    assert served(registry) == "first" and registry.stack() == []


def test_a_held_model_needs_a_written_override_which_is_recorded(registry: Registry) -> None:
    add(registry, "h", HELD, compared_with="first")
    for override in (None, "  "):
        with pytest.raises(RegistryError, match="--override"):
            registry.promote("h", override=override)
    record = registry.promote("h", by="sam", override="community F1 fell on 2 examples; checked by hand")
    assert record.override is not None and record.override["by"] == "sam"
    event = registry.events()[-1]
    assert event["action"] == "promote" and event["override"].startswith("community F1")
    assert event["by"] == "sam" and event["previous"] == "first"


def test_rollback_goes_back_any_number_of_steps_only_to_served_accepted_models(registry: Registry) -> None:
    add(registry, "b", ACCEPTED, compared_with="first")
    registry.promote("b")
    add(registry, "c", ACCEPTED, compared_with="b")
    registry.promote("c")
    add(registry, "bad", REJECTED, compared_with="c")
    with pytest.raises(RegistryError, match="only 2 step"):
        registry.rollback(3)
    with pytest.raises(RegistryError, match="bad cannot be rolled back to"):
        registry.rollback(to="bad")
    assert registry.rollback(2, by="ana").name == "first"
    assert served(registry) == "first"
    with pytest.raises(RegistryError, match="nothing to roll back to"):
        registry.rollback()
    # The first model can be served again later by promoting a candidate judged against it.
    add(registry, "d", ACCEPTED, compared_with="first")
    registry.promote("d")
    assert registry.rollback().name == "first"
    actions = [(e["action"], e["model"]) for e in registry.events()]
    assert actions == [
        ("first", "first"), ("promote", "b"), ("promote", "c"), ("rollback", "first"),
        ("promote", "d"), ("rollback", "first"),
    ]  # fmt: skip


def test_rollback_to_a_named_model(registry: Registry) -> None:
    add(registry, "b", ACCEPTED, compared_with="first")
    registry.promote("b")
    add(registry, "c", ACCEPTED, compared_with="b")
    registry.promote("c")
    assert registry.rollback(to="first").name == "first"
    assert registry.stack() == []


def test_the_registry_is_one_file_that_reads_back(registry: Registry) -> None:
    value = json.loads(registry.file.read_text())
    assert set(value) == {"models", "stack", "events", "served"}
    assert value["served"] == "first" and value["models"]["first"]["status"] == ACCEPTED


def test_a_checkout_from_before_the_registry_is_read_in_and_its_served_model_is_ungated(
    tmp_path: Path,
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "triage-abc.tar.gz").write_bytes(b"x")
    (models / "triage-abc.json").write_text(json.dumps({"fingerprint": "abc", "trained_at": "2026-01-01"}))
    (models / "served.tar.gz").symlink_to("triage-abc.tar.gz")
    registry = Registry(root=tmp_path, rasa_bin=tmp_path / "rasa")
    record = registry.served()
    assert record is not None and record.name == "triage-abc" and record.status == "untested"
    assert record.fingerprint == "abc" and record.origin == "legacy"
    with pytest.raises(RegistryError, match="nothing to roll back"):
        registry.rollback()
