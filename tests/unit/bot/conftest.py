"""Fixtures for the Rasa component tests, as Rasa's own test-suite builds them.

These tests need the Rasa environment; under the main environment (no Rasa) they are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

pytest.importorskip("rasa", reason="the bot tests run in the Rasa environment (.venv-rasa)")

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage


@pytest.fixture()
def default_model_storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


@pytest.fixture()
def default_execution_context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "1")
