"""Per-install secrets (issue #11, item 7): generated once, mode 0600, the same for every
process; published or short ones refused in production."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from handoff.adapters.secrets import PUBLISHED, SECRETS, ensure_secret, install_secrets
from handoff.settings import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[3]
STRONG = {name: f"{name.lower()}-" + "x" * 40 for name in SECRETS}


def test_secrets_are_generated_once_with_mode_0600(tmp_path: Path) -> None:
    made = install_secrets({}, tmp_path / "var")
    assert set(made) == set(SECRETS)
    assert len(set(made.values())) == 4 and all(len(v) >= 32 for v in made.values())
    for file in SECRETS.values():
        assert stat.S_IMODE((tmp_path / "var" / file).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700
    assert install_secrets({}, tmp_path / "var") == made  # the same on every start
    assert install_secrets({"SECRET_KEY": "from env"}, tmp_path / "var").keys() == set(SECRETS) - {
        "SECRET_KEY"
    }


def test_processes_starting_at_once_agree_on_one_secret(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        values = set(pool.map(lambda _: ensure_secret(tmp_path / "token"), range(32)))
    assert len(values) == 1 and list(tmp_path.iterdir()) == [tmp_path / "token"]


@pytest.mark.parametrize("weak", [*sorted(PUBLISHED), "", "short"])
def test_production_refuses_published_empty_or_short_secrets(weak: str) -> None:
    env = {**STRONG, "ENVIRONMENT": "production", "COOKIE_SECURE": "true", "RASA_CHANNEL_TOKEN": weak}
    with pytest.raises(ConfigError, match="RASA_CHANNEL_TOKEN"):
        Settings.from_env(env)


def test_production_needs_secure_cookies_and_accepts_strong_secrets() -> None:
    with pytest.raises(ConfigError, match="COOKIE_SECURE=true"):
        Settings.from_env({**STRONG, "ENVIRONMENT": "production"})
    settings = Settings.from_env({**STRONG, "ENVIRONMENT": "production", "COOKIE_SECURE": "true"})
    assert (
        settings.environment == "production" and settings.action_server_token == STRONG["ACTION_SERVER_TOKEN"]
    )
    # Development takes anything (make run generates strong ones anyway).
    assert Settings.from_env({"RASA_AUTH_TOKEN": "local-rasa-token"}).rasa_auth_token == "local-rasa-token"
    with pytest.raises(ConfigError, match="ENVIRONMENT must be one of"):
        Settings.from_env({"ENVIRONMENT": "prod"})


def _triage(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and k != "ENVIRONMENT"}
    return subprocess.run(
        [sys.executable, "-m", "handoff.cli", *args],
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_secrets_env_prints_exports_and_refuses_published_ones_in_production(tmp_path: Path) -> None:
    done = _triage(["secrets", "env"], {}, tmp_path)
    assert done.returncode == 0, done.stderr
    exported = dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines())
    assert set(exported) == set(SECRETS)
    assert exported["RASA_AUTH_TOKEN"] == (tmp_path / "var" / "rasa_auth_token").read_text()
    refused = _triage(
        ["secrets", "env"],
        {"ENVIRONMENT": "production", "COOKIE_SECURE": "true", "RASA_AUTH_TOKEN": "local-rasa-token"},
        tmp_path,
    )
    assert refused.returncode == 2 and refused.stdout == ""
    assert "RASA_AUTH_TOKEN" in refused.stderr and "configuration error" in refused.stderr
