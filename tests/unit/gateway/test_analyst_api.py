"""The analyst API: redacted review queue, corrections, dashboard and charts; analysts only."""

from __future__ import annotations

import pytest

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def seed(gateway: Gateway) -> tuple[Citizen, Citizen]:
    """One contained conversation with a low-confidence message, one emergency."""
    async with gateway.client() as http:
        quiet = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("What happened?", intent="report_crime", confidence=0.41))
        await quiet.say("erm my number is 07700 900123 and something happened to my shed")
        gateway.assistant.queue(channel_reply("Thanks", intent="inform", confidence=0.99))
        await quiet.say("it was broken into")
        urgent = await Citizen.start(http)
        gateway.assistant.queue(
            channel_reply("Call 999 now.", intent="emergency", confidence=1.0, emergency=True)
        )
        await urgent.say("someone is breaking in right now")
    return quiet, urgent


async def test_only_analysts_see_the_review_queue_and_dashboard(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo", role="agent")
    await add_user(gateway.settings, "sue", role="supervisor")
    for name in ("jo", "sue"):
        async with gateway.client() as http:
            await Agent.login(http, name, PASSWORD)
            for path in ("/api/analyst/review", "/api/analyst/dashboard", "/api/analyst/charts/outcomes.png"):
                assert (await http.get(path)).status_code == 403, (name, path)
    async with gateway.client() as http:
        assert (await http.get("/api/analyst/review")).status_code == 401


async def test_review_queue_is_redacted_least_confident_first_and_takes_corrections(gateway: Gateway) -> None:
    quiet, _ = await seed(gateway)
    await add_user(gateway.settings, "ana", role="analyst")
    async with gateway.client() as http:
        analyst = await Agent.login(http, "ana", PASSWORD)
        body = (await http.get("/api/analyst/review", params={"max_confidence": "0.7"})).json()
        [row] = body["messages"]
        assert row["conversation_id"] == quiet.conversation_id
        assert "[PHONE]" in row["text"] and "07700" not in row["text"]
        assert row["predicted_intent"] == "report_crime" and row["corrected_intent"] == ""
        assert "report_crime" in body["intents"] and "ask_speed_camera" not in body["intents"]
        assert any(choice.startswith("ask_speed_camera/") for choice in body["intents"])

        path = f"/api/analyst/review/{row['message_id']}"
        assert (await http.post(path, json={"intent": "report_crime"})).status_code == 403  # no CSRF
        assert (await analyst.post(path, {"intent": "made_up"})).status_code == 422
        assert (await analyst.post(path, {"intent": "ask_speed_camera"})).status_code == 422
        assert (
            await analyst.post("/api/analyst/review/999999", {"intent": "report_crime"})
        ).status_code == 404
        saved = await analyst.post(path, {"intent": "give_community_info"})
        assert saved.status_code == 200
        again = (await http.get("/api/analyst/review", params={"max_confidence": "0.7"})).json()
        assert again["messages"][0]["corrected_intent"] == "give_community_info"


async def test_dashboard_figures_and_charts(gateway: Gateway) -> None:
    await seed(gateway)
    await add_user(gateway.settings, "ana", role="analyst")
    async with gateway.client() as http:
        await Agent.login(http, "ana", PASSWORD)
        board = (await http.get("/api/analyst/dashboard")).json()
        totals = board["totals"]
        # The crime chat is still with the bot, no report sent: unfinished, not contained (issue #16).
        assert totals["conversations"] == 2 and totals["contained"] == 0 and totals["handed_off"] == 1
        assert totals["unfinished"] == 1 and totals["containment_rate"] == pytest.approx(0.0)
        assert totals["emergencies"] == 1
        assert board["model"] == "fake-model.tar.gz"  # the loaded model is named
        assert board["signpost"]["topics"] == [] and len(board["signpost"]["by_day"]) == len(board["by_day"])
        today = board["by_day"][-1]
        assert today["topics"]["report_crime"] == 1 and today["topics"]["emergency"] == 1
        for name in board["charts"]:
            chart = await http.get(f"/api/analyst/charts/{name}.png")
            assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
        assert (await http.get("/api/analyst/charts/nope.png")).status_code == 404
        bad = await http.get("/api/analyst/dashboard", params={"from": "yesterday"})
        assert bad.status_code == 422 and bad.json()["error"]
        backwards = await http.get(
            "/api/analyst/dashboard", params={"from": "2026-11-10", "to": "2026-11-01"}
        )
        assert backwards.status_code == 422


async def test_review_shows_the_conversation_around_the_message_and_keeps_every_change(
    gateway: Gateway,
) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("Can I take your name?", intent="report_crime", confidence=0.9))
        await citizen.say("i want to report my bike stolen")
        gateway.assistant.queue(
            channel_reply("Thanks. What is your email?", intent="inform", confidence=0.35)
        )
        await citizen.say("its Doreen Walsh")
        gateway.assistant.queue(channel_reply("Got it.", intent="inform", confidence=0.3))
        await citizen.say("doreen dot walsh at gmail dot com")
    await add_user(gateway.settings, "ana", role="analyst")
    await add_user(gateway.settings, "bo", role="analyst")
    async with gateway.client() as http:
        ana = await Agent.login(http, "ana", PASSWORD)
        body = (await http.get("/api/analyst/review", params={"max_confidence": "0.5"})).json()
        by_text = {row["text"]: row for row in body["messages"]}
        email = by_text["[EMAIL]"]
        assert email["question"] == "Thanks. What is your email?"
        assert [m["sender"] for m in email["context"]][-2:] == ["citizen", "bot"]
        shown = [m for m in email["context"] if m["this"]]
        assert len(shown) == 1 and shown[0]["text"] == "[EMAIL]"
        assert all("Doreen" not in m["text"] and "walsh" not in m["text"].lower() for m in email["context"])
        name_row = by_text["its [NAME]"]
        assert name_row["question"] == "Can I take your name?" and not name_row["reviewed"]

        path = f"/api/analyst/review/{email['message_id']}"
        assert (await ana.post(path, {"reviewed": True})).json()["corrected_intent"] == "inform"
    async with gateway.client() as http:
        bo = await Agent.login(http, "bo", PASSWORD)
        second = (await bo.post(path, {"intent": "give_community_info"})).json()
        assert second["previous"] == "inform"
        unreviewed = (
            await http.get("/api/analyst/review", params={"max_confidence": "0.5", "unreviewed": "1"})
        ).json()
        assert [row["text"] for row in unreviewed["messages"]] == ["its [NAME]"]
        rows = (await http.get("/api/analyst/review", params={"max_confidence": "0.5"})).json()["messages"]
        [row] = [r for r in rows if r["message_id"] == email["message_id"]]
        assert row["reviewed"] and row["corrected_intent"] == "give_community_info"
        assert [(h["action"], h["from"], h["to"], h["by"], h["source"]) for h in row["history"]] == [
            ("confirmed", "inform", "inform", "ana", "web"),
            ("corrected", "inform", "give_community_info", "bo", "web"),
        ]


async def test_signposting_topics_asked_are_on_the_dashboard_by_key(gateway: Gateway) -> None:
    from handoff.adapters.rasa import reply_from_channel

    def answer(key: str) -> object:
        return reply_from_channel(
            {
                "messages": [{"text": "Here is where to go."}],
                "parse": {"intent": {"name": "signpost", "confidence": 0.93}, "retrieval_intent": key},
            }
        )

    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        for key in ("signpost/fraud", "signpost/fraud", "signpost/lost_property"):
            gateway.assistant.queue(answer(key))  # type: ignore[arg-type]
            state = (await citizen.say("a question"))["state"]
            assert state["triage"]["intent"] == "signpost"  # the public contract names the intent
    await add_user(gateway.settings, "ana", role="analyst")
    async with gateway.client() as http:
        await Agent.login(http, "ana", PASSWORD)
        board = (await http.get("/api/analyst/dashboard")).json()
        assert board["signpost"]["topics"] == ["fraud", "lost_property"]
        assert board["signpost"]["by_day"][-1]["topics"] == {"fraud": 2, "lost_property": 1}
        assert "topics" in board["charts"]
        chart = await http.get("/api/analyst/charts/topics.png")
        assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
