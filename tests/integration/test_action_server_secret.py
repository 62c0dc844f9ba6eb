"""The action server refuses calls without its secret (issue #11, item 7): a forged
``action_submit_crime_report`` straight to its webhook creates nothing. Rasa itself gets through
(every other integration test's forms run through it with the header from endpoints.yml)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import ReportRow
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def forged_call(conversation_id: str) -> dict[str, object]:
    slots = {
        "crime_description": "forged",
        "crime_when": "yesterday",
        "crime_location": "nowhere",
        "contact_name": "Nobody",
    }
    return {
        "next_action": "action_submit_crime_report",
        "sender_id": conversation_id,
        "tracker": {
            "sender_id": conversation_id,
            "slots": slots,
            "latest_message": {"text": "yes", "intent": {"name": "affirm"}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
        "version": "3.6.21",
    }


async def reports(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return int((await session.execute(select(func.count()).select_from(ReportRow))).scalar_one())
    finally:
        await engine.dispose()


async def test_the_action_server_refuses_calls_without_its_secret(sqlite_stack: Stack) -> None:
    actions = sqlite_stack.processes["actions"]
    url = f"http://127.0.0.1:{actions.env['ACTION_PORT']}"
    before = await reports(sqlite_stack.database_url)
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        assert (await http.get("/health")).status_code == 200
        for headers in ({}, {"X-Action-Token": "local-action-token"}, {"X-Action-Token": ""}):
            refused = await http.post("/webhook", json=forged_call("forged-conversation"), headers=headers)
            assert refused.status_code == 401, headers
            assert "X-Action-Token" in refused.json()["error"]
        listed = await http.get("/actions")
        assert listed.status_code == 401
        allowed = await http.get("/actions", headers={"X-Action-Token": actions.env["ACTION_SERVER_TOKEN"]})
        assert allowed.status_code == 200 and "action_submit_crime_report" in allowed.text
    assert await reports(sqlite_stack.database_url) == before


def test_the_databases_and_secrets_are_private(sqlite_stack: Stack) -> None:
    """Transcripts (the gateway's database) and Rasa's trackers: the owner's alone (0600)."""
    import stat
    from pathlib import Path

    rasa = sqlite_stack.processes["rasa"]
    gateway_db = Path(sqlite_stack.database_url.removeprefix("sqlite:///"))
    for path in (Path(rasa.env["RASA_TRACKER_DB"]), gateway_db):
        for file in [path, *path.parent.glob(path.name + "-*")]:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
