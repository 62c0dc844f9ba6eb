"""The bars a model must pass, and the gate that applies them (pure).

``tests/nlu/evaluation.yml`` is the one place that lists the evaluation files and their bars; the
promotion gate (``make evaluate``, and ``make run`` for the very first model) and the held-out test
(``tests/nlu/test_held_out.py``) both read it through :func:`load_bars`.

:func:`judge` turns the evaluation JSON of a candidate (``bot/evaluation.py``) and, when a model is
served, of the served model into a :class:`Verdict`:

* **rejected** — an absolute bar fails: emergency recall below its bar (100 %) on any file,
  safeguarding recall below its floor, a per-intent F1 below its floor, false emergencies (the
  share of a file's non-emergency examples read as ``emergency``) above the file's
  ``max_false_emergency_rate``, or a file missing from the evaluation. No override exists for these.
* **held** — only relative bars fail: against the served model, some intent's F1 fell by more
  than ``max_f1_drop`` on some file, or safeguarding recall fell by more than
  ``max_safeguarding_recall_drop``. Promotion then needs a written override, which is recorded.
* **accepted** — nothing failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from triage import intents

ROOT = Path(__file__).resolve().parent.parent
BARS_FILE = ROOT / "tests" / "nlu" / "evaluation.yml"

ACCEPTED = "accepted"
HELD = "held"
REJECTED = "rejected"


class BarsError(ValueError):
    """The bars file is missing or malformed."""


@dataclass(frozen=True)
class FileBars:
    path: Path
    emergency_recall: float | None = 1.0
    safeguarding_recall: float | None = None
    min_f1: Mapping[str, float] = field(default_factory=dict)
    min_examples: int = 0
    max_false_emergency_rate: float | None = None
    # The bars an issue asked for where the file's floor is lower today: never judged by the gate,
    # only tests/nlu/test_held_out.py's non-strict xfail targets read them (same keys as above).
    targets: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Bars:
    files: tuple[FileBars, ...]
    max_f1_drop: float = 0.02
    max_safeguarding_recall_drop: float = 0.0

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    def file(self, name: str) -> FileBars:
        for bars in self.files:
            if bars.name == name:
                return bars
        raise KeyError(name)


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise BarsError(f"{where} must be a number from 0 to 1, not {value!r}")
    return float(value)


TARGET_KEYS = ("safeguarding_recall", "max_false_emergency_rate", "min_f1")


def _targets(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(TARGET_KEYS):
        raise BarsError(f"{where}: targets may set only {', '.join(TARGET_KEYS)}")
    targets: dict[str, Any] = {}
    for key, number in value.items():
        if key == "min_f1":
            if not isinstance(number, dict) or not all(intents.is_known_intent(str(i)) for i in number):
                raise BarsError(f"{where}: targets.min_f1 is a mapping of known intents to F1")
            targets[key] = {
                str(i): float(_number(v, f"{where} targets.min_f1.{i}") or 0.0) for i, v in number.items()
            }
        else:
            targets[key] = _number(number, f"{where} targets.{key}")
    return targets


def load_bars(path: Path = BARS_FILE, root: Path = ROOT) -> Bars:
    """Read the bars file; relative evaluation-file paths are taken from ``root``."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BarsError(f"cannot read {path}: {error}") from error
    if not isinstance(loaded, dict) or not isinstance(loaded.get("files"), list) or not loaded["files"]:
        raise BarsError(f"{path}: needs a non-empty `files:` list")
    defaults = loaded.get("defaults") or {}
    relative = loaded.get("relative") or {}
    files: list[FileBars] = []
    for index, entry in enumerate(loaded["files"]):
        where = f"{path.name} files[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise BarsError(f"{where}: every file needs a `path`")
        merged = {**defaults, **entry}
        floors = merged.get("min_f1") or {}
        if not isinstance(floors, dict):
            raise BarsError(f"{where}: min_f1 is a mapping of intent to F1")
        for intent in floors:
            if not intents.is_known_intent(str(intent)):
                raise BarsError(f"{where}: unknown intent {intent!r} in min_f1")
        file_path = Path(entry["path"])
        files.append(
            FileBars(
                path=file_path if file_path.is_absolute() else root / file_path,
                emergency_recall=_number(merged.get("emergency_recall", 1.0), f"{where} emergency_recall"),
                safeguarding_recall=_number(
                    merged.get("safeguarding_recall"), f"{where} safeguarding_recall"
                ),
                min_f1={str(k): float(_number(v, f"{where} min_f1.{k}") or 0.0) for k, v in floors.items()},
                min_examples=int(merged.get("min_examples") or 0),
                max_false_emergency_rate=_number(
                    merged.get("max_false_emergency_rate"), f"{where} max_false_emergency_rate"
                ),
                targets=_targets(entry.get("targets"), where),
            )
        )
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        raise BarsError(f"{path.name}: two evaluation files share a name: {names}")
    return Bars(
        files=tuple(files),
        max_f1_drop=float(_number(relative.get("max_f1_drop", 0.02), "relative.max_f1_drop") or 0.0),
        max_safeguarding_recall_drop=float(
            _number(
                relative.get("max_safeguarding_recall_drop", 0.0), "relative.max_safeguarding_recall_drop"
            )
            or 0.0
        ),
    )


# --- the gate ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    status: str  # accepted | held | rejected
    absolute: list[str] = field(default_factory=list)  # failures no override can pass
    relative: list[str] = field(default_factory=list)  # failures an audited override can pass

    @property
    def accepted(self) -> bool:
        return self.status == ACCEPTED

    @property
    def reasons(self) -> list[str]:
        return [*self.absolute, *self.relative]

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "absolute": self.absolute, "relative": self.relative}


def recall_of(entry: Mapping[str, Any], intent: str) -> float | None:
    """The recall of ``intent`` on one file, or None when the file has no example of it."""
    row = (entry.get("per_intent") or {}).get(intent)
    return None if row is None or not row.get("support") else float(row["recall"])


def false_emergencies(entry: Mapping[str, Any]) -> tuple[int, int]:
    """(non-emergency examples read as emergency, non-emergency examples) on one file."""
    others = [p for p in entry.get("predictions") or [] if p.get("intent") != intents.EMERGENCY]
    return sum(1 for p in others if p.get("predicted") == intents.EMERGENCY), len(others)


def false_emergency_rate(entry: Mapping[str, Any]) -> float | None:
    """The share of a file's non-emergency examples read as emergency; None without any."""
    false, total = false_emergencies(entry)
    return false / total if total else None


def _missed(entry: Mapping[str, Any], intent: str) -> int:
    return sum(
        1
        for p in entry.get("predictions") or []
        if p.get("intent") == intent and p.get("predicted") != intent
    )


def judge(bars: Bars, candidate: Mapping[str, Any], served: Mapping[str, Any] | None) -> Verdict:
    """The promotion gate (see the module docstring). Never accepts a model worse at emergencies."""
    absolute: list[str] = []
    relative: list[str] = []
    for file in bars.files:
        entry = (candidate.get("files") or {}).get(file.name)
        if entry is None:
            absolute.append(f"{file.name} was not evaluated")
            continue
        emergency = recall_of(entry, intents.EMERGENCY)
        if file.emergency_recall is not None and emergency is not None and emergency < file.emergency_recall:
            absolute.append(
                f"emergency recall on {file.name} is {emergency:.1%} ({_missed(entry, intents.EMERGENCY)} "
                f"missed), below {file.emergency_recall:.0%}"
            )
        safeguarding = recall_of(entry, intents.SAFEGUARDING)
        if (
            file.safeguarding_recall is not None
            and safeguarding is not None
            and safeguarding < file.safeguarding_recall
        ):
            absolute.append(
                f"safeguarding recall on {file.name} is {safeguarding:.1%}, "
                f"below {file.safeguarding_recall:.0%}"
            )
        false_rate = false_emergency_rate(entry)
        if (
            file.max_false_emergency_rate is not None
            and false_rate is not None
            and false_rate > file.max_false_emergency_rate + 1e-9
        ):
            false, total = false_emergencies(entry)
            absolute.append(
                f"false emergencies on {file.name} are {false_rate:.1%} ({false} of {total}), "
                f"above {file.max_false_emergency_rate:.0%}"
            )
        per_intent = entry.get("per_intent") or {}
        for intent, floor in file.min_f1.items():
            f1 = float((per_intent.get(intent) or {}).get("f1", 0.0))
            if f1 < floor:
                absolute.append(f"{intent} F1 on {file.name} is {f1:.3f}, below {floor:.2f}")
        before = (served or {}).get("files", {}).get(file.name) if served else None
        if before is None:
            continue
        old_safeguarding = recall_of(before, intents.SAFEGUARDING)
        if (
            safeguarding is not None
            and old_safeguarding is not None
            and safeguarding < old_safeguarding - bars.max_safeguarding_recall_drop - 1e-9
        ):
            relative.append(
                f"safeguarding recall on {file.name} fell from {old_safeguarding:.1%} to {safeguarding:.1%}"
            )
        for intent, row in sorted((before.get("per_intent") or {}).items()):
            old = float(row.get("f1", 0.0))
            new = float((per_intent.get(intent) or {}).get("f1", 0.0))
            if new < old - bars.max_f1_drop - 1e-9:
                relative.append(
                    f"{intent} F1 on {file.name} fell from {old:.3f} to {new:.3f} "
                    f"(more than {bars.max_f1_drop})"
                )
    status = REJECTED if absolute else HELD if relative else ACCEPTED
    return Verdict(status=status, absolute=absolute, relative=relative)


def f1_differences(
    candidate: Mapping[str, Any], served: Mapping[str, Any] | None
) -> dict[str, list[tuple[str, float | None, float | None, int]]]:
    """Per file: (intent, served F1, candidate F1, support) for every intent either model saw."""
    table: dict[str, list[tuple[str, float | None, float | None, int]]] = {}
    for name, entry in (candidate.get("files") or {}).items():
        new = entry.get("per_intent") or {}
        old = ((served or {}).get("files") or {}).get(name, {}).get("per_intent") or {}
        rows = []
        for intent in sorted(set(new) | set(old)):
            rows.append(
                (
                    intent,
                    float(old[intent]["f1"]) if intent in old else None,
                    float(new[intent]["f1"]) if intent in new else None,
                    int((new.get(intent) or old.get(intent) or {}).get("support", 0)),
                )
            )
        table[name] = rows
    return table
