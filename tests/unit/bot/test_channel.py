"""The triage channel's reply: messages, parse, form, slots and signals for one turn."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channel import TriageInput, build_reply
from triage.signals import emergency_signal, handoff_signal, report_signal

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  emergency: {type: bool, initial_value: false, mappings: [{type: custom}]}
  report_reference: {type: text, mappings: [{type: custom}]}
  crime_when: {type: text, mappings: [{type: custom}]}
forms:
  crime_report_form: {required_slots: [crime_when]}
"""
)


def tracker(events: List[Any]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("c1", events, slots=DOMAIN.slots)


def user(text: str, intent: str, confidence: float, **extra: Any) -> UserUttered:
    parse = {
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}, {"name": "inform", "confidence": 0.01}],
        "entities": [{"entity": "time_expression", "value": "last night", "start": 0, "end": 10,
                      "extractor": "RegexEntityExtractor", "confidence_entity": 1.0}],
        **extra,
    }
    return UserUttered(text, intent=parse["intent"], entities=parse["entities"], parse_data=parse)


def test_messages_parse_form_and_slots() -> None:
    messages: List[Dict[str, Any]] = [
        {"recipient_id": "c1", "text": "Is anyone at risk now?",
         "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]},
    ]
    t = tracker([user("my bike was nicked last night", "report_crime", 0.98), ActiveLoop("crime_report_form"),
                 SlotSet("crime_when", "2026-11-27T22:00:00+00:00")])
    reply = build_reply(messages, t)
    assert reply["messages"] == [{"text": "Is anyone at risk now?", "buttons": messages[0]["buttons"]}]
    assert reply["parse"]["intent"] == {"name": "report_crime", "confidence": 0.98}
    assert reply["parse"]["entities"][0]["entity"] == "time_expression"
    assert "confidence_entity" not in reply["parse"]["entities"][0]
    assert reply["active_form"] == "crime_report_form"
    assert reply["slots"]["crime_when"] == "2026-11-27T22:00:00+00:00"
    assert reply["signals"] == {"emergency": False, "emergency_concern": None, "handoff": None, "report": None}


def test_signals_are_taken_out_of_the_messages() -> None:
    messages = [
        {"recipient_id": "c1", "text": "Call 999 now."},
        {"recipient_id": "c1", "custom": emergency_signal("weapon")},
        {"recipient_id": "c1", "custom": handoff_signal("requested")},
        {"recipient_id": "c1", "custom": handoff_signal("safeguarding", "domestic_abuse")},
        {"recipient_id": "c1", "custom": report_signal("WEB-ABCD-2345", "crime")},
    ]
    safety = {"category": "emergency", "concern": "weapon", "rule": "weapon_present"}
    t = tracker([user("he has a knife", "emergency", 1.0, safety=safety), SlotSet("emergency", True)])
    reply = build_reply(messages, t)
    assert reply["messages"] == [{"text": "Call 999 now.", "buttons": []}]
    signals = reply["signals"]
    assert signals["emergency"] is True and signals["emergency_concern"] == "weapon"
    # The most urgent handoff of the turn wins.
    assert signals["handoff"] == {"reason": "safeguarding", "priority": 1, "concern": "domestic_abuse"}
    assert signals["report"] == {"reference": "WEB-ABCD-2345", "kind": "crime"}
    assert reply["parse"]["safety"] == safety


def test_a_report_travels_whole_to_the_gateway() -> None:
    fields = {"crime_location": {"label": "Where", "value": "Station Road", "display": "Station Road"}}
    messages = [{"recipient_id": "c1", "custom": report_signal("WEB-ABCD-2345", "crime", fields)}]
    reply = build_reply(messages, tracker([user("yes", "affirm", 0.99)]))
    assert reply["messages"] == []
    assert reply["signals"]["report"] == {"reference": "WEB-ABCD-2345", "kind": "crime", "fields": fields}


def test_the_emergency_slot_alone_raises_the_flag() -> None:
    reply = build_reply([], tracker([user("hello", "greet", 0.9), SlotSet("emergency", True)]))
    assert reply["signals"]["emergency"] is True


def test_other_custom_payloads_without_text_are_dropped() -> None:
    reply = build_reply([{"recipient_id": "c1", "custom": {"something": "else"}}], tracker([]))
    assert reply["messages"] == []


def test_the_channel_refuses_to_start_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_CHANNEL_TOKEN", raising=False)
    with pytest.raises(ValueError, match="RASA_CHANNEL_TOKEN"):
        TriageInput.from_credentials({"token_env": "RASA_CHANNEL_TOKEN"})
    monkeypatch.setenv("RASA_CHANNEL_TOKEN", "s3cret")
    assert TriageInput.from_credentials({"token_env": "RASA_CHANNEL_TOKEN"}).token == "s3cret"


READING_DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  emergency: {type: bool, initial_value: false, mappings: [{type: custom}]}
  form_reading: {type: any, mappings: [{type: custom}]}
forms:
  crime_report_form: {required_slots: [form_reading]}
"""
)


def reading_tracker(events: List[Any]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("c1", events, slots=READING_DOMAIN.slots)


def test_the_forms_reading_of_the_latest_message_replaces_the_classifiers() -> None:
    message = user("no not right now he's gone", "emergency", 0.53)
    message.message_id = "m2"
    reading = {"message_id": "m2", "slot": "crime_risk_now", "read_as": "answer", "intent": "deny"}
    reply = build_reply([], reading_tracker([ActiveLoop("crime_report_form"), message, SlotSet("form_reading", reading)]))
    assert reply["parse"]["intent"] == {"name": "deny", "confidence": 1.0}
    assert reply["parse"]["context"] == {
        "slot": "crime_risk_now",
        "read_as": "answer",
        "classifier": {"name": "emergency", "confidence": 0.53},
    }


def test_a_reading_of_an_earlier_message_or_a_rule_hit_is_not_applied() -> None:
    stale = {"message_id": "m1", "slot": "crime_when", "read_as": "answer", "intent": "inform"}
    message = user("he's back with a knife", "emergency", 1.0)
    message.message_id = "m2"
    reply = build_reply([], reading_tracker([SlotSet("form_reading", stale), message]))
    assert reply["parse"]["intent"]["name"] == "emergency" and reply["parse"]["context"] is None

    safety = {"category": "emergency", "concern": "weapon", "rule": "weapon_present"}
    hit = user("he's back with a knife", "emergency", 1.0, safety=safety)
    hit.message_id = "m3"
    fresh = {**stale, "message_id": "m3"}
    reply = build_reply([], reading_tracker([hit, SlotSet("form_reading", fresh)]))
    assert reply["parse"]["intent"]["name"] == "emergency"
