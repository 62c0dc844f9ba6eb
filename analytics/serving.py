"""What ``make run`` serves and what ``make test`` tests.

* :func:`ensure_served` (``make run``, ``triage model ensure``): the promoted model, as it is —
  changed data never changes it (it only says so). With no model served at all, the model for the
  current inputs (trained if there is none) must first pass the absolute bars of
  ``tests/nlu/evaluation.yml``; otherwise nothing is served and the reasons are raised. A model
  served before the registry existed was never gated: it is gated the same way once.
* :func:`model_for_tests` (``make test``): the model trained on the *current* inputs, so a data
  change is always tested — the served model when it matches, else a candidate trained once per
  fingerprint (and reused by ``make evaluate``). ``models/test.tar.gz`` points at it; it is never
  served by this.
"""

from __future__ import annotations

from analytics.bars import ACCEPTED, Bars, judge, load_bars
from analytics.evaluate import score_record
from analytics.registry import UNTESTED, ModelRecord, Registry, RegistryError


class NotServable(RegistryError):
    """The first model failed the absolute bars: ``make run`` stops with these reasons."""


def gate_alone(registry: Registry, record: ModelRecord, bars: Bars) -> ModelRecord:
    """Judge a model on the absolute bars only (there is nothing served to compare it with)."""
    print(f"==> gating {record.name} on {', '.join(p.name for p in bars.paths)}", flush=True)
    verdict = judge(bars, score_record(registry, record, bars), None)
    return registry.record_verdict(
        record.name,
        status=verdict.status,
        absolute=verdict.absolute,
        relative=verdict.relative,
        compared_with=None,
        report=None,
    )


def ensure_served(registry: Registry, bars: Bars | None = None) -> ModelRecord:
    served = registry.served()
    current = registry.fingerprint()
    if served is not None and served.status == UNTESTED:
        print(f"==> {served.name} is served but was never gated (it predates the registry)", flush=True)
        served = gate_alone(registry, served, bars or load_bars())
        if served.status != ACCEPTED:
            raise NotServable(f"the served model {served.name} fails the gate: " + "; ".join(served.reasons))
        registry.adopt(served.name)
    if served is not None:
        if not registry.path_of(served).is_file():
            raise RegistryError(f"the served model's file is missing: {registry.path_of(served)}")
        print(f"==> serving {served.name}", flush=True)
        if served.fingerprint != current:
            print(
                f"    the training inputs changed since it was trained ({served.fingerprint} → {current}): "
                "it stays served. `make evaluate` judges a candidate, `make promote` serves it.",
                flush=True,
            )
        return served
    record = registry.with_fingerprint(current) or registry.train(
        f"candidate-{current}", fingerprint_value=current
    )
    if record.status == UNTESTED:
        record = gate_alone(registry, record, bars or load_bars())
    if record.status != ACCEPTED:
        raise NotServable(
            f"no model is served, and {record.name} (the first, from the current data) is {record.status}: "
            + "; ".join(record.reasons or ["no reason recorded"])
        )
    first = registry.serve_first(record.name)
    print(f"==> serving the first model, {first.name} (it passed the absolute bars)", flush=True)
    return first


def model_for_tests(registry: Registry) -> ModelRecord:
    current = registry.fingerprint()
    served = registry.served()
    record = (
        served if served is not None and served.fingerprint == current else registry.with_fingerprint(current)
    )
    if record is None:
        record = registry.train(f"candidate-{current}", fingerprint_value=current)
    registry.point_test_link(record)
    role = (
        "the served model" if served is not None and record.name == served.name else "a candidate, not served"
    )
    print(f"==> tests use {record.name} ({role}; trained on the current inputs {current})", flush=True)
    return record
