"""The promotion gate (analytics.evaluate.judge) and the registry's promote/rollback bookkeeping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.evaluate import Scores, judge
from analytics.registry import Registry, RegistryError, read_sidecar, update_sidecar


def scores(macro_f1: float = 0.95, held_out: float | None = 1.0, gate: float | None = 1.0) -> Scores:
    return Scores(
        macro_f1=macro_f1, emergency_recall={"held_out.yml": held_out, "gate.yml": gate}, fallback_rate=0.01
    )


def test_a_candidate_as_good_as_the_served_model_is_accepted() -> None:
    assert judge(scores(0.95), scores(0.95)).accepted


def test_a_small_macro_f1_drop_is_tolerated_but_not_a_large_one() -> None:
    assert judge(scores(0.935), scores(0.95)).accepted
    verdict = judge(scores(0.92), scores(0.95))
    assert not verdict.accepted and "macro-F1" in verdict.reasons[0]


@pytest.mark.parametrize(("held_out", "gate"), [(0.975, 1.0), (1.0, 0.99), (None, 1.0), (0.0, 0.0)])
def test_any_missed_emergency_rejects_even_with_better_f1(held_out: float | None, gate: float | None) -> None:
    verdict = judge(scores(0.99, held_out, gate), scores(0.90))
    assert not verdict.accepted
    assert all("emergency recall" in reason for reason in verdict.reasons)


def test_with_nothing_served_only_the_safety_gate_applies() -> None:
    assert judge(scores(0.40), None).accepted
    assert not judge(scores(0.99, gate=0.5), None).accepted


def test_scores_are_read_from_evaluation_json() -> None:
    metrics = {
        "files": {
            "held_out.yml": {"macro_f1": 0.9, "emergency_recall": 1.0, "fallback_rate": 0.02},
            "gate.yml": {"macro_f1": 0.7, "emergency_recall": 0.95, "fallback_rate": 0.0},
        }
    }
    read = Scores.of(metrics, "held_out.yml")
    assert read == Scores(0.9, {"held_out.yml": 1.0, "gate.yml": 0.95}, 0.02)


def model(registry: Registry, name: str, status: str | None = None, where: str = "candidates") -> Path:
    path = registry.models / where / f"{name}.tar.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(name.encode())
    if status:
        update_sidecar(path, status=status)
    return path


def test_promote_serves_an_accepted_candidate_and_rollback_restores_the_previous(tmp_path: Path) -> None:
    registry = Registry(root=tmp_path, rasa_bin=tmp_path / "rasa")
    original = model(registry, "triage-abc", where=".")
    registry.serve(original)
    accepted = model(registry, "candidate-1", "accepted")
    assert registry.promote() == accepted.resolve()
    assert registry.served() == accepted.resolve()
    assert json.loads(registry.history_file.read_text()) == [str(original.resolve())]
    assert registry.rollback() == original.resolve()
    assert registry.served() == original.resolve() and registry.history() == []
    with pytest.raises(RegistryError, match="nothing to roll back"):
        registry.rollback()


def test_rejected_or_unevaluated_candidates_are_never_promoted(tmp_path: Path) -> None:
    registry = Registry(root=tmp_path, rasa_bin=tmp_path / "rasa")
    served = model(registry, "triage-abc", where=".")
    registry.serve(served)
    rejected = model(registry, "candidate-2", "rejected")
    unevaluated = model(registry, "candidate-3")
    for candidate in (rejected, unevaluated):
        with pytest.raises(RegistryError, match="only accepted candidates"):
            registry.promote(candidate)
    with pytest.raises(RegistryError, match="no accepted candidate"):
        registry.promote()
    assert registry.served() == served.resolve()
    assert read_sidecar(rejected)["status"] == "rejected"
