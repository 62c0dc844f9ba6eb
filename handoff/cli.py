"""``triage``: the operator's command line.

triage db upgrade                      run the database migrations
triage model ensure                    serve the promoted model (the first one: trained and gated)
triage model list | evaluate | promote [NAME] | rollback [--steps N | --to NAME] | test-model
triage users add NAME --role ROLE --password-stdin [--display-name "Jo Bloggs"]
triage users list | disable NAME | enable NAME | revoke-sessions NAME
triage users reset-password NAME --password-stdin
triage secrets ensure | env            this install's secrets (var/, mode 0600)
triage serve                           run the gateway (make run does this)
triage transcripts export --since 7d [--max-confidence 0.7] [--intent NAME] --out review.csv
triage transcripts purge [--older-than 90d]
triage nlu import review.csv [--out data/nlu/reviewed.yml]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from handoff.adapters.secrets import SECRETS, install_secrets, weak_secrets
from handoff.domain.agents import Role
from handoff.settings import ConfigError, Settings


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.migrate import upgrade

    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def _model_ensure(args: argparse.Namespace, settings: Settings) -> int:
    import subprocess

    from analytics.registry import Registry, RegistryError
    from analytics.serving import ensure_served

    try:
        ensure_served(Registry.for_project())
    except subprocess.CalledProcessError as error:
        print(f"training failed (exit {error.returncode})", file=sys.stderr)
        return 1
    except RegistryError as error:
        print(f"nothing served: {error}", file=sys.stderr)
        return 1
    return 0


def _model_for_tests(args: argparse.Namespace, settings: Settings) -> int:
    import subprocess

    from analytics.registry import Registry
    from analytics.serving import model_for_tests

    try:
        model_for_tests(Registry.for_project())
    except subprocess.CalledProcessError as error:
        print(f"training failed (exit {error.returncode})", file=sys.stderr)
        return 1
    return 0


def _model_list(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.registry import Registry, print_list

    print_list(Registry.for_project())
    return 0


def _model_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.bars import BarsError, load_bars
    from analytics.evaluate import evaluate
    from analytics.registry import Registry

    try:
        bars = load_bars(args.bars) if args.bars else load_bars()
        result = evaluate(
            Registry.for_project(), reports=args.reports, bars=bars, config=args.config, data=args.data
        )
    except (BarsError, ValueError) as error:
        print(str(error), file=sys.stderr)
        return 2
    served = result.served.name if result.served else "no served model"
    print(f"{result.candidate.name} against {served}: {result.verdict.status.upper()}")
    for reason in result.verdict.absolute:
        print(f"  - {reason}")
    for reason in result.verdict.relative:
        print(f"  - (needs a written override to promote) {reason}")
    print(f"report: {result.report_dir / 'report.md'}")
    return 0 if result.verdict.accepted else 1


def _swap_model(settings: Settings, action: str, args: argparse.Namespace) -> int:
    from analytics.registry import Registry, RegistryError, reload_rasa

    registry = Registry.for_project()
    try:
        if action == "promote":
            if args.candidate is None:
                latest = registry.latest_evaluated()
                if latest is not None:
                    print(f"promoting the latest evaluated candidate, {latest.name} ({latest.status})")
            record = registry.promote(args.candidate, by=args.by, override=args.override, dry_run=True)
        else:
            record = registry.rollback(args.steps, to=args.to, by=args.by, dry_run=True)
        # Rasa loads it first: if it cannot, nothing changes and the old model keeps serving.
        loaded = reload_rasa(registry.path_of(record), settings.rasa_url, settings.rasa_auth_token)
        if action == "promote":
            registry.promote(record.name, by=args.by, override=args.override)
        else:
            registry.rollback(to=record.name, by=args.by)
    except RegistryError as error:
        print(str(error), file=sys.stderr)
        return 1
    where = "Rasa loaded it" if loaded else "Rasa is not running: it loads it on the next start"
    print(f"serving {record.name} ({where})")
    return 0


def _model_promote(args: argparse.Namespace, settings: Settings) -> int:
    return _swap_model(settings, "promote", args)


def _model_rollback(args: argparse.Namespace, settings: Settings) -> int:
    return _swap_model(settings, "rollback", args)


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


def _read_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


async def _on_user(settings: Settings, name: str, change: str, password: str = "") -> str:
    """disable | enable | reset-password | revoke-sessions, in one transaction with its audit
    entry. Disabling and resetting a password also end every session: the gateway closes the
    account's open sockets at its next sweep (within seconds), and its chats go back to the queue
    after AGENT_GRACE_SECONDS."""
    from handoff.adapters.audit import AuditLog
    from handoff.adapters.database import create_engine, session_factory
    from handoff.adapters.sessions import SessionRepository
    from handoff.adapters.users import UserRepository

    engine = create_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with session_factory(engine)() as session:
            users = UserRepository(session)
            if change == "disable":
                row = await users.set_active(name, False)
            elif change == "enable":
                row = await users.set_active(name, True)
            elif change == "reset-password":
                row = await users.set_password(name, password)
            else:
                row = await users.existing(name)
            ended = 0
            if change in ("disable", "reset-password", "revoke-sessions"):
                ended = await SessionRepository(session).delete_for_user(row.id)
            await AuditLog(session).record(
                f"user_{change.replace('-', '_')}", now, user_id=None, detail={"user": row.id, "by": "cli"}
            )
            await session.commit()
            done = {
                "disable": "disabled",
                "enable": "enabled",
                "reset-password": "new password set for",
                "revoke-sessions": "signed out",
            }[change]
            return f"{done} {row.username}" + (f" ({ended} session(s) ended)" if ended else "")
    finally:
        await engine.dispose()


async def _list_users(settings: Settings) -> list[str]:
    from sqlalchemy import func, select

    from handoff.adapters.database import create_engine, session_factory
    from handoff.adapters.orm import SessionRow
    from handoff.adapters.users import UserRepository

    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            counted = await session.execute(
                select(SessionRow.user_id, func.count())
                .where(SessionRow.expires_at > datetime.now(UTC))
                .group_by(SessionRow.user_id)
            )
            live = {int(user_id): int(count) for user_id, count in counted.all()}
            lines = [f"{'username':<20} {'role':<11} {'state':<9} {'sessions':>8}  display name"]
            for row in await UserRepository(session).all():
                state = "active" if row.active else "disabled"
                n = live.get(row.id, 0)
                lines.append(f"{row.username:<20} {row.role:<11} {state:<9} {n:>8}  {row.display_name}")
            return lines
    finally:
        await engine.dispose()


def _users_list(args: argparse.Namespace, settings: Settings) -> int:
    print("\n".join(asyncio.run(_list_users(settings))))
    return 0


def _users_change(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.users import UnknownUser

    password = ""
    if args.command == "reset-password":
        if not args.password_stdin:
            print("give the new password on standard input with --password-stdin", file=sys.stderr)
            return 2
        password = _read_password()
    try:
        print(asyncio.run(_on_user(settings, args.name, args.command, password)))
    except UnknownUser as error:
        print(f"no user called {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0


def _users_add(args: argparse.Namespace, settings: Settings) -> int:
    from handoff.adapters.users import UserExists

    if not args.password_stdin:
        print("give the password on standard input with --password-stdin", file=sys.stderr)
        return 2
    password = _read_password()
    try:
        print(asyncio.run(_add_user(settings, args.name, args.role, password, args.display_name)))
    except UserExists as error:
        print(f"user {error} already exists", file=sys.stderr)
        return 1
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 0


def _sqlite_exists(url: str) -> bool:
    """A SQLite URL names an existing file (opening a missing one would create an empty one)."""
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return path in ("", ":memory:") or Path(path.split("?", 1)[0]).is_file()


def _transcripts_export(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.transcripts import export_transcripts, parse_duration, parse_since
    from triage.intents import NLU_FALLBACK, is_known_intent

    now = datetime.now(UTC)
    try:
        since = parse_since(args.since, now)
        abandoned_after = parse_duration(args.abandoned_after)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if settings.database_url.startswith("sqlite") and not _sqlite_exists(settings.database_url):
        print(
            f"no database at {settings.database_url}: set DATABASE_URL to the gateway's database "
            "(nothing was created)",
            file=sys.stderr,
        )
        return 2
    if args.intent and not (is_known_intent(args.intent) or args.intent == NLU_FALLBACK):
        print(f"unknown intent {args.intent!r}", file=sys.stderr)
        return 2
    count = asyncio.run(
        export_transcripts(
            settings.database_url,
            args.out,
            since=since,
            now=now,
            max_confidence=args.max_confidence,
            intent=args.intent,
            abandoned_after=abandoned_after,
            with_corrections=args.with_corrections,
        )
    )
    print(f"wrote {count} citizen message(s) since {since.isoformat(timespec='seconds')} to {args.out}")
    from analytics.registry import who
    from analytics.review import record_command

    detail = {"file": args.out.name, "rows": count, "since": since.isoformat(timespec="seconds")}
    asyncio.run(
        record_command(settings.database_url, "transcripts_export", by=who(args.by), now=now, detail=detail)
    )
    return 0


def _transcripts_purge(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.transcripts import parse_duration, purge_database, purge_rasa_trackers

    now = datetime.now(UTC)
    try:
        age = parse_duration(args.older_than) if args.older_than else None
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if age is None:
        age = timedelta(days=settings.retention_days)
    cutoff = now - age
    result = asyncio.run(purge_database(settings.database_url, cutoff=cutoff, now=now, dry_run=args.dry_run))
    trackers = purge_rasa_trackers(args.rasa_trackers, cutoff=cutoff, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb} everything older than {cutoff.isoformat(timespec='seconds')}:")
    for line in result.lines():
        print(f"  {line}")
    print(f"  rasa tracker conversations: {trackers}")
    return 0


def _nlu_import(args: argparse.Namespace, settings: Settings) -> int:
    from analytics.nlu_import import ImportRejected, import_reviewed, summary

    try:
        result = import_reviewed(
            args.csv,
            args.out,
            nlu_dir=args.nlu_dir,
            protected_dirs=[args.held_out_dir],
            allow_relabel_emergency=args.allow_relabel_emergency,
        )
    except ImportRejected as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    print("\n".join(summary(result)))
    if settings.database_url.startswith("sqlite") and not _sqlite_exists(settings.database_url):
        print(f"not audited: no database at {settings.database_url} (set DATABASE_URL)", file=sys.stderr)
        return 0
    from analytics.registry import who
    from analytics.review import record_command

    detail = {
        "file": args.csv.name,
        "added": result.added_count,
        "relabelled_from_safety": len(result.relabelled_from_safety),
        "allow_relabel_emergency": bool(args.allow_relabel_emergency),
    }
    recorded = asyncio.run(
        record_command(
            settings.database_url, "nlu_import", by=who(args.by), now=datetime.now(UTC), detail=detail,
            corrections=result.corrections,
        )
    )  # fmt: skip
    print(f"recorded {recorded} correction(s) in the review queue; import audited as {who(args.by)}")
    return 0


def _secrets_ensure(args: argparse.Namespace, settings: Settings) -> int:
    made = install_secrets(os.environ)
    for name in SECRETS:
        print(f"{name}: {'from var/' if name in made else 'from the environment'}")
    return 0


def _secrets_env(args: argparse.Namespace, settings: Settings) -> int:
    """``export NAME=value`` for each secret the environment lacks (scripts/run-rasa and
    scripts/run-actions eval this); in production, refuses published or short ones."""
    made = install_secrets(os.environ)
    if settings.environment == "production" and weak_secrets({**os.environ, **made}):
        print("configuration error: published or short secrets in production", file=sys.stderr)
        return 2
    for name, value in made.items():
        print(f"export {name}={shlex.quote(value)}")
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
    model.add_parser(
        "ensure", help="serve the promoted model; with none at all, train one and gate it first"
    ).set_defaults(handler=_model_ensure)
    model.add_parser(
        "test-model", help="the model trained on the current data, for the tests (models/test.tar.gz)"
    ).set_defaults(handler=_model_for_tests)
    model.add_parser("list", help="the registry: models, verdicts, who served what when").set_defaults(
        handler=_model_list
    )
    evaluate = model.add_parser(
        "evaluate", help="train a candidate from the current data and judge it against the served model"
    )
    evaluate.add_argument(
        "--bars", type=Path, help="the evaluation files and bars (tests/nlu/evaluation.yml)"
    )
    evaluate.add_argument("--reports", type=Path, default=Path("reports"))
    evaluate.add_argument("--config", type=Path, help="train with this config instead of config.yml")
    evaluate.add_argument("--data", type=Path, nargs="+", help="train on these instead of data/")
    evaluate.set_defaults(handler=_model_evaluate)
    promote = model.add_parser(
        "promote", help="serve an accepted candidate (the latest evaluated by default)"
    )
    promote.add_argument("candidate", nargs="?", help="the model's name (triage model list)")
    promote.add_argument("--override", help="the written reason to promote a held candidate (recorded)")
    promote.add_argument("--by", help="who is promoting (default: the OS user)")
    promote.set_defaults(handler=_model_promote, needs_secrets=True)
    rollback = model.add_parser("rollback", help="serve a model that was served and accepted before")
    rollback.add_argument("--steps", type=int, default=1, help="how many promotions back (default 1)")
    rollback.add_argument("--to", help="the model to go back to (by name)")
    rollback.add_argument("--by", help="who is rolling back (default: the OS user)")
    rollback.set_defaults(handler=_model_rollback, needs_secrets=True)

    users = groups.add_parser("users", help="accounts").add_subparsers(dest="command", required=True)
    add = users.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--display-name", help="the name citizens see (agents) and colleagues see")
    add.set_defaults(handler=_users_add)
    users.add_parser("list", help="every account, its role, state and live sessions").set_defaults(
        handler=_users_list
    )
    for command, what in (
        ("disable", "refuse logins and end every session (open consoles are closed within seconds)"),
        ("enable", "allow logins again"),
        ("revoke-sessions", "end every session of the account (it must log in again)"),
        ("reset-password", "set a new password (read from standard input) and end every session"),
    ):
        change = users.add_parser(command, help=what)
        change.add_argument("name")
        if command == "reset-password":
            change.add_argument("--password-stdin", action="store_true", help="read it from standard input")
        change.set_defaults(handler=_users_change)

    groups.add_parser("serve", help="run the gateway").set_defaults(handler=_serve, needs_secrets=True)

    keys = groups.add_parser("secrets", help="this install's secrets").add_subparsers(
        dest="command", required=True
    )
    keys.add_parser("ensure", help="generate the missing ones into var/ (mode 0600)").set_defaults(
        handler=_secrets_ensure, needs_secrets=True
    )
    keys.add_parser("env", help="print export lines for the ones the environment lacks").set_defaults(
        handler=_secrets_env, needs_secrets=True
    )

    transcripts = groups.add_parser("transcripts", help="analysts: review export, retention").add_subparsers(
        dest="command", required=True
    )
    export = transcripts.add_parser("export", help="citizen messages, redacted, as a review CSV")
    export.add_argument("--since", default="7d", help="7d, 12h, 2w or an ISO date (default 7d)")
    export.add_argument(
        "--max-confidence", type=float, help="only messages read with at most this confidence"
    )
    export.add_argument("--intent", help="only messages the assistant read as this intent")
    export.add_argument("--out", type=Path, required=True, help="the CSV to write")
    export.add_argument(
        "--abandoned-after", default="1h", help="a bot chat idle this long counts as abandoned (default 1h)"
    )
    export.add_argument(
        "--with-corrections", action="store_true", help="fill corrected_intent from the web review queue"
    )
    export.add_argument("--by", help="who is exporting (default: the OS user; audited)")
    export.set_defaults(handler=_transcripts_export)
    purge = transcripts.add_parser(
        "purge", help="delete transcripts, reports and audit entries past retention"
    )
    purge.add_argument("--older-than", help="90d, 12w... (default RETENTION_DAYS, 90 days)")
    purge.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    purge.add_argument(
        "--rasa-trackers",
        type=Path,
        default=Path(os.environ.get("RASA_TRACKER_DB") or "var/rasa-trackers.db"),
        help="Rasa's SQLite tracker store (default var/rasa-trackers.db)",
    )
    purge.set_defaults(handler=_transcripts_purge)

    nlu = groups.add_parser("nlu", help="NLU training data").add_subparsers(dest="command", required=True)
    nlu_import = nlu.add_parser("import", help="add reviewed rows of a review CSV to the training data")
    nlu_import.add_argument("csv", type=Path)
    nlu_import.add_argument("--out", type=Path, default=Path("data/nlu/reviewed.yml"))
    nlu_import.add_argument("--nlu-dir", type=Path, default=Path("data/nlu"), help="the training data")
    nlu_import.add_argument("--held-out-dir", type=Path, default=Path("tests/nlu"), help="never written to")
    nlu_import.add_argument(
        "--allow-relabel-emergency",
        action="store_true",
        help="accept rows that move a text away from emergency or safeguarding (recorded)",
    )
    nlu_import.add_argument("--by", help="who is importing (default: the OS user; audited)")
    nlu_import.set_defaults(handler=_nlu_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = dict(os.environ)
    if getattr(args, "needs_secrets", False):
        # The secrets the environment lacks come from var/ (generated on first use).
        env.update(install_secrets(env))
    try:
        settings = Settings.from_env(env)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    return int(args.handler(args, settings))


if __name__ == "__main__":
    raise SystemExit(main())
