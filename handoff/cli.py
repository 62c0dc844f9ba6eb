"""``triage``: the operator's command line.

triage db upgrade                      run the database migrations
triage model ensure                    train a model if none matches the data, and serve it
triage users add NAME --role ROLE --password-stdin [--display-name "Jo Bloggs"]
triage serve                           run the gateway (make run does this)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from handoff.settings import Settings


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.migrate import upgrade

    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def _model_ensure(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.registry import main_ensure

    return main_ensure()


async def _add_user(settings: Settings, name: str, role: str, password: str, display_name: str | None) -> str:
    from handoff.adapters.database import create_engine, session_factory
    from handoff.adapters.users import UserRepository

    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            row = await UserRepository(session).add(
                name, role=role, password=password, display_name=display_name, now=datetime.now(UTC)
            )
            await session.commit()
            return f"added {row.username} ({row.role})"
    finally:
        await engine.dispose()


def _users_add(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.users import UserExists

    if not args.password_stdin:
        print("give the password on standard input with --password-stdin", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        print(asyncio.run(_add_user(settings, args.name, args.role, password, args.display_name)))
    except UserExists as error:
        print(f"user {error} already exists", file=sys.stderr)
        return 1
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.web.server import serve

    serve(settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="triage", description="Police non-emergency web chat: operations.")
    groups = parser.add_subparsers(dest="group", required=True)

    db = groups.add_parser("db", help="database").add_subparsers(dest="command", required=True)
    db.add_parser("upgrade", help="run the migrations").set_defaults(handler=_db_upgrade)

    model = groups.add_parser("model", help="the served Rasa model").add_subparsers(
        dest="command", required=True
    )
    model.add_parser("ensure", help="train if no model matches the data, then serve it").set_defaults(
        handler=_model_ensure
    )

    users = groups.add_parser("users", help="accounts").add_subparsers(dest="command", required=True)
    add = users.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["agent", "supervisor", "analyst", "admin"])
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--display-name", help="the name citizens see (agents) and colleagues see")
    add.set_defaults(handler=_users_add)

    groups.add_parser("serve", help="run the gateway").set_defaults(handler=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args, Settings.from_env()))


if __name__ == "__main__":
    raise SystemExit(main())
