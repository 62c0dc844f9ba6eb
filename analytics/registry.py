"""Which Rasa model is served, and training one when none matches the data.

Models live in ``models/``. ``models/served.tar.gz`` is a symlink to the model Rasa loads; each
model has a sidecar ``<name>.json`` recording the fingerprint of the training data it was built
from. ``ensure`` trains only when no model matches ``config.yml``, ``domain.yml`` and ``data/``,
so ``make run`` on an unchanged checkout starts in seconds.
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

TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
SERVED_NAME = "served.tar.gz"


@dataclass(frozen=True)
class Registry:
    root: Path
    rasa_bin: Path

    @classmethod
    def for_project(cls, root: Path | None = None) -> Registry:
        root = (root or Path.cwd()).resolve()
        rasa_bin = Path(os.environ.get("RASA_BIN") or root / ".venv-rasa" / "bin" / "rasa")
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

    def model_fingerprint(self, model: Path) -> str | None:
        meta = sidecar(model)
        if not meta.exists():
            return None
        value = json.loads(meta.read_text()).get("fingerprint")
        return value if isinstance(value, str) else None

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
        subprocess.run(command, cwd=self.root, check=True)
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


def sidecar(model: Path) -> Path:
    return model.with_name(model.name.removesuffix(".tar.gz") + ".json")


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
