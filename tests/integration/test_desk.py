"""The reports desk on the real stack (Rasa with the served model, the action server, the gateway;
SQLite and PostgreSQL): a crime report made in the public chat reaches the desk with every field,
two desk users race for it, the decision and the report reach a real HTTP receiver that fails the
first three attempts, the receipt reaches a real SMTP server (aiosmtpd), the citizen's follow-up
shows the crime reference, and a gateway killed between the report and its delivery delivers
after its restart."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from handoff.domain.thrive import THRIVE_ITEMS
from tests.support.receivers import Mailbox, WebhookReceiver, smtp_server, webhook_receiver
from tests.support.scripts import CRIME_ANSWERS, answer_for
from tests.support.server import Agent, Citizen
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.integration

SECRET = "integration-webhook-secret-0123456789"
EMAIL = "jo.bloggs@example.com"
LOW = dict.fromkeys(THRIVE_ITEMS, "low")
FIGURES: list[str] = []

FAST_RETRIES = {
    "REPORT_WEBHOOK_SECRET": SECRET,
    "REPORT_WEBHOOK_BACKOFF_SECONDS": "0.2",
    "REPORT_WEBHOOK_BACKOFF_CAP_SECONDS": "1",
    "OUTBOX_POLL_SECONDS": "0.1",
}
DESK_ENV = ("REPORT_WEBHOOK_URL", "SMTP_URL", *FAST_RETRIES)


async def wait_for(check: Callable[[], bool], seconds: float = 60) -> float:
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "timed out"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


@pytest.fixture
def delivery(stack: Stack) -> Iterator[tuple[Stack, WebhookReceiver, Mailbox]]:
    """The stack's gateway restarted to deliver to a receiver and a mail server of this test."""
    with webhook_receiver(SECRET, fail_first=3) as receiver, smtp_server() as mailbox:
        stack.restart_gateway({"REPORT_WEBHOOK_URL": receiver.url, "SMTP_URL": mailbox.url, **FAST_RETRIES})
        try:
            yield stack, receiver, mailbox
        finally:
            stack.restart_gateway(dict.fromkeys(DESK_ENV))


async def login(stack: Stack, http: httpx.AsyncClient, name: str, role: str = "desk") -> Agent:
    stack.add_user(name, role)
    return await Agent.login(http, name, PASSWORD)


def with_email() -> list[tuple[str, str]]:
    return [(q, EMAIL if q == "phone number or email" else a) for q, a in CRIME_ANSWERS]


async def report(citizen: Citizen) -> str:
    """A crime reported in the chat, answering every question as a citizen would (with an email)."""
    answers = with_email()
    reply = await citizen.say("someone stole my bike from outside the library last night")
    for _ in range(20):
        reference = reply["state"]["report_reference"]
        if reference:
            receipt = next(m for m in reply["messages"] if reference in m["text"])
            assert [b["title"] for b in receipt["buttons"]] == ["Check on this report"]
            return str(reference)
        question = " ".join(m["text"] for m in reply["messages"])
        step = answer_for(question, answers)
        assert step is not None, f"unexpected question: {question!r}"
        reply = await (citizen.press(step.send) if step.is_payload else citizen.say(step.send))
    raise AssertionError("no receipt after 20 turns")


async def test_a_report_goes_from_the_chat_to_the_desk_to_the_force_and_back_to_the_citizen(
    delivery: tuple[Stack, WebhookReceiver, Mailbox],
) -> None:
    stack, receiver, mailbox = delivery
    tag = f"{stack.backend[:2]}{int(time.time()) % 100000}"
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as a_http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as b_http,
    ):
        citizen = await Citizen.start(http)
        reference = await report(citizen)
        submitted_at = time.monotonic()

        # On the desk with every field the citizen gave.
        ann = await login(stack, a_http, f"ann{tag}")
        bob = await login(stack, b_http, f"bob{tag}")
        listing = (await a_http.get("/api/desk/reports")).json()["reports"]
        mine = next(r for r in listing if r["reference"] == reference)
        assert mine["kind"] == "crime" and mine["status"] == "new" and mine["overdue"] is False
        detail = (await a_http.get(f"/api/desk/reports/{reference}")).json()
        fields = {f["slot"]: f["display"] for f in detail["report"]["fields"]}
        assert set(fields) >= {
            "crime_description",
            "crime_when",
            "crime_location",
            "contact_name",
            "contact_details",
        }
        assert fields["contact_details"] == EMAIL
        assert detail["messages"][1]["text"] == "someone stole my bike from outside the library last night"

        # Two desk users claim at once: exactly one wins.
        first, second = await asyncio.gather(
            ann.post(f"/api/desk/reports/{reference}/claim"), bob.post(f"/api/desk/reports/{reference}/claim")
        )
        assert sorted([first.status_code, second.status_code]) == [200, 409]
        winner = ann if first.status_code == 200 else bob
        decided = await winner.post(
            f"/api/desk/reports/{reference}/decision",
            {
                "outcome": "crime_recorded",
                "crime_reference": "CR/7001/26",
                "thrive": LOW,
                "note": "CCTV to check",
            },
        )
        assert decided.status_code == 200, decided.text

        # Both events reach the receiver, which failed the first three attempts: exactly one
        # accepted delivery per event, valid signatures, in order.
        took = await wait_for(lambda: len(receiver.accepted) >= 2)
        events = [e for e in receiver.events() if e["report"]["reference"] == reference]
        assert [e["event"] for e in events] == ["report.submitted", "report.decided"]
        assert events[1]["report"]["decision"]["crime_reference"] == "CR/7001/26"
        assert all(r.valid_signature for r in receiver.requests)
        assert [r.status for r in receiver.requests[:3]] == [503, 503, 503]
        assert len(receiver.accepted) == 2
        FIGURES.append(
            f"{stack.backend}: {len(receiver.accepted)} events, {len(receiver.requests)} attempts, "
            f"delivered {time.monotonic() - submitted_at:.1f} s after the report "
            f"({took:.1f} s after the decision)"
        )

        # The receipt by email.
        await wait_for(lambda: any(reference in str(m.get_payload()) for m in mailbox.messages))
        [mail] = [m for m in mailbox.messages if reference in str(m.get_payload())]
        assert mail["To"] == EMAIL and "library" not in str(mail.get_payload())

        # The citizen asks in the chat: the crime reference.
        asked = await citizen.say(f"what's happening with my report {reference.lower()}")
        assert "phone number or email" in asked["messages"][0]["text"]
        wrong = await citizen.say("someone@else.example")
        assert "can't find a report" in wrong["messages"][0]["text"]
        await citizen.press(f'/report_status{{"reference":"{reference}"}}')
        answered = await citizen.say(EMAIL)
        assert "recorded as a crime" in answered["messages"][0]["text"]
        assert "CR/7001/26" in answered["messages"][0]["text"]


async def test_a_gateway_killed_between_the_report_and_its_delivery_delivers_after_restart(
    delivery: tuple[Stack, WebhookReceiver, Mailbox],
) -> None:
    stack, receiver, _ = delivery
    receiver.down = True
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
        citizen = await Citizen.start(http)
        reference = await report(citizen)
    await wait_for(lambda: len(receiver.requests) >= 1)  # tried, refused
    stack.restart_gateway(kill=True)  # SIGKILL: nothing runs on the way down
    before = len(receiver.requests)
    receiver.come_back()
    back = time.monotonic()
    took = await wait_for(lambda: any(e["report"]["reference"] == reference for e in receiver.events()))
    delivered = [e for e in receiver.events() if e["report"]["reference"] == reference]
    assert [e["event"] for e in delivered] == ["report.submitted"]
    FIGURES.append(
        f"{stack.backend} (killed): delivered {took:.1f} s after the receiver came back "
        f"({time.monotonic() - back:.1f} s), {len(receiver.requests) - before} attempts after the restart"
    )
    print("\n".join(FIGURES))
