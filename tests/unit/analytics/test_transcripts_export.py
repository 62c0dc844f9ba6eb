"""``triage transcripts export``: columns, redaction with the conversation's values, the outcome rule,
filters, CSV quoting — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from analytics.transcripts import (
    ABANDONED,
    COLUMNS,
    EMERGENCY,
    HANDED_OFF,
    IN_PROGRESS,
    REPORT_SUBMITTED,
    ConversationFacts,
    ExportRow,
    conversation_outcome,
    export_transcripts,
    parse_duration,
    parse_since,
)
from handoff.adapters.orm import AssignmentRow, IntentCorrectionRow, ReportRow
from handoff.cli import main
from tests.support.databases import fresh_database
from tests.unit.analytics.transcript_data import NOW, add, conversation, message, user


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


TRICKY = 'he said "stop, now", then\nleft'
FORMULA = '=HYPERLINK("http://x")'


def seed(url: str, now: datetime = NOW) -> None:
    hours = lambda n: now - timedelta(hours=n)  # noqa: E731
    add(
        url,
        [user()],
        [
            conversation(
                "c-report",
                hours(48),
                report_reference="WEB-7K3D-9QX2",
                collected={
                    "contact_name": {"label": "Your name", "display": "Priya Patel"},
                    "crime_location": {"label": "Where", "display": "outside the co-op on Mill Road"},
                    "crime_description": {"label": "What happened", "display": "my bike was stolen"},
                },
            ),
            conversation(
                "c-emergency",
                hours(24),
                status="queued",
                emergency=True,
                priority=0,
                reason="emergency",
                queued_at=hours(24),
            ),
            conversation(
                "c-agent",
                hours(20),
                status="agent",
                priority=3,
                reason="request_human",
                queued_at=hours(20),
                agent_id=1,
                claimed_at=hours(19),
            ),
            conversation(
                "c-left",
                hours(30),
                status="closed",
                outcome="abandoned",
                priority=3,
                reason="request_human",
                queued_at=hours(30),
                agent_id=1,
                claimed_at=hours(30),
                closed_at=hours(29),
            ),
            conversation("c-returned", hours(4)),
            conversation("c-idle", hours(3)),
            conversation("c-live", hours(1)),
            conversation("c-old", hours(24 * 10)),
        ],
        [
            ReportRow(
                reference="WEB-7K3D-9QX2",
                conversation_id="c-report",
                kind="crime",
                fields={
                    "contact_details": {
                        "label": "Contact",
                        "value": {"kind": "email", "value": "priya@example.com"},
                        "display": "priya@example.com",
                    }
                },
                created_at=hours(47),
            ),
            AssignmentRow(conversation_id="c-returned", agent_id=1, claimed_at=hours(4), ended_at=hours(3.5)),
            message(
                "c-report",
                hours(48),
                "my bike was stolen outside the co-op on mill road",
                intent="report_crime",
                confidence=0.93,
            ),
            message("c-report", hours(48), "What happened?", sender="bot"),
            message("c-report", hours(47.9), "Priya Patel", intent="inform", confidence=0.61),
            message(
                "c-report", hours(47.8), "priya@example.com or 07700 900123", intent="inform", confidence=0.55
            ),
            message(
                "c-emergency",
                hours(24),
                "someone is breaking in right now",
                intent="emergency",
                confidence=1.0,
            ),
            message("c-emergency", hours(24), "Call 999 now.", sender="system"),
            message("c-agent", hours(20), "can I talk to a person", intent="request_human", confidence=0.88),
            message("c-agent", hours(19), "Hello, I'm Jo", sender="agent"),
            message("c-left", hours(30), "hello?", intent="greet", confidence=0.4),
            message("c-returned", hours(3.5), "thanks", intent="thank", confidence=0.97),
            message(
                "c-idle",
                hours(3),
                "how many points for speeding",
                intent="ask_speed_camera/penalty",
                confidence=0.66,
            ),
            message(
                "c-live", hours(0.5), "what's a nip", intent="ask_speed_camera/nip_deadline", confidence=0.7
            ),
            message("c-live", hours(0.2), TRICKY),
            message("c-live", hours(0.1), FORMULA, intent="out_of_scope", confidence=0.3),
            message("c-old", hours(24 * 10), "an old message", intent="report_crime", confidence=0.2),
        ],
    )


def export(url: str, out: Path, **options: object) -> list[dict[str, str]]:
    since = options.pop("since", NOW - timedelta(days=7))
    count = asyncio.run(export_transcripts(url, out, since=since, now=NOW, **options))  # type: ignore[arg-type]
    with out.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows)
    return rows


def test_one_row_per_citizen_message_with_the_columns(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    out = tmp_path / "review.csv"
    rows = export(database_url, out)
    with out.open(newline="", encoding="utf-8-sig") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets need the BOM for UTF-8
    assert len(rows) == 11  # citizen messages in the last 7 days; bot, agent and system left out
    assert [r["created_at"] for r in rows] == sorted(r["created_at"] for r in rows)
    first = rows[0]
    assert first["conversation_id"] == "c-report"
    assert first["created_at"] == "2026-11-26T12:00:00Z"
    assert first["predicted_intent"] == "report_crime"
    assert first["confidence"] == "0.930"
    assert first["corrected_intent"] == ""
    assert int(first["message_id"]) > 0
    assert "an old message" not in {r["text"] for r in rows}
    assert not [r for r in rows if r["text"] in ("What happened?", "Call 999 now.", "Hello, I'm Jo")]


def test_text_is_redacted_with_the_conversations_values(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    texts = [
        r["text"] for r in export(database_url, tmp_path / "review.csv") if r["conversation_id"] == "c-report"
    ]
    assert texts == ["my bike was stolen [ADDRESS]", "[NAME]", "[EMAIL] or [PHONE]"]


def test_conversation_outcomes(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    outcomes = {
        r["conversation_id"]: r["conversation_outcome"] for r in export(database_url, tmp_path / "r.csv")
    }
    assert outcomes == {
        "c-report": REPORT_SUBMITTED,
        "c-emergency": EMERGENCY,
        "c-agent": HANDED_OFF,
        "c-left": ABANDONED,
        "c-returned": HANDED_OFF,
        "c-idle": ABANDONED,
        "c-live": IN_PROGRESS,
    }


def test_max_confidence_includes_the_limit_and_drops_unclassified(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    rows = export(database_url, tmp_path / "r.csv", max_confidence=0.7)
    assert sorted(float(r["confidence"]) for r in rows) == [0.3, 0.4, 0.55, 0.61, 0.66, 0.7]
    assert TRICKY not in {r["text"] for r in rows}


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("ask_speed_camera", ["ask_speed_camera/penalty", "ask_speed_camera/nip_deadline"]),
        ("ask_speed_camera/penalty", ["ask_speed_camera/penalty"]),
        ("inform", ["inform", "inform"]),
        ("emergency", ["emergency"]),
        ("stop", []),
    ],
)
def test_intent_filter(database_url: str, tmp_path: Path, intent: str, expected: list[str]) -> None:
    seed(database_url)
    assert [
        r["predicted_intent"] for r in export(database_url, tmp_path / "r.csv", intent=intent)
    ] == expected


def test_filters_combine(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    rows = export(database_url, tmp_path / "r.csv", intent="ask_speed_camera", max_confidence=0.68)
    assert [(r["predicted_intent"], r["confidence"]) for r in rows] == [("ask_speed_camera/penalty", "0.660")]
    since = NOW - timedelta(hours=4)
    rows = export(database_url, tmp_path / "r.csv", since=since, max_confidence=0.5)
    assert [r["text"] for r in rows] == ["'" + FORMULA]


def test_since_an_iso_date(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    rows = export(database_url, tmp_path / "r.csv", since=parse_since("2026-11-27", NOW))
    assert {r["conversation_id"] for r in rows} == {
        "c-emergency",
        "c-agent",
        "c-left",
        "c-returned",
        "c-idle",
        "c-live",
    }


def test_csv_quoting_and_formula_guard(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    rows = export(database_url, tmp_path / "r.csv", since=NOW - timedelta(hours=1))
    assert [r["text"] for r in rows] == ["what's a nip", TRICKY, "'" + FORMULA]
    assert rows[1]["predicted_intent"] == "" and rows[1]["confidence"] == ""


def test_corrections_from_the_review_queue(database_url: str, tmp_path: Path) -> None:
    seed(database_url)
    first = export(database_url, tmp_path / "r.csv")[0]
    add(
        database_url,
        [
            IntentCorrectionRow(
                message_id=int(first["message_id"]), corrected_intent="report_crime", user_id=1, at=NOW
            )
        ],
    )
    assert export(database_url, tmp_path / "r.csv")[0]["corrected_intent"] == ""
    assert (
        export(database_url, tmp_path / "r.csv", with_corrections=True)[0]["corrected_intent"]
        == "report_crime"
    )


def test_empty_database_writes_the_header(database_url: str, tmp_path: Path) -> None:
    assert export(database_url, tmp_path / "r.csv") == []
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").strip() == ",".join(COLUMNS)


def test_the_command(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(database_url, now=datetime.now(UTC))
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "review.csv"
    argv = [
        "transcripts",
        "export",
        "--since",
        "7d",
        "--max-confidence",
        "0.7",
        "--intent",
        "inform",
        "--out",
    ]
    assert main([*argv, str(out)]) == 0
    assert "wrote 2 citizen message(s)" in capsys.readouterr().out
    with out.open(newline="", encoding="utf-8-sig") as handle:
        assert [r["text"] for r in csv.DictReader(handle)] == ["[NAME]", "[EMAIL] or [PHONE]"]
    assert main(["transcripts", "export", "--since", "last tuesday", "--out", str(out)]) == 2
    assert "neither a duration" in capsys.readouterr().err
    assert main(["transcripts", "export", "--intent", "report_crim", "--out", str(out)]) == 2
    assert "unknown intent" in capsys.readouterr().err


# --- pure parts ----------------------------------------------------------------------------------

HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            ConversationFacts(status="closed", emergency=True, report_reference="WEB-1", outcome="abandoned"),
            EMERGENCY,
        ),
        (ConversationFacts(status="bot", report_reference="WEB-1"), REPORT_SUBMITTED),
        (ConversationFacts(status="agent", has_report=True), REPORT_SUBMITTED),
        (ConversationFacts(status="closed", outcome="abandoned", agent_id=1), ABANDONED),
        (ConversationFacts(status="closed", outcome="resolved", agent_id=1), HANDED_OFF),
        (ConversationFacts(status="queued", reason="request_human", last_activity=NOW), HANDED_OFF),
        (ConversationFacts(status="agent", agent_id=1, last_activity=NOW), HANDED_OFF),
        (ConversationFacts(status="bot", has_assignment=True, last_activity=NOW - 5 * HOUR), HANDED_OFF),
        (ConversationFacts(status="bot", last_activity=NOW - HOUR), ABANDONED),  # exactly the limit
        (ConversationFacts(status="bot", last_activity=NOW - HOUR + timedelta(seconds=1)), IN_PROGRESS),
        (ConversationFacts(status="bot", last_activity=None), ABANDONED),
    ],
)
def test_outcome_rule(facts: ConversationFacts, expected: str) -> None:
    assert conversation_outcome(facts, NOW) == expected


def test_abandoned_after_is_configurable() -> None:
    facts = ConversationFacts(status="bot", last_activity=NOW - 3 * HOUR)
    assert conversation_outcome(facts, NOW, abandoned_after=4 * HOUR) == IN_PROGRESS
    assert conversation_outcome(facts, NOW, abandoned_after=2 * HOUR) == ABANDONED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", NOW - timedelta(days=7)),
        ("12h", NOW - timedelta(hours=12)),
        ("2w", NOW - timedelta(weeks=2)),
        (" 30 days ", NOW - timedelta(days=30)),
        ("2026-11-01", datetime(2026, 11, 1, tzinfo=UTC)),
        ("2026-11-01T09:30", datetime(2026, 11, 1, 9, 30, tzinfo=UTC)),
        ("2026-11-01T09:30+01:00", datetime(2026, 11, 1, 8, 30, tzinfo=UTC)),
    ],
)
def test_parse_since(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW) == expected


@pytest.mark.parametrize("text", ["", "7", "d7", "7 months", "yesterday", "2026-13-01", "-3d"])
def test_parse_since_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_since(text, NOW)


def test_parse_duration() -> None:
    assert parse_duration("90d") == timedelta(days=90)
    with pytest.raises(ValueError):
        parse_duration("2026-01-01")


def test_export_row_fields_are_the_columns() -> None:
    assert tuple(ExportRow.__dataclass_fields__) == COLUMNS


def test_export_and_import_are_audited_and_share_the_review_state(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    from sqlalchemy import select

    from analytics import review
    from handoff.adapters.database import create_engine, session_factory
    from handoff.adapters.orm import AuditRow

    seed(database_url, now=datetime.now(UTC))
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "review.csv"
    assert main(["transcripts", "export", "--since", "7d", "--by", "ana", "--out", str(out)]) == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    with out.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["corrected_intent"] = "report_crime"
    with out.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    nlu = tmp_path / "data" / "nlu"
    nlu.mkdir(parents=True)
    argv = [
        "nlu",
        "import",
        str(out),
        "--out",
        str(nlu / "reviewed.yml"),
        "--nlu-dir",
        str(nlu),
        "--by",
        "bo",
    ]
    assert main([*argv, "--held-out-dir", str(tmp_path / "none")]) == 0
    assert "recorded 1 correction(s) in the review queue; import audited as bo" in capsys.readouterr().out

    async def state() -> tuple[list[tuple[str, str]], dict[int, list[dict[str, object]]]]:
        engine = create_engine(database_url)
        async with session_factory(engine)() as session:
            audit = [(a.action, str(a.detail["by"])) for a in (await session.scalars(select(AuditRow))).all()]
            history = await review.histories(session, [int(rows[0]["message_id"])])
        await engine.dispose()
        return audit, history

    audit, history = asyncio.run(state())
    assert ("transcripts_export", "ana") in audit and ("nlu_import", "bo") in audit
    [entry] = history[int(rows[0]["message_id"])]
    assert (entry["to"], entry["by"], entry["source"]) == ("report_crime", "bo", "csv")


def test_export_without_the_database_is_a_clear_error_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    assert main(["transcripts", "export", "--out", str(tmp_path / "r.csv")]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "r.csv").exists()
