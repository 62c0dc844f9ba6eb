"""The migrations build exactly the ORM's schema, upgrade and downgrade, on both backends."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from handoff.adapters.database import create_engine
from handoff.adapters.migrate import alembic_config, upgrade
from handoff.adapters.orm import Base
from tests.support.databases import fresh_database


def differences(url: str) -> list[Any]:
    async def run() -> list[Any]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:

                def compare(sync: Connection) -> list[Any]:
                    context = MigrationContext.configure(sync, opts={"compare_type": True})
                    return list(compare_metadata(context, Base.metadata))

                return await connection.run_sync(compare)
        finally:
            await engine.dispose()

    return asyncio.run(run())


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_migrations_match_the_models_and_go_both_ways(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        assert differences(url) == []
        command.downgrade(alembic_config(url), "base")
        upgrade(url)
        assert differences(url) == []
