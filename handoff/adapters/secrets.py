"""The shared secrets of one install: generated once into files (mode 0600), never published.

``SECRET_KEY`` signs citizen tokens; ``RASA_AUTH_TOKEN`` guards Rasa's HTTP API;
``RASA_CHANNEL_TOKEN`` guards the triage channel (only the gateway may speak as a citizen);
``ACTION_SERVER_TOKEN`` guards the action server (only Rasa may call it). Each comes from the
environment when set, else from ``<dir>/<name>``, created on first use. The three processes
read the same files (scripts/run-rasa and scripts/run-actions through ``triage secrets env``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

#: Environment variable -> file name under the secrets directory.
SECRETS = {
    "SECRET_KEY": "secret_key",
    "RASA_AUTH_TOKEN": "rasa_auth_token",
    "RASA_CHANNEL_TOKEN": "rasa_channel_token",
    "ACTION_SERVER_TOKEN": "action_server_token",
}
DEFAULT_DIR = Path("var")
#: Values that were printed in this project's README or Makefile: anyone may know them.
PUBLISHED = frozenset(
    {"local-rasa-token", "local-channel-token", "local-action-token", "change-me", "secret"}
)
MIN_LENGTH = 32


def ensure_secret(path: Path) -> str:
    """The secret in ``path``, generated (mode 0600) if the file does not exist yet. Safe when
    several processes start at once: the file appears complete or not at all."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = secrets.token_urlsafe(32)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    try:
        os.link(partial, path)  # fails if another process got there first: theirs stands
    except FileExistsError:
        value = path.read_text().strip()
    finally:
        partial.unlink()
    return value


def install_secrets(env: Mapping[str, str], directory: Path = DEFAULT_DIR) -> dict[str, str]:
    """The secrets the environment does not set, from (or generated into) ``directory``."""
    return {name: ensure_secret(directory / file) for name, file in SECRETS.items() if not env.get(name)}


def weak_secrets(env: Mapping[str, str]) -> list[str]:
    """Names of secrets that are published defaults or too short to be secret."""
    weak = []
    for name in SECRETS:
        value = env.get(name, "")
        if value in PUBLISHED or len(value) < MIN_LENGTH:
            weak.append(name)
    return weak
