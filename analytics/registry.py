"""The model registry: every model, its fingerprint and verdict, and who served what when.

One file, ``models/registry.json`` (``triage model list`` shows it), written atomically under a
lock. ``models/served.tar.gz`` is a symlink to the served model, swapped atomically together with
the registry's ``served`` entry; nothing else moves it.

* A model's **status** is ``untested`` (trained, never gated), ``accepted``, ``held`` (only
  relative bars failed: promotable with a written override) or ``rejected``
  (:mod:`analytics.bars`). ``compared_with`` names the served model a candidate was judged against.
* **promote** serves an accepted model (or a held one with an override, recorded with its reason),
  only if it was judged against the model served now; the model it replaces goes on the rollback
  stack.
* **rollback** pops that stack any number of steps (or to a named model): only models that were
  served and accepted before can come back; a rejected, held-without-override or untested model
  never can.
* Every serve is an event: what, which model it replaced, by whom (``--by`` or the OS user), when.

Checkouts from before the registry (sidecar ``<model>.json`` files and ``models/history.json``) are
read once into it; a model served then was never gated, so it is ``untested`` until
:mod:`analytics.serving` gates it.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
#: Where this code lives: bot/ (the custom components) must be importable by `rasa train`.
CODE_ROOT = Path(__file__).resolve().parent.parent
SERVED_NAME = "served.tar.gz"
TEST_NAME = "test.tar.gz"

UNTESTED = "untested"
ACCEPTED = "accepted"
HELD = "held"
REJECTED = "rejected"


def rasa_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(CODE_ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        # Rasa 3.6's dependency stack prints screenfuls of deprecation warnings at import.
        "PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS", "ignore"),
    }


def now_iso(precise: bool = False) -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds" if precise else "seconds")


def who(by: str | None = None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container): still say something true
        return f"uid {os.getuid()}"


class RegistryError(Exception):
    pass


@dataclass
class ModelRecord:
    name: str
    path: str  # relative to models/
    fingerprint: str | None = None
    origin: str = "candidate"  # candidate | first | legacy | custom
    trained_at: str | None = None
    train_seconds: float | None = None
    status: str = UNTESTED
    absolute: list[str] = field(default_factory=list)
    relative: list[str] = field(default_factory=list)
    compared_with: str | None = None
    evaluated_at: str | None = None
    report: str | None = None
    override: dict[str, str] | None = None  # {"by", "at", "reason"} when a held model was promoted

    @property
    def reasons(self) -> list[str]:
        return [*self.absolute, *self.relative]

    @property
    def servable(self) -> bool:
        """May this model be served (again)? Accepted, or held and promoted with an override."""
        return self.status == ACCEPTED or (self.status == HELD and self.override is not None)

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> ModelRecord:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in value.items() if k in known})


@dataclass(frozen=True)
class Registry:
    root: Path
    rasa_bin: Path

    @classmethod
    def for_project(cls, root: Path | None = None) -> Registry:
        root = (root or Path.cwd()).resolve()
        rasa_bin = Path(os.environ.get("RASA_BIN") or CODE_ROOT / ".venv-rasa" / "bin" / "rasa")
        return cls(root=root, rasa_bin=rasa_bin)

    # --- paths -----------------------------------------------------------------------------------

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def candidates(self) -> Path:
        return self.models / "candidates"

    @property
    def served_link(self) -> Path:
        return self.models / SERVED_NAME

    @property
    def file(self) -> Path:
        return self.models / "registry.json"

    def path_of(self, record: ModelRecord) -> Path:
        return self.models / record.path

    def fingerprint(self, inputs: tuple[str, ...] = TRAINING_INPUTS) -> str:
        return fingerprint(self.root, inputs)

    # --- the file --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.models.mkdir(parents=True, exist_ok=True)
        with (self.models / ".registry.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _read(self) -> dict[str, Any]:
        if not self.file.exists():
            return self._from_legacy()
        value = json.loads(self.file.read_text())
        if not isinstance(value, dict):
            raise RegistryError(f"{self.file} is not a registry")
        value.setdefault("models", {})
        value.setdefault("stack", [])
        value.setdefault("events", [])
        value.setdefault("served", None)
        return value

    def _write(self, value: dict[str, Any]) -> None:
        fd, temp = tempfile.mkstemp(prefix=".registry.", dir=self.models)
        with os.fdopen(fd, "w") as handle:
            json.dump(value, handle, indent=2)
        os.replace(temp, self.file)

    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, Any]]:
        with self._locked():
            value = self._read()
            yield value
            self._write(value)

    def _from_legacy(self) -> dict[str, Any]:
        """A registry built from the sidecar files of checkouts older than the registry."""
        value: dict[str, Any] = {"models": {}, "stack": [], "events": [], "served": None}
        for model in sorted([*self.models.glob("*.tar.gz"), *self.candidates.glob("*.tar.gz")]):
            if model.is_symlink():
                continue
            meta = _sidecar(model)
            status = str(meta["status"]) if meta.get("status") in (ACCEPTED, REJECTED) else UNTESTED
            record = ModelRecord(
                name=model_name(model),
                path=str(model.relative_to(self.models)),
                fingerprint=meta.get("fingerprint"),
                origin="legacy",
                trained_at=meta.get("trained_at"),
                train_seconds=meta.get("train_seconds"),
                status=status,
                absolute=list(meta.get("reasons") or []) if status == REJECTED else [],
            )
            value["models"][record.name] = asdict(record)
        link = self.served_link
        if link.is_symlink() and link.resolve().exists():
            value["served"] = model_name(link.resolve())
        history = self.models / "history.json"
        if history.exists():
            items = json.loads(history.read_text())
            value["stack"] = [model_name(Path(p)) for p in items if model_name(Path(p)) in value["models"]]
        return value

    # --- reading ---------------------------------------------------------------------------------

    def records(self) -> list[ModelRecord]:
        with self._locked():
            value = self._read()
        return [ModelRecord.from_dict(v) for v in value["models"].values()]

    def get(self, name: str) -> ModelRecord | None:
        with self._locked():
            found = self._read()["models"].get(model_name(Path(name)))
        return ModelRecord.from_dict(found) if found else None

    def served(self) -> ModelRecord | None:
        with self._locked():
            value = self._read()
        name = value["served"]
        return ModelRecord.from_dict(value["models"][name]) if name in value["models"] else None

    def served_path(self) -> Path | None:
        record = self.served()
        return self.path_of(record) if record else None

    def events(self) -> list[dict[str, Any]]:
        with self._locked():
            return list(self._read()["events"])

    def stack(self) -> list[str]:
        with self._locked():
            return list(self._read()["stack"])

    def with_fingerprint(self, value: str) -> ModelRecord | None:
        """The newest model trained on exactly these inputs, whose file is still there."""
        found = [r for r in self.records() if r.fingerprint == value and self.path_of(r).is_file()]
        return max(found, key=lambda r: r.trained_at or "", default=None)

    # --- writing ---------------------------------------------------------------------------------

    def register(self, record: ModelRecord) -> None:
        with self._editing() as value:
            value["models"][record.name] = asdict(record)

    def record_verdict(
        self,
        name: str,
        *,
        status: str,
        absolute: list[str],
        relative: list[str],
        compared_with: str | None,
        report: str | None,
    ) -> ModelRecord:
        with self._editing() as value:
            entry = value["models"][name]
            entry.update(
                status=status,
                absolute=absolute,
                relative=relative,
                compared_with=compared_with,
                evaluated_at=now_iso(precise=True),  # orders evaluations within one second
                report=report,
                override=None,
            )
            return ModelRecord.from_dict(entry)

    def _serve(self, value: dict[str, Any], record: ModelRecord, action: str, by: str, **extra: Any) -> None:
        """Point served.tar.gz at ``record`` (a new symlink renamed over the old) and log it."""
        target = self.path_of(record)
        if not target.is_file():
            raise RegistryError(f"{record.name}: its file {target} is missing")
        tmp = self.served_link.with_name(".served.tmp")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.path.relpath(target, self.models))
        tmp.replace(self.served_link)
        event = {
            "at": now_iso(),
            "action": action,
            "model": record.name,
            "previous": value["served"],
            "by": by,
        }
        value["events"].append({**event, **extra})
        value["served"] = record.name

    def serve_first(self, name: str, by: str | None = None) -> ModelRecord:
        """Serve the first model (nothing is served yet); it must have passed the gate."""
        with self._editing() as value:
            record = ModelRecord.from_dict(value["models"][name])
            if record.status != ACCEPTED:
                raise RegistryError(f"{name} is {record.status}; only a gated, accepted model is served")
            if value["served"] and value["served"] != name:
                raise RegistryError(f"{value['served']} is already served: use promote")
            if value["served"] != name:
                self._serve(value, record, "first", who(by))
            return record

    def adopt(self, name: str) -> None:
        """Record that the model served before the registry was gated now (no serve happens)."""
        with self._editing() as value:
            value["events"].append({"at": now_iso(), "action": "gated-served", "model": name, "by": who()})

    def latest_evaluated(self) -> ModelRecord | None:
        served = self.served()
        judged = [r for r in self.records() if r.evaluated_at and (served is None or r.name != served.name)]
        return max(judged, key=lambda r: r.evaluated_at or "", default=None)

    def promote(
        self,
        name: str | None = None,
        *,
        by: str | None = None,
        override: str | None = None,
        dry_run: bool = False,
    ) -> ModelRecord:
        """Serve an accepted candidate (``name``, or the latest evaluated one if it was accepted).
        ``dry_run`` checks everything and changes nothing (the CLI asks Rasa to load it first)."""
        chosen = self.get(name) if name else self.latest_evaluated()
        if chosen is None:
            raise RegistryError(
                f"no model called {name!r} (see `triage model list`)"
                if name
                else "no evaluated candidate: run `make evaluate` first"
            )
        if name is None and chosen.status != ACCEPTED:
            raise RegistryError(
                f"the latest evaluated candidate, {chosen.name}, was {chosen.status}: "
                + "; ".join(chosen.reasons or ["no reason recorded"])
                + ". Nothing promoted; name a model to promote another one."
            )
        with self._editing() as value:
            record = ModelRecord.from_dict(value["models"][chosen.name])
            if value["served"] == record.name:
                raise RegistryError(f"{record.name} is already served")
            if record.status == HELD:
                if not override or not override.strip():
                    raise RegistryError(
                        f"{record.name} is held: "
                        + "; ".join(record.relative)
                        + '. Promote it only with --override "the written reason" (it is recorded).'
                    )
            elif record.status != ACCEPTED:
                detail = "; ".join(record.reasons) if record.reasons else "never gated"
                raise RegistryError(
                    f"{record.name} is {record.status} ({detail}); only accepted candidates are promoted"
                )
            if value["served"] and record.compared_with != value["served"]:
                raise RegistryError(
                    f"{record.name} was judged against {record.compared_with or 'no model'}, but "
                    f"{value['served']} is served now: run `make evaluate` again"
                )
            if dry_run:
                return record
            if record.status == HELD and override:
                record.override = {"by": who(by), "at": now_iso(), "reason": override.strip()}
                value["models"][record.name] = asdict(record)
            previous = value["served"]
            extra = (
                {"override": record.override["reason"]} if record.override and record.status == HELD else {}
            )
            self._serve(value, record, "promote", who(by), **extra)
            if previous:
                value["stack"].append(previous)
            return record

    def rollback(
        self, steps: int = 1, *, to: str | None = None, by: str | None = None, dry_run: bool = False
    ) -> ModelRecord:
        """Serve a model served before: ``steps`` back along the promotions, or back to ``to``."""
        if steps < 1:
            raise RegistryError("steps must be 1 or more")
        with self._editing() as value:
            stack: list[str] = list(value["stack"])
            eligible = [
                n
                for n in stack
                if n in value["models"]
                and ModelRecord.from_dict(value["models"][n]).servable
                and self.path_of(ModelRecord.from_dict(value["models"][n])).is_file()
                and n != value["served"]
            ]
            if not eligible:
                raise RegistryError("nothing to roll back to: no model that was served and accepted before")
            if to is not None:
                target = model_name(Path(to))
                if target not in eligible:
                    raise RegistryError(
                        f"{target} cannot be rolled back to; models that were served and accepted: "
                        + ", ".join(reversed(eligible))
                    )
            else:
                if steps > len(eligible):
                    raise RegistryError(
                        f"only {len(eligible)} step(s) back are possible: {', '.join(reversed(eligible))}"
                    )
                target = eligible[-steps]
            index = len(stack) - 1 - stack[::-1].index(target)
            record = ModelRecord.from_dict(value["models"][target])
            if dry_run:
                return record
            self._serve(value, record, "rollback", who(by))
            value["stack"] = stack[:index]
            return record

    # --- training --------------------------------------------------------------------------------

    def train(
        self,
        name: str,
        *,
        config: Path | None = None,
        data: list[Path] | None = None,
        fingerprint_value: str | None = None,
        origin: str = "candidate",
    ) -> ModelRecord:
        """Run ``rasa train`` into ``models/candidates/<name>.tar.gz`` and register it (untested)."""
        out = self.candidates / f"{name}.tar.gz"
        out.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(self.rasa_bin), "train",
            "--config", str(config or self.root / "config.yml"),
            "--domain", str(self.root / "domain.yml"),
            "--data", *[str(p) for p in (data or [self.root / "data"])],
            "--out", str(out.parent),
            "--fixed-model-name", name,
            "--quiet",
        ]  # fmt: skip
        started = time.monotonic()
        print(f"==> training {name} (a few minutes on 2 cores)", flush=True)
        subprocess.run(command, cwd=self.root, env=rasa_env(), check=True)
        seconds = round(time.monotonic() - started, 1)
        print(f"==> trained in {seconds} s", flush=True)
        record = ModelRecord(
            name=name,
            path=str(out.relative_to(self.models)),
            fingerprint=fingerprint_value or self.fingerprint(),
            origin=origin,
            trained_at=now_iso(),
            train_seconds=seconds,
        )
        self.register(record)
        return record

    def point_test_link(self, record: ModelRecord) -> Path:
        """models/test.tar.gz: the model the test targets use (never served by that)."""
        link = self.models / TEST_NAME
        tmp = link.with_name(".test.tmp")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.path.relpath(self.path_of(record), self.models))
        tmp.replace(link)
        return link


def model_name(path: Path) -> str:
    return path.name.removesuffix(".tar.gz")


def _sidecar(model: Path) -> dict[str, Any]:
    meta = model.with_name(model_name(model) + ".json")
    if not meta.exists():
        return {}
    value = json.loads(meta.read_text())
    return value if isinstance(value, dict) else {}


def reload_rasa(model: Path, rasa_url: str, auth_token: str, timeout: float = 600) -> bool:
    """Ask a running Rasa server to load ``model`` without stopping: bot/model_swap.py loads it
    beside the one serving and swaps when it is ready, so no turn waits for the load. Waits until
    it serves. False when no server answers."""
    base = f"{rasa_url.rstrip('/')}/webhooks/model"
    headers = {"Authorization": f"Bearer {auth_token}"}
    try:
        response = httpx.post(
            f"{base}/load", headers=headers, json={"model_file": str(model.resolve())}, timeout=30
        )
    except httpx.ConnectError:
        return False
    if response.status_code != 202:
        raise RegistryError(f"Rasa refused the model ({response.status_code}): {response.text[:200]}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(1)
        try:
            status = httpx.get(f"{base}/status", headers=headers, timeout=10).json()
        except (httpx.HTTPError, ValueError):
            continue  # busy loading: ask again
        if status.get("error"):
            raise RegistryError(f"Rasa could not load it: {status['error']}; the old model still serves")
        if not status.get("loading") and status.get("model") == model.resolve().name:
            return True
    raise RegistryError(f"Rasa had not loaded {model.name} after {timeout:.0f} s")


def fingerprint(root: Path, inputs: tuple[str, ...] = TRAINING_INPUTS) -> str:
    """SHA-256 over the training inputs' relative paths and bytes, in a stable order."""
    digest = hashlib.sha256()
    for name in inputs:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def print_list(registry: Registry, out: Any = sys.stdout) -> None:
    """``triage model list``: every model, newest first, then the serve events."""
    served = registry.served()
    current = registry.fingerprint()
    print(f"data fingerprint now: {current}", file=out)
    for record in sorted(registry.records(), key=lambda r: r.trained_at or "", reverse=True):
        mark = "* " if served and record.name == served.name else "  "
        flags = [record.status]
        if record.override:
            flags.append(f"override by {record.override['by']}: {record.override['reason']}")
        if record.fingerprint == current:
            flags.append("matches the data")
        if not registry.path_of(record).is_file():
            flags.append("file missing")
        print(f"{mark}{record.name}  fingerprint {record.fingerprint}  {', '.join(flags)}", file=out)
        if record.compared_with:
            print(f"      judged against {record.compared_with} at {record.evaluated_at}", file=out)
        for reason in record.reasons:
            print(f"      - {reason}", file=out)
    print("served (newest last):", file=out)
    for event in registry.events():
        extra = f" (override: {event['override']})" if event.get("override") else ""
        print(
            f"  {event['at']}  {event['action']:<12} {event['model']}  by {event.get('by')}"
            f"  replacing {event.get('previous') or 'nothing'}{extra}",
            file=out,
        )
