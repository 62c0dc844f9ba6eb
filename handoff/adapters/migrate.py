"""Run the Alembic migrations programmatically (``triage db upgrade``; ``make run`` calls it)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from handoff.adapters.database import async_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", async_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def revision(database_url: str, message: str) -> None:
    """Autogenerate a new migration from the ORM (a developer command, not used at run time)."""
    command.revision(alembic_config(database_url), message=message, autogenerate=True)
