"""The form, submit, safety and handoff actions, driven with tracker JSON the way Rasa sends it.

Each test builds the tracker state Rasa would post to the action server, runs the action with a
``CollectingDispatcher`` and asserts the events (slots, form ending) and messages it produced.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.forms.collision import ValidateCollisionReportForm
from actions.forms.community import ValidateCommunityInfoForm
from actions.forms.crime import ValidateCrimeReportForm
from actions.forms.steps import ActionAskCrimeConfirmed, ActionAskFieldToChange
from actions.handoff import ActionFallback, ActionHandoffHuman
from actions.safety import ActionEmergency, ActionSafeguarding
from actions.submit import ActionSubmitCommunityInfo, ActionSubmitCrimeReport
from triage.copy import DOMESTIC_ABUSE_HELPLINE, EMERGENCY_GUIDANCE, SAMARITANS
from triage.references import follow_up_payload, is_reference
from triage.signals import SIGNAL_KEY

# Saturday 28 November 2026, 14:00 in London (GMT).
NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)


def tracker(
    text: str,
    intent: str,
    *,
    slots: dict[str, Any] | None = None,
    form: str | None = None,
    requested: str | None = None,
    entities: list[tuple[str, str]] | None = None,
    extra_user_events: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95},
        "entities": [{"entity": e, "value": v, "start": 0, "end": 0} for e, v in entities or []],
    }
    all_slots = {"requested_slot": requested, **(slots or {})}
    events = [
        *(extra_user_events or []),
        {"event": "user", "timestamp": NOW.timestamp(), "text": text, "parse_data": latest},
    ]
    return Tracker.from_dict(
        {
            "sender_id": "conv-1",
            "slots": all_slots,
            "latest_message": latest,
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": form} if form else {},
            "latest_action_name": "action_listen",
        }
    )


async def run(action: Any, t: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    slot_sets = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slot_sets, events, dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def signals(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["custom"][SIGNAL_KEY] for m in messages if m.get("custom") and SIGNAL_KEY in m["custom"]]


CRIME = ValidateCrimeReportForm()


async def test_first_message_that_says_what_happened_is_not_asked_again() -> None:
    t = tracker(
        "someone nicked my bike from outside the station in CB1 2AB last night",
        "report_crime",
        entities=[("postcode", "CB1 2AB"), ("time_expression", "last night")],
    )
    slots, _, _ = await run(CRIME, t)
    assert slots["crime_description"].startswith("someone nicked my bike")
    assert slots["crime_when"].startswith("2026-11-27T22:00")
    assert "CB1 2AB" in slots["crime_location"]
    # What was taken is in it too ("nothing asked twice").
    assert slots["crime_property"] == "my bike"
    assert set(slots["report_fields"]) == {
        "crime_description",
        "crime_when",
        "crime_location",
        "crime_property",
    }
    # Safety first: the next question is about risk, and answered ones are skipped later.
    assert slots["requested_slot"] == "crime_risk_now"


async def test_a_bare_request_asks_what_happened() -> None:
    slots, _, _ = await run(CRIME, tracker("I want to report a crime", "report_crime"))
    assert "crime_description" not in slots or slots["crime_description"] is None
    assert slots["requested_slot"] == "crime_description"


async def test_a_new_report_forgets_the_previous_one_but_keeps_contact_details() -> None:
    old = {
        "crime_description": "old bike",
        "crime_when": "2026-01-01T00:00:00+00:00",
        "contact_name": "Jo Bloggs",
        "report_fields": {
            "contact_name": {"label": "Your name", "display": "Jo Bloggs"},
            "crime_description": {"label": "What happened", "display": "old bike"},
        },
    }
    slots, _, _ = await run(CRIME, tracker("/report_crime", "report_crime", slots=old))
    assert slots["crime_description"] is None and slots["crime_when"] is None
    assert "contact_name" not in slots  # untouched
    assert slots["report_fields"] == {"contact_name": {"label": "Your name", "display": "Jo Bloggs"}}


@pytest.mark.parametrize("intent", ["emergency", "safeguarding", "request_human", "bot_challenge"])
async def test_interrupting_intents_are_not_taken_as_answers(intent: str) -> None:
    t = tracker(
        "he's back and he has a knife",
        intent,
        form="crime_report_form",
        requested="crime_description",
    )
    _slots, events, messages = await run(CRIME, t)
    # No events at all: Rasa rejects the form and the rules (999, helpline, handoff) take over.
    assert events == [] and messages == []


async def test_risk_now_yes_goes_to_a_person_at_safeguarding_priority() -> None:
    t = tracker(
        "yes",
        "affirm",
        form="crime_report_form",
        requested="crime_risk_now",
        slots={"crime_description": "my ex smashed my car window"},
    )
    slots, _, messages = await run(CRIME, t)
    assert slots["form_outcome"] == "handoff"
    assert slots["requested_slot"] is None
    assert signals(messages) == [{"type": "handoff", "reason": "risk_disclosed", "priority": 1}]
    assert "999" in texts(messages)


async def test_offender_known_yes_goes_to_a_person() -> None:
    t = tracker(
        "yes it was my neighbour", "affirm", form="crime_report_form", requested="crime_offender_known"
    )
    slots, _, messages = await run(CRIME, t)
    assert slots["form_outcome"] == "handoff"
    assert signals(messages)[0]["reason"] == "risk_disclosed"


async def test_a_future_date_is_re_asked_with_a_reason() -> None:
    t = tracker("tomorrow", "inform", form="crime_report_form", requested="crime_when")
    slots, _, messages = await run(CRIME, t)
    assert slots["crime_when"] is None
    assert slots["requested_slot"] == "crime_when"
    assert "future" in texts(messages)


async def test_an_answer_that_also_gives_a_postcode_fills_the_location_too() -> None:
    t = tracker(
        "about 6pm yesterday outside the co-op, SW1A 1AA",
        "inform",
        form="crime_report_form",
        requested="crime_when",
        entities=[("time_expression", "about 6pm yesterday"), ("postcode", "SW1A 1AA")],
        slots={"crime_description": "bike stolen", "crime_risk_now": False},
    )
    slots, _, _ = await run(CRIME, t)
    assert slots["crime_when"].startswith("2026-11-27T18:00")
    assert "SW1A 1AA" in slots["crime_location"]
    assert slots["requested_slot"] == "crime_property"


async def test_nothing_stolen_skips_the_value_question() -> None:
    t = tracker(
        "nothing",
        "deny",
        form="crime_report_form",
        requested="crime_property",
        slots={
            "crime_description": "graffiti on my wall",
            "crime_risk_now": False,
            "crime_when": "2026-11-27T22:00:00+00:00",
            "crime_location": "12 High St",
        },
    )
    slots, _, _ = await run(CRIME, t)
    assert slots["requested_slot"] == "crime_offender"


async def test_dont_know_is_a_real_answer_about_the_offender() -> None:
    t = tracker("no idea, didn't see them", "dont_know", form="crime_report_form", requested="crime_offender")
    slots, _, _ = await run(CRIME, t)
    assert slots["crime_offender"] == "not known"


async def test_an_invalid_contact_is_re_asked() -> None:
    t = tracker("call me maybe", "inform", form="crime_report_form", requested="contact_details")
    slots, _, messages = await run(CRIME, t)
    assert slots["contact_details"] is None and slots["requested_slot"] == "contact_details"
    assert "phone" in texts(messages).lower()


async def test_stop_asks_for_confirmation_then_stops() -> None:
    t = tracker("cancel", "stop", form="crime_report_form", requested="crime_when")
    slots, _, _ = await run(CRIME, t)
    assert slots["form_control"] == "stop" and slots["requested_slot"] == "confirm_stop"

    t = tracker(
        "yes", "affirm", form="crime_report_form", requested="confirm_stop", slots={"form_control": "stop"}
    )
    slots, _, _ = await run(CRIME, t)
    assert slots["form_outcome"] == "stopped" and slots["requested_slot"] is None


async def test_not_stopping_carries_on_with_the_same_question() -> None:
    t = tracker(
        "no",
        "deny",
        form="crime_report_form",
        requested="confirm_stop",
        slots={"form_control": "stop", "crime_description": "bike stolen", "crime_risk_now": False},
    )
    slots, _, messages = await run(CRIME, t)
    assert slots["form_control"] is None
    assert slots["requested_slot"] == "crime_when"
    assert "carry on" in " ".join(m.get("response") or "" for m in messages).replace("_", " ")


FILLED_CRIME = {
    "crime_description": "bike stolen from the rack",
    "crime_risk_now": False,
    "crime_when": "2026-11-27T22:00:00+00:00",
    "crime_location": "Station Road",
    "crime_property": "black bike",
    "crime_value": 300.0,
    "crime_offender": "not known",
    "crime_offender_known": False,
    "crime_evidence": "none",
    "contact_name": "Jo Bloggs",
    "contact_details": {"kind": "phone", "value": "+447700900123"},
    "report_fields": {
        "crime_description": {"label": "What happened", "display": "bike stolen from the rack"},
        "crime_when": {"label": "When", "display": "Friday 27 November 2026, at night"},
        "crime_location": {"label": "Where", "display": "Station Road"},
        "crime_property": {"label": "Stolen or damaged", "display": "black bike"},
        "contact_name": {"label": "Your name", "display": "Jo Bloggs"},
    },
}


async def test_read_back_lists_the_answers_and_offers_three_choices() -> None:
    t = tracker("none", "deny", form="crime_report_form", requested="crime_confirmed", slots=FILLED_CRIME)
    _, _, messages = await run(ActionAskCrimeConfirmed(), t)
    assert "Friday 27 November 2026" in texts(messages) and "Station Road" in texts(messages)
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert payloads == ["/affirm", "/deny", "/stop"]


async def test_changing_an_answer_clears_it_and_asks_it_again() -> None:
    t = tracker("no", "deny", form="crime_report_form", requested="crime_confirmed", slots=FILLED_CRIME)
    slots, _, _ = await run(CRIME, t)
    assert slots["form_control"] == "change" and slots["requested_slot"] == "field_to_change"

    t = tracker(
        '/change_field{"field":"crime_location"}',
        "change_field",
        form="crime_report_form",
        requested="field_to_change",
        slots={**FILLED_CRIME, "form_control": "change"},
        entities=[("field", "crime_location")],
    )
    _, _, messages = await run(ActionAskFieldToChange(), t)
    offered = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert '/change_field{"field": "crime_location"}' in offered
    assert not any("crime_risk_now" in p for p in offered)  # branching questions are not offered

    slots, _, _ = await run(CRIME, t)
    assert slots["crime_location"] is None and "crime_location" not in slots["report_fields"]
    assert slots["requested_slot"] == "crime_location"


async def test_confirming_ends_the_form_for_submission() -> None:
    t = tracker(
        "yes send it", "affirm", form="crime_report_form", requested="crime_confirmed", slots=FILLED_CRIME
    )
    slots, _, _ = await run(CRIME, t)
    assert slots["crime_confirmed"] is True
    assert slots["form_outcome"] == "confirmed" and slots["requested_slot"] is None


async def test_submission_sends_the_report_to_the_gateway_and_gives_a_receipt_not_a_crime_number() -> None:
    t = tracker("yes", "affirm", slots={**FILLED_CRIME, "crime_confirmed": True, "form_outcome": "confirmed"})
    slots, _, messages = await run(ActionSubmitCrimeReport(), t)
    [signal] = signals(messages)
    reference = signal["reference"]
    assert is_reference(reference) and signal["kind"] == "crime"
    assert signal["fields"]["crime_location"] == {
        "label": "Where",
        "value": "Station Road",
        "display": "Station Road",
    }
    assert signal["fields"]["contact_details"]["value"] == {"kind": "phone", "value": "+447700900123"}
    assert "crime_confirmed" not in signal["fields"]
    assert signal["submitted_at"] == NOW.isoformat()
    assert reference in texts(messages) and "not a crime reference number" in texts(messages)
    # With a contact, the receipt offers the follow-up (a button the gateway answers itself).
    [receipt] = [m for m in messages if reference in (m.get("text") or "")]
    assert receipt["buttons"] == [{"title": "Check on this report", "payload": follow_up_payload(reference)}]
    assert slots["report_reference"] == reference
    # The next report starts empty, but the contact details stay for it.
    assert slots["crime_description"] is None and slots["form_outcome"] is None
    assert "contact_name" not in slots


async def test_an_anonymous_report_says_there_is_no_follow_up() -> None:
    filled = {k: v for k, v in FILLED_CRIME.items() if k not in ("contact_details", "contact_name")}
    t = tracker("yes", "affirm", slots={**filled, "crime_confirmed": True, "form_outcome": "confirmed"})
    _, _, messages = await run(ActionSubmitCrimeReport(), t)
    [signal] = signals(messages)
    [receipt] = [m for m in messages if signal["reference"] in (m.get("text") or "")]
    assert "can't be followed up" in receipt["text"] and not receipt.get("buttons")


async def test_a_stopped_report_is_not_sent() -> None:
    t = tracker("yes", "affirm", slots={**FILLED_CRIME, "form_outcome": "stopped"})
    slots, _, messages = await run(ActionSubmitCrimeReport(), t)
    assert signals(messages) == []
    assert [m.get("response") for m in messages] == ["utter_stopped"]
    assert slots["report_fields"] is None


async def test_handed_over_report_keeps_its_answers_for_the_agent() -> None:
    t = tracker("yes", "affirm", slots={**FILLED_CRIME, "form_outcome": "handoff"})
    slots, _, messages = await run(ActionSubmitCrimeReport(), t)
    assert signals(messages) == [] and "report_fields" not in slots


COLLISION = ValidateCollisionReportForm()


async def test_serious_injury_in_a_collision_is_an_emergency() -> None:
    t = tracker(
        '/inform{"injury_level":"serious"}',
        "inform",
        form="collision_report_form",
        requested="collision_injured",
        entities=[("injury_level", "serious")],
    )
    slots, _, messages = await run(COLLISION, t)
    assert slots["form_outcome"] == "emergency" and slots["emergency"] is True
    assert EMERGENCY_GUIDANCE in texts(messages)
    assert signals(messages)[0]["type"] == "emergency"


async def test_minor_injury_goes_to_a_person_with_the_24_hour_duty() -> None:
    t = tracker(
        "just a bit of whiplash", "inform", form="collision_report_form", requested="collision_injured"
    )
    slots, _, messages = await run(COLLISION, t)
    assert slots["form_outcome"] == "handoff"
    assert "24 hours" in texts(messages) and "7 days" in texts(messages)
    assert signals(messages)[0]["reason"] == "collision_injury"


async def test_details_exchanged_and_nobody_hurt_offers_to_stop() -> None:
    base = {
        "collision_injured": "none",
        "collision_road_danger": False,
        "collision_description": "bumped",
        "collision_when": "2026-11-28T09:00:00+00:00",
        "collision_location": "Tesco car park",
        "collision_vehicles": "my car and a van",
        "collision_other_reg": "AB12 CDE",
    }
    t = tracker(
        "yes", "affirm", form="collision_report_form", requested="collision_details_exchanged", slots=base
    )
    slots, _, messages = await run(COLLISION, t)
    assert [m.get("response") for m in messages] == ["utter_collision_no_report_needed"]
    assert slots["requested_slot"] == "collision_continue"

    t = tracker(
        "no",
        "deny",
        form="collision_report_form",
        requested="collision_continue",
        slots={**base, "collision_details_exchanged": True},
    )
    slots, _, _ = await run(COLLISION, t)
    assert slots["form_outcome"] == "no_report_needed"


async def test_details_not_exchanged_explains_the_24_hour_duty_and_continues() -> None:
    base = {"collision_injured": "none", "collision_road_danger": False}
    t = tracker(
        "no they drove off",
        "deny",
        form="collision_report_form",
        requested="collision_details_exchanged",
        slots=base,
    )
    slots, _, messages = await run(COLLISION, t)
    assert [m.get("response") for m in messages] == ["utter_collision_24_hours"]
    assert slots["requested_slot"] == "collision_description"


async def test_registration_is_normalised_and_dont_know_accepted() -> None:
    t = tracker("ab12cde", "inform", form="collision_report_form", requested="collision_other_reg")
    slots, _, _ = await run(COLLISION, t)
    assert slots["collision_other_reg"] == "AB12 CDE"
    t = tracker("didn't get it", "dont_know", form="collision_report_form", requested="collision_other_reg")
    slots, _, _ = await run(COLLISION, t)
    assert slots["collision_other_reg"] == "unknown"


COMMUNITY = ValidateCommunityInfoForm()


async def test_anonymous_information_skips_contact_details_and_mentions_crimestoppers() -> None:
    base = {
        "community_what": "dealing from a flat",
        "community_where": "Mill Road",
        "community_when": "every evening",
        "community_descriptions": "not known",
        "contact_name": "Jo Bloggs",
        "contact_details": {"kind": "phone", "value": "+447700900123"},
    }
    t = tracker("yes", "affirm", form="community_info_form", requested="community_anonymous", slots=base)
    slots, _, messages = await run(COMMUNITY, t)
    assert [m.get("response") for m in messages] == ["utter_crimestoppers"]
    assert slots["requested_slot"] == "community_confirmed"

    done = {**base, "community_anonymous": True, "community_confirmed": True, "form_outcome": "confirmed"}
    _, _, sent = await run(ActionSubmitCommunityInfo(), tracker("yes", "affirm", slots=done))
    # Anonymous means anonymous: contact details known from earlier are not sent with it, and
    # the receipt says it cannot be followed up.
    [signal] = signals(sent)
    assert "contact_name" not in signal["fields"]
    assert "contact_details" not in signal["fields"]
    assert "can't be followed up" in texts(sent)


async def test_emergency_action_leaves_the_form_flags_and_gives_999_guidance() -> None:
    t = tracker("someone is breaking in now", "emergency", form="crime_report_form", requested="crime_when")
    slots, events, messages = await run(ActionEmergency(), t)
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert slots["emergency"] is True
    assert "call 999 now" in texts(messages) and EMERGENCY_GUIDANCE in texts(messages)
    assert signals(messages)[0]["type"] == "emergency"


@pytest.mark.parametrize(
    ("concern", "helpline"),
    [("self_harm", SAMARITANS), ("domestic_abuse", DOMESTIC_ABUSE_HELPLINE), (None, DOMESTIC_ABUSE_HELPLINE)],
)
async def test_safeguarding_shows_the_right_helpline_and_hands_over(
    concern: str | None, helpline: str
) -> None:
    t = tracker("I don't feel safe at home", "safeguarding")
    if concern:
        t.latest_message["safety"] = {"category": "safeguarding", "concern": concern, "rule": "test"}
    _slots, _, messages = await run(ActionSafeguarding(), t)
    assert helpline in texts(messages)
    assert signals(messages)[0] == {
        "type": "handoff",
        "reason": "safeguarding",
        "priority": 1,
        **({"concern": concern} if concern else {}),
    }


async def test_asking_for_a_person_leaves_a_form_and_signals_a_handoff() -> None:
    t = tracker("can I talk to a real person", "request_human", form="collision_report_form")
    _, events, messages = await run(ActionHandoffHuman(), t)
    assert events[0]["event"] == "active_loop" and events[0]["name"] is None
    assert signals(messages) == [{"type": "handoff", "reason": "requested", "priority": 2}]


async def test_fallback_asks_to_rephrase_once_then_offers_a_person() -> None:
    earlier = {
        "event": "user",
        "timestamp": NOW.timestamp() - 30,
        "text": "blah",
        "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}},
    }
    _, _, first = await run(ActionFallback(), tracker("blah", "nlu_fallback"))
    assert "say it another way" in texts(first) and not first[0].get("buttons")
    t = tracker("blah blah", "nlu_fallback", extra_user_events=[earlier])
    t.events[-1]["parse_data"]["intent"]["name"] = "nlu_fallback"
    _, _, second = await run(ActionFallback(), t)
    assert "talk to a person" in texts(second)
    assert [b["payload"] for b in second[0]["buttons"]] == ["/request_human", "/greet"]


def test_tracker_json_round_trips() -> None:
    # Guard for the helper above: what we feed the actions is valid Rasa tracker JSON.
    assert json.loads(json.dumps(tracker("hi", "greet").current_state()))["sender_id"] == "conv-1"
