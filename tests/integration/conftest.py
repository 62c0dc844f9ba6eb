"""Integration tests drive the real processes: Rasa with the served model, the action server and
the gateway, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.stack import Stack, start_stack

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class Stacks:
    """One stack per backend, started on first use and shared by the session's tests."""

    def __init__(self, workdir: Path, resources: ExitStack) -> None:
        self.workdir = workdir
        self.resources = resources
        self.started: dict[str, Stack] = {}

    def get(self, backend: str) -> Stack:
        if backend not in self.started:
            self.started[backend] = start_stack(backend, self.workdir / backend, self.resources)
        return self.started[backend]


@pytest.fixture(scope="session")
def stacks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stacks]:
    with ExitStack() as resources:
        yield Stacks(tmp_path_factory.mktemp("stacks"), resources)


@pytest.fixture(params=BACKENDS)
def stack(request: pytest.FixtureRequest, stacks: Stacks) -> Stack:
    return stacks.get(request.param)


@pytest.fixture
def sqlite_stack(stacks: Stacks) -> Stack:
    return stacks.get("sqlite")
