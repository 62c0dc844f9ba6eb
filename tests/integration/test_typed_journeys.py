"""Typed journeys: at least 60 members of the public (tests/integration/typed_journeys.yml) type
every answer in their own words, never a button, through the public chat API on the real stack
(gateway, Rasa with the served model, action server, SQLite). The test checks each journey's
outcome and stored fields, and fails below 95 % of journeys reaching their outcome or on any loop.

The figures (journeys completed, refused answers per question, loops, mean turns, stored-field
accuracy, what failed) are printed and written to results/typed-journeys.txt. One backend only:
the forms do not depend on the database, and PostgreSQL is covered by test_public_api.py.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import ConversationRow, ReportRow
from tests.support.journeys import Persona, Result, check_field, now_utc, outcome_of, play, summary
from tests.support.server import Citizen
from tests.support.stack import ROOT, Stack

pytestmark = pytest.mark.integration

PASS_RATE = 0.95
CONCURRENCY = 4
RESULTS = ROOT / "results" / "typed-journeys.txt"


async def _stored(url: str, conversation_id: str) -> tuple[ConversationRow | None, ReportRow | None]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            conversation = await session.get(ConversationRow, conversation_id)
            report = (
                await session.execute(select(ReportRow).filter_by(conversation_id=conversation_id))
            ).scalar_one_or_none()
            return conversation, report
    finally:
        await engine.dispose()


async def _journey(stack: Stack, persona: Persona, gate: asyncio.Semaphore) -> Result:
    async with gate, httpx.AsyncClient(base_url=stack.gateway_url, timeout=60) as http:
        citizen = await Citizen.start(http)
        result, state = await play(citizen, persona)
        conversation, report = await _stored(stack.database_url, citizen.conversation_id)
    reason = conversation.reason if conversation else None
    result.outcome = outcome_of(state, result.transcript, reason)
    expect = persona.expect
    result.reached = result.outcome == expect["outcome"] or (
        expect["outcome"] == "answered" and not result.problems
    )
    if expect["outcome"] == "report" and report is not None and report.kind != expect.get("kind"):
        result.reached = False
        result.problems.append(f"stored as {report.kind}")
    stored: dict[str, Any] = {}
    if report is not None:
        stored = report.fields
    elif conversation is not None:
        stored = conversation.collected or {}
    now = now_utc()
    for name, want in (expect.get("fields") or {}).items():
        wrong = check_field(name, want, stored.get(name), now)
        if wrong is None:
            result.fields_right += 1
        else:
            result.fields_wrong.append(wrong)
    if result.problems and expect["outcome"] != "answered":
        result.reached = False
    return result


def _write(report: str, results: list[Result]) -> None:
    """The figures and, for every journey that went wrong, its transcript: results/typed-journeys.txt."""
    details = "\n\n".join(
        f"## {r.persona.id} ({r.outcome})\n" + "\n".join(r.transcript)
        for r in results
        if not r.reached or r.loop or r.fields_wrong
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report + "\n\n" + details + "\n")


def test_personas_are_enough_and_well_formed() -> None:
    personas = Persona.load_all()
    assert len(personas) >= 60
    assert len({p.id for p in personas}) == len(personas)
    kinds = {p.kind for p in personas}
    assert kinds == {"crime", "collision", "community", "speed"}
    for persona in personas:
        assert persona.expect["outcome"]
        # Typed answers only: a leading "/" would be a button payload.
        assert not persona.opening.startswith("/")
        assert all(
            not a.removeprefix("~").startswith("/") for answers in persona.answers.values() for a in answers
        )


async def test_typed_journeys_reach_their_outcome_without_loops(sqlite_stack: Stack) -> None:
    personas = Persona.load_all()
    gate = asyncio.Semaphore(CONCURRENCY)
    started = time.monotonic()
    results = await asyncio.gather(*(_journey(sqlite_stack, p, gate) for p in personas))
    report = summary(list(results), time.monotonic() - started)
    _write(report, list(results))
    print("\n" + report)
    loops = [r.persona.id for r in results if r.loop]
    reached = sum(r.reached for r in results)
    assert not loops, f"conversations looped: {loops}\n{report}"
    assert reached / len(results) >= PASS_RATE, report
