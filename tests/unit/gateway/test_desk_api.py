"""The reports desk through the real gateway (SQLite and PostgreSQL) with a fake assistant:
intake from the chat, the desk's list and detail, claims under a race, decisions, the signed
webhook through a real HTTP receiver, the receipt email through a real SMTP server, and the
citizen's follow-up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import AuditRow, OutboxRow, ReportRow
from handoff.domain.thrive import THRIVE_ITEMS
from handoff.service.followup import ASK_CONTACT, NOT_FOUND, TOO_MANY
from tests.support.fakes import channel_reply
from tests.support.receivers import smtp_server, webhook_receiver
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user

SECRET = "a-webhook-secret-of-some-length"
LOW = dict.fromkeys(THRIVE_ITEMS, "low")
FIELDS = {
    "crime_description": {
        "label": "What happened",
        "value": "bike stolen from the rack",
        "display": "bike stolen from the rack",
    },
    "crime_location": {"label": "Where", "value": "Station Road", "display": "Station Road"},
    "contact_name": {"label": "Your name", "value": "Sam Smith", "display": "Sam Smith"},
    "contact_details": {
        "label": "Contact",
        "value": {"kind": "phone", "value": "+447700900123"},
        "display": "07700 900123",
    },
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def submit(gw: Gateway, http: httpx.AsyncClient, reference: str, **kw: Any) -> Citizen:
    citizen = await Citizen.start(http)
    gw.assistant.queue(
        channel_reply(
            f"Thank you, your receipt reference is {reference}.",
            intent="affirm",
            report=reference,
            report_fields=kw.pop("fields", FIELDS),
            **kw,
        )
    )
    reply = await citizen.say("yes send it")
    assert reply["state"]["report_reference"] == reference
    return citizen


async def desk_user(gw: Gateway, http: httpx.AsyncClient, name: str = "dee", role: str = "desk") -> Agent:
    await add_user(gw.settings, name, role)
    return await Agent.login(http, name, PASSWORD)


async def rows(url: str, model: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return list((await session.execute(select(model))).scalars())
    finally:
        await engine.dispose()


async def wait_for(check: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_report_from_the_chat_is_on_the_desk_with_every_field(gateway_factory: Any) -> None:
    clock = Clock()
    gw: Gateway = await gateway_factory(clock=clock)
    async with gw.client() as http:
        citizen = await submit(gw, http, "WEB-ABCD-2345")
        risky = await submit(
            gw, http, "WEB-RSKY-2345", fields={**FIELDS, "crime_offender_known": {"value": True}}
        )
        dee = await desk_user(gw, http)
        listing = (await http.get("/api/desk/reports")).json()["reports"]
        assert [r["reference"] for r in listing] == ["WEB-RSKY-2345", "WEB-ABCD-2345"]  # risk first
        first = listing[1]
        assert first == {
            "reference": "WEB-ABCD-2345",
            "kind": "crime",
            "status": "new",
            "submitted_at": "2026-12-04T09:00:00Z",
            "due_at": "2026-12-05T09:00:00Z",
            "overdue": False,
            "priority": 2,
            "risk_flags": [],
            "summary": "bike stolen from the rack",
            "claimed_by": None,
            "outcome": None,
        }
        detail = (await http.get("/api/desk/reports/WEB-ABCD-2345")).json()
        assert {f["slot"]: f["display"] for f in detail["report"]["fields"]} == {
            slot: entry["display"] for slot, entry in FIELDS.items()
        }
        assert [m["text"] for m in detail["messages"]][-2:] == [
            "yes send it",
            "Thank you, your receipt reference is WEB-ABCD-2345.",
        ]
        assert detail["report"]["conversation_id"] == citizen.conversation_id
        assert detail["triage"]["intent"] == "affirm"
        assert detail["history"][0]["action"] == "submitted"
        assert risky.conversation_id != citizen.conversation_id
        # The 24-hour clock, by the gateway's injected clock.
        clock.now += timedelta(hours=24)
        await Agent.login(http, "dee", PASSWORD)  # the session (12 h) ended meanwhile
        overdue = {
            r["reference"]: r["overdue"] for r in (await http.get("/api/desk/reports")).json()["reports"]
        }
        assert overdue == {"WEB-RSKY-2345": True, "WEB-ABCD-2345": True}
        figures = (await http.get("/api/desk/figures")).json()
        assert figures["open"] == 2 and figures["overdue"] == 2 and figures["open_by_kind"]["crime"] == 2
        assert (await http.get("/api/desk/reports?kind=collision")).json()["reports"] == []
        assert (await http.get("/api/desk/reports?status=nonsense")).status_code == 422
        assert (await http.get("/api/desk/reports/WEB-N8NE-2345")).status_code == 404
        assert dee.user["role"] == "desk"
    audit = [a.action for a in await rows(gw.settings.database_url, AuditRow)]
    assert "desk_view" in audit


async def test_who_may_use_the_desk(gateway: Gateway) -> None:
    async with gateway.client() as http:
        await submit(gateway, http, "WEB-ABCD-2345")
        await add_user(gateway.settings, "jo", "agent")
        await Agent.login(http, "jo", PASSWORD)
        assert (await http.get("/api/desk/reports")).status_code == 403
    async with gateway.client() as http:
        await add_user(gateway.settings, "sue", "supervisor")
        await Agent.login(http, "sue", PASSWORD)
        assert (await http.get("/api/desk/reports")).status_code == 200
        overview = (await http.get("/api/supervisor/overview")).json()
        assert overview["desk"]["open"] == 1
    async with gateway.client() as http:
        assert (await http.get("/api/desk/reports")).status_code == 401
        dee = await desk_user(gateway, http)
        no_csrf = await http.post("/api/desk/reports/WEB-ABCD-2345/claim")
        assert no_csrf.status_code == 403
        assert (await dee.post("/api/desk/reports/WEB-ABCD-2345/claim")).status_code == 200
        # Desk staff do not take live chats.
        assert (await http.get("/api/agent/queue")).status_code == 403


async def test_two_desk_users_claim_at_once_and_exactly_one_wins(gateway: Gateway) -> None:
    async with gateway.client() as setup:
        await submit(gateway, setup, "WEB-ABCD-2345")
    async with gateway.client() as a_http, gateway.client() as b_http:
        a = await desk_user(gateway, a_http, "ann")
        b = await desk_user(gateway, b_http, "bob")
        for _ in range(3):
            first, second = await asyncio.gather(
                a.post("/api/desk/reports/WEB-ABCD-2345/claim"),
                b.post("/api/desk/reports/WEB-ABCD-2345/claim"),
            )
            if {first.status_code, second.status_code} == {200, 409}:
                break
            # The same person claiming twice is 200: release and race again.
        assert sorted([first.status_code, second.status_code]) == [200, 409]
        loser = first if first.status_code == 409 else second
        assert "someone else" in loser.json()["error"]
        winner = a if first.status_code == 200 else b
        listing = (await a_http.get("/api/desk/reports")).json()["reports"]
        assert listing[0]["status"] == "claimed"
        assert listing[0]["claimed_by"] == winner.user["display_name"]


async def test_decisions_are_checked_and_final(gateway: Gateway) -> None:
    async with gateway.client() as http:
        await submit(gateway, http, "WEB-ABCD-2345")
        dee = await desk_user(gateway, http)
        url = "/api/desk/reports/WEB-ABCD-2345/decision"
        missing = await dee.post(url, {"outcome": "crime_recorded", "thrive": LOW})
        assert missing.status_code == 422 and missing.json()["field"] == "crime_reference"
        bad = await dee.post(
            url, {"outcome": "crime_recorded", "crime_reference": "CR1", "thrive": {**LOW, "harm": "x"}}
        )
        assert bad.status_code == 422 and bad.json()["field"] == "thrive.harm"
        assert (await dee.post(url, {"outcome": "lost", "thrive": LOW})).json()["field"] == "outcome"
        ok = await dee.post(
            url, {"outcome": "crime_recorded", "crime_reference": "CR/0042/26", "thrive": LOW, "note": "CCTV"}
        )
        assert ok.status_code == 200 and ok.json()["report"]["status"] == "decided"
        again = await dee.post(url, {"outcome": "no_further_action", "thrive": LOW})
        assert again.status_code == 409
        assert (await dee.post("/api/desk/reports/WEB-ABCD-2345/claim")).status_code == 409
        detail = (await http.get("/api/desk/reports/WEB-ABCD-2345")).json()
        assert detail["report"]["decision"]["crime_reference"] == "CR/0042/26"
        assert [h["action"] for h in detail["history"]] == ["submitted", "claimed", "decided"]
        assert (await http.get("/api/desk/reports?status=decided")).json()["reports"][0][
            "outcome"
        ] == "crime_recorded"
        assert (await http.get("/api/desk/reports")).json()["reports"] == []
    # The analysts' dashboard: decisions per day by outcome and the time to decide.
    async with gateway.client() as http:
        await add_user(gateway.settings, "ana", "analyst")
        await Agent.login(http, "ana", PASSWORD)
        board = (await http.get("/api/analyst/dashboard?days=2")).json()
        assert board["desk"]["decided"] == 1 and board["desk"]["outcomes"] == ["crime_recorded"]
        assert board["desk"]["within_24_hours"] == 1
        for name in ("desk-outcomes", "desk-decision-time"):
            chart = await http.get(f"/api/analyst/charts/{name}.png?days=2")
            assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


async def test_events_reach_a_receiver_that_fails_three_times_signed_once_each_in_order(
    gateway_factory: Any,
) -> None:
    with webhook_receiver(SECRET, fail_first=3) as receiver:
        gw: Gateway = await gateway_factory(
            report_webhook_url=receiver.url,
            report_webhook_secret=SECRET,
            outbox_backoff_seconds=0.05,
            outbox_backoff_cap_seconds=0.2,
            outbox_poll_seconds=0.05,
        )
        async with gw.client() as http:
            await submit(gw, http, "WEB-ABCD-2345")
            dee = await desk_user(gw, http)
            decided = await dee.post(
                "/api/desk/reports/WEB-ABCD-2345/decision",
                {"outcome": "crime_recorded", "crime_reference": "CR/0042/26", "thrive": LOW},
            )
            assert decided.status_code == 200
            await wait_for(lambda: len(receiver.accepted) == 2)
            detail = (await http.get("/api/desk/reports/WEB-ABCD-2345")).json()
        events = receiver.events()
        assert [e["event"] for e in events] == ["report.submitted", "report.decided"]
        assert all(r.valid_signature for r in receiver.requests)
        assert [r.status for r in receiver.requests] == [503, 503, 503, 200, 200]
        assert events[1]["report"]["decision"]["crime_reference"] == "CR/0042/26"
        assert events[0]["report"]["fields"]["crime_location"]["value"] == "Station Road"
        assert set(events[0]) == {"id", "event", "occurred_at", "report"}
        assert [r.headers["idempotency-key"] for r in receiver.requests[2:4]] == [events[0]["id"]] * 2
        deliveries = detail["deliveries"]
        assert [(d["event"], d["status"], d["attempts"]) for d in deliveries] == [
            ("report.submitted", "sent", 4),
            ("report.decided", "sent", 1),
        ]
        assert [a["result"] for a in deliveries[0]["history"]] == ["503", "503", "503", "200"]


async def test_dead_letters_are_shown_and_delivered_again(gateway_factory: Any) -> None:
    with webhook_receiver(SECRET, down=True) as receiver:
        gw: Gateway = await gateway_factory(
            report_webhook_url=receiver.url,
            report_webhook_secret=SECRET,
            report_webhook_max_attempts=2,
            outbox_backoff_seconds=0.05,
            outbox_backoff_cap_seconds=0.1,
            outbox_poll_seconds=0.05,
        )
        async with gw.client() as http:
            await submit(gw, http, "WEB-ABCD-2345")
            await wait_for(lambda: len(receiver.requests) == 2)
            sue = await desk_user(gw, http, "sue", "supervisor")
            await wait_for(lambda: True)
            for _ in range(100):
                dead = (await http.get("/api/desk/dead-letters")).json()["deliveries"]
                if dead:
                    break
                await asyncio.sleep(0.05)
            assert [(d["reference"], d["status"], d["attempts"]) for d in dead] == [
                ("WEB-ABCD-2345", "dead", 2)
            ]
            receiver.come_back()
            again = await sue.post(f"/api/desk/deliveries/{dead[0]['id']}/redeliver")
            assert again.status_code == 200
            await wait_for(lambda: len(receiver.accepted) == 1)
            assert (await http.get("/api/desk/dead-letters")).json()["deliveries"] == []
        async with gw.client() as http:
            await desk_user(gw, http)
            assert (await http.get("/api/desk/dead-letters")).status_code == 403  # supervisors and admins


async def test_the_receipt_by_email_reaches_a_real_smtp_server(gateway_factory: Any) -> None:
    with smtp_server() as mailbox:
        gw: Gateway = await gateway_factory(smtp_url=mailbox.url, outbox_poll_seconds=0.05)
        emailed = {
            **FIELDS,
            "contact_details": {
                "label": "Contact",
                "value": {"kind": "email", "value": "sam@example.com"},
                "display": "sam@example.com",
            },
        }
        async with gw.client() as http:
            await submit(gw, http, "WEB-MA7K-2345", fields=emailed)
            await submit(gw, http, "WEB-PH8N-2345")  # a phone number: no email
            await wait_for(lambda: len(mailbox.messages) == 1)
        [message] = mailbox.messages
        assert message["To"] == "sam@example.com"
        body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
        assert "WEB-MA7K-2345" in body and "not a crime reference number" in body
        assert "bike" not in body and "Station Road" not in body  # never the report's content
    entries = await rows(gw.settings.database_url, OutboxRow)
    assert [(e.channel, e.status) for e in entries] == [("email", "sent")]


async def test_the_citizen_follows_up_in_the_chat(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await submit(gateway, http, "WEB-ABCD-2345")
        sent_before = len(gateway.assistant.sent)
        asked = await citizen.say("hi what's happening with my report web-abcd-2345?")
        assert [m["text"] for m in asked["messages"]] == [ASK_CONTACT.format(reference="WEB-ABCD-2345")]
        wrong = await citizen.say("07700 900999")
        assert [m["text"] for m in wrong["messages"]] == [NOT_FOUND]
        await citizen.say("WEB-ZZZZ-9999")
        unknown = await citizen.say("07700 900123")
        assert [m["text"] for m in unknown["messages"]] == [NOT_FOUND]  # same answer: no enumeration
        await citizen.say("WEB-ABCD-2345")
        right = await citizen.say("its 07700 900123")
        assert "has been received" in right["messages"][0]["text"]
        # The button on the receipt message does the same.
        pressed = await citizen.press('/report_status{"reference":"WEB-ABCD-2345"}')
        assert pressed["messages"][0]["text"] == ASK_CONTACT.format(reference="WEB-ABCD-2345")
        dee = await desk_user(gateway, http)
        await dee.post(
            "/api/desk/reports/WEB-ABCD-2345/decision",
            {"outcome": "crime_recorded", "crime_reference": "CR/0042/26", "thrive": LOW},
        )
        recorded = await citizen.say("+44 7700 900123")
        assert "recorded as a crime" in recorded["messages"][0]["text"]
        assert "CR/0042/26" in recorded["messages"][0]["text"]
        assert len(gateway.assistant.sent) == sent_before  # the assistant never saw any of it
        sent_before = len(gateway.assistant.sent)
        # Something that is not a contact drops the question: it goes to the assistant.
        await citizen.say("WEB-ABCD-2345")
        await citizen.say("actually I want to report something else")
        assert gateway.assistant.sent[-1][1] == "actually I want to report something else"
        # Nothing else is intercepted: the next message goes to the assistant.
        await citizen.say("thanks")
        assert gateway.assistant.sent[-1][1] == "thanks"


async def test_at_most_five_tries_an_hour(gateway_factory: Any) -> None:
    clock = Clock()
    gw: Gateway = await gateway_factory(clock=clock)
    async with gw.client() as http:
        citizen = await submit(gw, http, "WEB-ABCD-2345")
        for n in range(5):
            await citizen.say("WEB-ABCD-2345")
            assert (await citizen.say(f"07700 90000{n}"))["messages"][0]["text"] == NOT_FOUND
        blocked = await citizen.say("WEB-ABCD-2345")
        assert blocked["messages"][0]["text"] == TOO_MANY
        clock.now += timedelta(hours=1, seconds=1)
        await citizen.say("WEB-ABCD-2345")
        assert "has been received" in (await citizen.say("07700 900123"))["messages"][0]["text"]


async def test_an_emergency_during_a_follow_up_is_never_taken_as_a_contact(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await submit(gateway, http, "WEB-ABCD-2345")
        await citizen.say("WEB-ABCD-2345")
        gateway.assistant.queue(channel_reply("Call 999 now.", intent="emergency", emergency=True))
        reply = await citizen.say("he's back and he's got a knife")
        assert reply["state"]["emergency"] is True


@pytest.mark.parametrize("kind", ["collision", "community_info"])
async def test_kinds_on_the_desk(gateway: Gateway, kind: str) -> None:
    async with gateway.client() as http:
        await submit(gateway, http, "WEB-K7ND-2345", report_kind=kind, fields={})
        await desk_user(gateway, http)
        desk_kind = "community" if kind == "community_info" else kind
        listing = (await http.get(f"/api/desk/reports?kind={desk_kind}")).json()["reports"]
        assert [(r["reference"], r["kind"]) for r in listing] == [("WEB-K7ND-2345", desk_kind)]
    [row] = await rows(gateway.settings.database_url, ReportRow)
    assert row.kind == kind
