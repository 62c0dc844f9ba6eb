"""Which Rasa model is served: training one when none matches the data, promotion, rollback.

Models live in ``models/``. ``models/served.tar.gz`` is a symlink to the model Rasa loads; each
model has a sidecar ``<name>.json`` recording the fingerprint of the training data it was built
from and, for candidates (``models/candidates/``), the evaluation verdict. ``ensure`` trains only
when no model matches ``config.yml``, ``domain.yml`` and ``data/``, so ``make run`` on an unchanged
checkout starts in seconds. ``promote`` serves an accepted candidate and remembers the model it
replaced in ``models/history.json``; ``rollback`` goes back to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
#: Where this code lives: bot/ (the custom components) must be importable by `rasa train`.
CODE_ROOT = Path(__file__).resolve().parent.parent


def rasa_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(CODE_ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }


SERVED_NAME = "served.tar.gz"


@dataclass(frozen=True)
class Registry:
    root: Path
    rasa_bin: Path

    @classmethod
    def for_project(cls, root: Path | None = None) -> Registry:
        root = (root or Path.cwd()).resolve()
        rasa_bin = Path(os.environ.get("RASA_BIN") or CODE_ROOT / ".venv-rasa" / "bin" / "rasa")
        return cls(root=root, rasa_bin=rasa_bin)

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def served_link(self) -> Path:
        return self.models / SERVED_NAME

    def served(self) -> Path | None:
        link = self.served_link
        return link.resolve() if link.is_symlink() and link.resolve().exists() else None

    def fingerprint(self, inputs: tuple[str, ...] = TRAINING_INPUTS) -> str:
        return fingerprint(self.root, inputs)

    @property
    def candidates(self) -> Path:
        return self.models / "candidates"

    @property
    def history_file(self) -> Path:
        return self.models / "history.json"

    def model_fingerprint(self, model: Path) -> str | None:
        value = read_sidecar(model).get("fingerprint")
        return value if isinstance(value, str) else None

    def latest_accepted(self) -> Path | None:
        accepted = [
            model
            for model in self.candidates.glob("*.tar.gz")
            if read_sidecar(model).get("status") == "accepted"
        ]
        return max(accepted, key=lambda m: m.stat().st_mtime, default=None)

    def history(self) -> list[str]:
        if not self.history_file.exists():
            return []
        value = json.loads(self.history_file.read_text())
        return [str(item) for item in value] if isinstance(value, list) else []

    def _write_history(self, items: list[str]) -> None:
        tmp = self.history_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(items, indent=2))
        tmp.replace(self.history_file)

    def promote(self, candidate: Path | None = None) -> Path:
        """Serve an accepted candidate; the model it replaces is kept for ``rollback``."""
        chosen = (candidate or self.latest_accepted() or Path()).resolve()
        if not chosen.is_file():
            raise RegistryError("no accepted candidate to promote: run `make evaluate` first")
        status = read_sidecar(chosen).get("status")
        if status != "accepted":
            raise RegistryError(
                f"{chosen.name} is {status or 'not evaluated'}; only accepted candidates are promoted"
            )
        current = self.served()
        if current is not None and current == chosen:
            raise RegistryError(f"{chosen.name} is already served")
        if current is not None:
            self._write_history([*self.history(), str(current)])
        self.serve(chosen)
        return chosen

    def rollback(self) -> Path:
        """Serve the model that was served before the last promotion."""
        history = self.history()
        while history:
            previous = Path(history.pop())
            if previous.is_file():
                self._write_history(history)
                self.serve(previous)
                return previous
        raise RegistryError("nothing to roll back to")

    def serve(self, model: Path) -> None:
        """Point models/served.tar.gz at ``model`` atomically (a new symlink renamed over the old)."""
        tmp = self.served_link.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.path.relpath(model, self.models))
        tmp.replace(self.served_link)

    def train(
        self,
        out: Path,
        *,
        config: Path | None = None,
        data: list[Path] | None = None,
        fingerprint_value: str | None = None,
    ) -> Path:
        """Run ``rasa train`` into ``out`` (a .tar.gz path) and write its sidecar."""
        out.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(self.rasa_bin),
            "train",
            "--config",
            str(config or self.root / "config.yml"),
            "--domain",
            str(self.root / "domain.yml"),
            "--data",
            *[str(p) for p in (data or [self.root / "data"])],
            "--out",
            str(out.parent),
            "--fixed-model-name",
            out.name.removesuffix(".tar.gz"),
            "--quiet",
        ]
        started = time.monotonic()
        print(
            f"==> training {out.relative_to(self.root) if out.is_relative_to(self.root) else out} "
            "(a few minutes on 2 cores)",
            flush=True,
        )
        subprocess.run(command, cwd=self.root, env=rasa_env(), check=True)
        seconds = round(time.monotonic() - started, 1)
        sidecar(out).write_text(
            json.dumps(
                {
                    "fingerprint": fingerprint_value or self.fingerprint(),
                    "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "train_seconds": seconds,
                },
                indent=2,
            )
        )
        print(f"==> trained in {seconds} s", flush=True)
        return out

    def ensure(self) -> Path:
        """The served model if it matches the data; else a matching one, trained if need be."""
        wanted = self.fingerprint()
        served = self.served()
        if served is not None and self.model_fingerprint(served) == wanted:
            print(f"==> model up to date: {served.name}", flush=True)
            return served
        model = self.models / f"triage-{wanted}.tar.gz"
        if not (model.exists() and self.model_fingerprint(model) == wanted):
            self.train(model, fingerprint_value=wanted)
        self.serve(model)
        print(f"==> serving {model.name}", flush=True)
        return model


class RegistryError(Exception):
    pass


def sidecar(model: Path) -> Path:
    return model.with_name(model.name.removesuffix(".tar.gz") + ".json")


def read_sidecar(model: Path) -> dict[str, Any]:
    meta = sidecar(model)
    if not meta.exists():
        return {}
    value = json.loads(meta.read_text())
    return value if isinstance(value, dict) else {}


def update_sidecar(model: Path, **fields: Any) -> None:
    sidecar(model).write_text(json.dumps({**read_sidecar(model), **fields}, indent=2))


def reload_rasa(model: Path, rasa_url: str, auth_token: str, timeout: float = 300) -> bool:
    """Ask a running Rasa server to load ``model`` (its model-replace API keeps the conversations,
    which live in the tracker store, not in the model). False when no server answers."""
    try:
        response = httpx.put(
            f"{rasa_url.rstrip('/')}/model",
            params={"token": auth_token},
            json={"model_file": str(model.resolve())},
            timeout=timeout,
        )
    except httpx.ConnectError:
        return False
    if response.status_code != 204:
        raise RegistryError(f"Rasa refused the model ({response.status_code}): {response.text[:200]}")
    return True


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


def main_ensure() -> int:
    try:
        Registry.for_project().ensure()
    except subprocess.CalledProcessError as error:
        print(f"training failed (exit {error.returncode})", file=sys.stderr)
        return 1
    return 0
