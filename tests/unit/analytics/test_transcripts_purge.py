"""``triage transcripts purge``: exactly what is older than the cutoff goes, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from analytics.transcripts import PurgeResult, purge_database
from handoff.adapters.orm import (
    AssignmentRow,
    AuditRow,
    ConversationRow,
    DeliveryAttemptRow,
    IntentCorrectionRow,
    LoginAttemptRow,
    MessageRow,
    OutboxRow,
    ReportHistoryRow,
    ReportRow,
    SessionRow,
)
from handoff.cli import main
from tests.support.databases import fresh_database
from tests.unit.analytics.transcript_data import NOW, add, conversation, count, ids, message, user

CUTOFF = NOW - timedelta(days=90)
SECOND = timedelta(seconds=1)
BEFORE, AT, AFTER = CUTOFF - SECOND, CUTOFF, CUTOFF + SECOND


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


def seed(url: str, cutoff: datetime = CUTOFF) -> None:
    before, at, after = cutoff - SECOND, cutoff, cutoff + SECOND
    long_ago = cutoff - timedelta(days=30)
    add(
        url,
        [user()],
        [
            conversation("old", long_ago, updated=before),  # last activity just before: goes
            conversation(
                "old-closed", long_ago, status="closed", outcome="resolved", closed_at=before, updated=before
            ),
            conversation("at-cutoff", long_ago, updated=at),  # exactly at the cutoff: stays
            conversation("new", after),
            conversation("late-message", long_ago, updated=before),  # a message after the cutoff: stays
            conversation(
                "late-close", long_ago, status="closed", outcome="resolved", closed_at=after, updated=before
            ),
        ],
        [
            message(
                "old", long_ago, "my bike was stolen", intent="report_crime", confidence=0.9, message_id=1
            ),
            message("old", before, "thanks", message_id=2),
            message("old-closed", before, "hello", message_id=3),
            message("at-cutoff", at, "still here", message_id=4),
            message("new", after, "new", message_id=5),
            message("late-message", long_ago, "first", message_id=6),
            message("late-message", after, "later", message_id=7),
            message("late-close", long_ago, "bye", message_id=8),
            AssignmentRow(conversation_id="old-closed", agent_id=1, claimed_at=long_ago, ended_at=before),
            AssignmentRow(conversation_id="late-close", agent_id=1, claimed_at=long_ago, ended_at=after),
            ReportRow(reference="WEB-OLD", conversation_id="old", kind="crime", fields={}, created_at=before),
            ReportRow(
                reference="WEB-AT", conversation_id="at-cutoff", kind="crime", fields={}, created_at=at
            ),
            ReportRow(reference="WEB-NEW", conversation_id="new", kind="crime", fields={}, created_at=after),
            AuditRow(at=before, user_id=1, action="view", conversation_id="old", detail={}),
            AuditRow(at=at, user_id=1, action="view", conversation_id="at-cutoff", detail={}),
            AuditRow(at=after, user_id=1, action="claim", conversation_id="new", detail={}),
            LoginAttemptRow(username="jo", ip="127.0.0.1", at=before, success=True),
            LoginAttemptRow(username="jo", ip="127.0.0.1", at=after, success=False),
            SessionRow(
                id="a" * 64,
                user_id=1,
                csrf_token="x",
                created_at=long_ago,
                expires_at=NOW - SECOND,
                last_seen_at=long_ago,
            ),
            SessionRow(
                id="b" * 64,
                user_id=1,
                csrf_token="y",
                created_at=NOW,
                expires_at=NOW + timedelta(hours=12),
                last_seen_at=NOW,
            ),
        ],
        [
            IntentCorrectionRow(message_id=1, corrected_intent="report_crime", user_id=1, at=before),
            IntentCorrectionRow(message_id=5, corrected_intent="greet", user_id=1, at=after),
        ],
    )


def test_purge_deletes_exactly_what_is_older(database_url: str) -> None:
    seed(database_url)
    result = asyncio.run(purge_database(database_url, cutoff=CUTOFF, now=NOW))
    assert result == PurgeResult(
        conversations=2,
        messages=3,
        assignments=1,
        intent_corrections=1,
        reports=1,
        audit_entries=1,
        login_attempts=1,
        expired_sessions=1,
    )
    assert ids(database_url, ConversationRow.id) == ["at-cutoff", "late-close", "late-message", "new"]
    assert ids(database_url, MessageRow.id) == [4, 5, 6, 7, 8]
    assert ids(database_url, AssignmentRow.conversation_id) == ["late-close"]
    assert ids(database_url, IntentCorrectionRow.message_id) == [5]
    assert ids(database_url, ReportRow.reference) == ["WEB-AT", "WEB-NEW"]
    assert ids(database_url, AuditRow.at) == [AT, AFTER]
    assert ids(database_url, LoginAttemptRow.at) == [AFTER]
    assert ids(database_url, SessionRow.id) == ["b" * 64]


def test_purge_twice_deletes_nothing_more(database_url: str) -> None:
    seed(database_url)
    asyncio.run(purge_database(database_url, cutoff=CUTOFF, now=NOW))
    assert asyncio.run(purge_database(database_url, cutoff=CUTOFF, now=NOW)) == PurgeResult()


def test_dry_run_deletes_nothing(database_url: str) -> None:
    seed(database_url)
    before = {
        table: count(database_url, table) for table in (ConversationRow, MessageRow, ReportRow, AuditRow)
    }
    result = asyncio.run(purge_database(database_url, cutoff=CUTOFF, now=NOW, dry_run=True))
    assert result.conversations == 2 and result.messages == 3
    assert {table: count(database_url, table) for table in before} == before


def test_a_later_cutoff_takes_more(database_url: str) -> None:
    seed(database_url)
    result = asyncio.run(purge_database(database_url, cutoff=AFTER + SECOND, now=NOW))
    assert result.conversations == 6
    assert result.messages == 8
    assert count(database_url, ConversationRow) == 0
    assert count(database_url, IntentCorrectionRow) == 0


def test_the_command_defaults_to_retention_days(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    seed(database_url, cutoff=now - timedelta(days=30, hours=1))  # everything seeded is over 30 days old
    add(database_url, [conversation("recent", now - timedelta(days=29))])
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert main(["transcripts", "purge", "--dry-run"]) == 0
    assert "would delete everything older than" in capsys.readouterr().out
    assert count(database_url, ConversationRow) == 7
    assert main(["transcripts", "purge"]) == 0
    out = capsys.readouterr().out
    assert "deleted everything older than" in out
    for line in ("conversations: 6", "messages: 8", "reports: 3", "audit entries: 3", "login attempts: 2"):
        assert line in out
    assert ids(database_url, ConversationRow.id) == ["recent"]


def test_older_than_overrides_the_setting(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(database_url, cutoff=datetime.now(UTC) - timedelta(days=7, hours=1))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("RETENTION_DAYS", "1000")
    assert main(["transcripts", "purge"]) == 0
    assert "conversations: 0" in capsys.readouterr().out
    assert main(["transcripts", "purge", "--older-than", "7d"]) == 0
    assert "conversations: 6" in capsys.readouterr().out
    assert main(["transcripts", "purge", "--older-than", "soon"]) == 2
    assert "not a duration" in capsys.readouterr().err


def test_desk_decisions_and_deliveries_follow_the_same_rules_and_undelivered_entries_stay(
    database_url: str,
) -> None:
    def entry(event_id: str, reference: str, status: str, at: datetime) -> OutboxRow:
        return OutboxRow(
            event_id=event_id,
            channel="webhook",
            report_reference=reference,
            event="report.decided",
            payload={},
            status=status,
            attempts=1,
            created_at=at,
            version=1,
        )

    add(
        database_url,
        [user()],
        [
            ReportRow(
                reference="WEB-SENT",
                conversation_id="x",
                kind="crime",
                fields={},
                created_at=BEFORE,
                status="decided",
                outcome="crime_recorded",
                decided_at=BEFORE,
            ),
            ReportRow(reference="WEB-DEAD", conversation_id="y", kind="crime", fields={}, created_at=BEFORE),
            ReportRow(reference="WEB-KEEP", conversation_id="z", kind="crime", fields={}, created_at=AFTER),
        ],
        [
            ReportHistoryRow(reference="WEB-SENT", at=BEFORE, action="decided", detail={}),
            ReportHistoryRow(reference="WEB-DEAD", at=BEFORE, action="submitted", detail={}),
            ReportHistoryRow(reference="WEB-KEEP", at=AFTER, action="submitted", detail={}),
            entry("sent-old", "WEB-SENT", "sent", BEFORE),
            entry("dead-old", "WEB-DEAD", "dead", BEFORE),
            entry("pending-old", "WEB-DEAD", "pending", BEFORE),
            entry("sent-new", "WEB-KEEP", "sent", AFTER),
        ],
    )
    add(database_url, [DeliveryAttemptRow(outbox_id=1, at=BEFORE, ok=True, result="200", duration_ms=5)])
    result = asyncio.run(purge_database(database_url, cutoff=CUTOFF, now=NOW))
    assert (result.reports, result.report_history, result.deliveries, result.delivery_attempts) == (
        1,
        1,
        1,
        1,
    )
    assert result.undelivered_kept == 2
    assert ids(database_url, ReportRow.reference) == ["WEB-DEAD", "WEB-KEEP"]
    assert ids(database_url, OutboxRow.event_id) == ["dead-old", "pending-old", "sent-new"]
    assert ids(database_url, ReportHistoryRow.reference) == ["WEB-DEAD", "WEB-KEEP"]
