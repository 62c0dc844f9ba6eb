"""The domain layer imports only the standard library's pure modules and the shared kernel.

Checked on the source (not by importing), so it holds however the test run was ordered.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import handoff.domain

DOMAIN_DIR = Path(handoff.domain.__file__).parent
MODULES = sorted(DOMAIN_DIR.glob("*.py"))

ALLOWED = {
    "__future__",
    "collections.abc",
    "dataclasses",
    "datetime",
    "enum",
    "math",
    "re",
    "statistics",
    "typing",
    "triage.priority",
}


def absolute_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_domain_has_modules() -> None:
    assert {p.name for p in MODULES} >= {
        "__init__.py",
        "conversation.py",
        "queue.py",
        "wait.py",
        "agents.py",
        "errors.py",
        "events.py",
        "access.py",
        "closing.py",
        "handover.py",
        "supervision.py",
        "thrive.py",
    }


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_imports_only_pure_modules(path: Path) -> None:
    assert absolute_imports(path) <= ALLOWED


def test_public_names_are_exported() -> None:
    for name in handoff.domain.__all__:
        assert hasattr(handoff.domain, name), name
