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
from pathlib import Path

from handoff.settings import Settings


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.migrate import upgrade

    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def _model_ensure(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.registry import main_ensure

    return main_ensure()


def _model_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.evaluate import evaluate
    from analytics.registry import Registry

    result = evaluate(
        Registry.for_project(),
        held_out=args.held_out,
        gate_set=args.gate_set,
        reports=args.reports,
        config=args.config,
        data=args.data,
    )
    print(f"{result.candidate.name}: {'ACCEPTED' if result.verdict.accepted else 'REJECTED'}")
    for reason in result.verdict.reasons:
        print(f"  - {reason}")
    print(f"report: {result.report_dir / 'report.md'}")
    return 0 if result.verdict.accepted else 1


def _swap_model(settings: Settings, action: str, candidate: Path | None = None) -> int:
    from analytics.registry import Registry, RegistryError, reload_rasa

    registry = Registry.for_project()
    try:
        model = registry.promote(candidate) if action == "promote" else registry.rollback()
        loaded = reload_rasa(model, settings.rasa_url, settings.rasa_auth_token)
    except RegistryError as error:
        print(str(error), file=sys.stderr)
        return 1
    where = "Rasa loaded it" if loaded else "Rasa is not running: it loads it on the next start"
    print(f"serving {model.name} ({where})")
    return 0


def _model_promote(args: argparse.Namespace, settings: Settings) -> int:
    return _swap_model(settings, "promote", args.candidate)


def _model_rollback(args: argparse.Namespace, settings: Settings) -> int:
    return _swap_model(settings, "rollback")


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
    evaluate = model.add_parser(
        "evaluate", help="train a candidate, compare it with the served model, gate it"
    )
    evaluate.add_argument("--held-out", type=Path, default=Path("tests/nlu/held_out.yml"))
    evaluate.add_argument("--gate-set", type=Path, default=Path("tests/nlu/emergency_gate.yml"))
    evaluate.add_argument("--reports", type=Path, default=Path("reports"))
    evaluate.add_argument("--config", type=Path, help="train with this config instead of config.yml")
    evaluate.add_argument("--data", type=Path, nargs="+", help="train on these instead of data/")
    evaluate.set_defaults(handler=_model_evaluate)
    promote = model.add_parser("promote", help="serve an accepted candidate (the newest by default)")
    promote.add_argument("candidate", nargs="?", type=Path)
    promote.set_defaults(handler=_model_promote)
    model.add_parser("rollback", help="serve the model the last promotion replaced").set_defaults(
        handler=_model_rollback
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
