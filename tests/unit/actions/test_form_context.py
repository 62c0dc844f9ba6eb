"""The forms read a message as the answer to the open question first (actions/forms/context.py),
judge answers to their own safety questions as answers, take corrections, never loop, and fill
every field a message already answers.

Each test drives the validation action with tracker JSON the way Rasa sends it; ``Chat`` carries
the slots from turn to turn like Rasa does.
"""

from __future__ import annotations

from typing import Any

import pytest

from actions.forms.collision import ValidateCollisionReportForm
from actions.forms.community import ValidateCommunityInfoForm
from actions.forms.crime import ValidateCrimeReportForm
from actions.forms.steps import ActionAskAnswerHelp
from tests.support.trackers import responses, run, signals, texts, tracker

CRIME = ValidateCrimeReportForm()
COLLISION = ValidateCollisionReportForm()
COMMUNITY = ValidateCommunityInfoForm()

BIKE = {
    "crime_description": "someone nicked my bike from the station",
    "crime_risk_now": False,
    "crime_when": "2026-11-27T22:00:00+00:00",
    "crime_location": "outside Tesco on Mill Road",
    "report_fields": {
        "crime_description": {"label": "What happened", "display": "someone nicked my bike from the station"},
        "crime_when": {"label": "When", "display": "Friday 27 November 2026, at night"},
        "crime_location": {"label": "Where", "display": "outside Tesco on Mill Road"},
    },
}


BEFORE_CONTACT = {
    **BIKE,
    "crime_property": "my bike",
    "crime_value": 300.0,
    "crime_offender": "not known",
    "crime_offender_known": False,
    "crime_evidence": "none",
}


class Chat:
    """One form, turn after turn: slot changes are kept as Rasa keeps them."""

    def __init__(
        self, action: Any, form: str, slots: dict[str, Any] | None = None, requested: str = ""
    ) -> None:
        self.action = action
        self.form = form
        self.slots: dict[str, Any] = dict(slots or {})
        self.requested = requested
        self.turn = 0
        self.messages: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    async def say(self, text: str, intent: str = "inform", **kwargs: Any) -> dict[str, Any]:
        self.turn += 1
        t = tracker(
            text,
            intent,
            slots=self.slots,
            form=self.form,
            requested=self.requested or None,
            message_id=f"m-{self.turn}",
            **kwargs,
        )
        changed, self.events, self.messages = await run(self.action, t)
        self.slots.update(changed)
        self.requested = self.slots.get("requested_slot") or ""
        return changed


# --- 1. context before intent ---------------------------------------------------------------


async def test_a_name_the_classifier_read_as_stop_is_a_name() -> None:
    chat = Chat(CRIME, "crime_report_form", BEFORE_CONTACT, requested="contact_name")
    await chat.say("jay", "stop", confidence=0.46)
    assert chat.slots["contact_name"] == "Jay"
    assert chat.requested == "contact_details"
    # The channel reports the form's reading, not the classifier's.
    assert chat.slots["form_reading"] == {
        "message_id": "m-1",
        "slot": "contact_name",
        "read_as": "answer",
        "intent": "inform",
    }


async def test_anonymous_in_words_is_not_a_disclosure() -> None:
    chat = Chat(COMMUNITY, "community_info_form", requested="community_anonymous")
    await chat.say("yeah keep me anonymous", "safeguarding", confidence=0.81)
    assert chat.slots["community_anonymous"] is True
    assert responses(chat.messages) == ["utter_crimestoppers"]
    assert not signals(chat.messages)


async def test_a_part_to_change_named_in_words_is_that_part() -> None:
    slots = {**BIKE, "form_control": "change"}
    chat = Chat(CRIME, "crime_report_form", slots, requested="field_to_change")
    await chat.say("the day", "safeguarding", confidence=0.6)
    assert chat.slots["crime_when"] is None and chat.requested == "crime_when"
    assert "crime_when" not in chat.slots["report_fields"]


@pytest.mark.parametrize(
    ("requested", "text", "intent"),
    [
        ("contact_name", "can i talk to someone", "inform"),
        ("crime_when", "I want to speak to a real person", "request_human"),
        ("crime_offender", "can I speak to someone about this", "request_human"),
        ("crime_description", "my ex won't leave me alone, I'm scared", "safeguarding"),
        ("crime_description", "i need to speak to someone", "request_human"),
        ("crime_when", "help he's got a knife", "emergency"),
        ("crime_property", "are you a real person?", "bot_challenge"),
    ],
)
async def test_something_new_leaves_the_form_to_the_rules(requested: str, text: str, intent: str) -> None:
    # No events at all: Rasa rejects the form and data/rules/ take over (handoff, helpline, 999).
    _slots, events, messages = await run(
        CRIME, tracker(text, intent, form="crime_report_form", requested=requested, slots=BIKE)
    )
    assert events == [] and messages == []


@pytest.mark.parametrize("requested", ["contact_name", "crime_risk_now", "crime_when", "field_to_change"])
async def test_a_rule_layer_hit_always_interrupts(requested: str) -> None:
    hit = {"category": "emergency", "concern": "in_progress", "rule": "in_progress_now"}
    t = tracker(
        "he's come back and he's smashing the window",
        "emergency",
        form="crime_report_form",
        requested=requested,
        slots={**BIKE, "form_control": "change"},
        safety=hit,
    )
    _slots, events, messages = await run(CRIME, t)
    assert events == [] and messages == []


async def test_a_description_of_one_thing_is_that_description_whatever_the_classifier_says() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "crime_property": "bike", "crime_value": 50.0})
    chat.requested = "crime_offender"
    await chat.say("some older kids", "safeguarding", confidence=0.998)
    assert chat.slots["crime_offender"] == "some older kids" and chat.requested == "crime_offender_known"


async def test_an_offender_named_as_a_partner_or_neighbour_goes_to_a_person_at_once() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "crime_property": "bike", "crime_value": 50.0})
    chat.requested = "crime_offender"
    await chat.say("my husband, he's been violent before", "inform")
    assert chat.slots["form_outcome"] == "handoff"
    assert signals(chat.messages)[0]["reason"] == "risk_disclosed"


@pytest.mark.parametrize(
    ("text", "requested"),
    [
        ("my son's scooter was nicked from outside the school", None),
        ("some big boys took my football and my mum said to tell the police", None),
        ("no im ok now", "crime_risk_now"),
    ],
)
async def test_family_words_about_the_victim_are_not_a_known_offender(
    text: str, requested: str | None
) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "theft"} if requested else None)
    chat.requested = requested or ""
    await chat.say(text, "report_crime")
    assert chat.slots.get("form_outcome") is None and chat.slots.get("crime_offender_known") is None
    assert chat.slots.get("crime_when") is None  # and "now" was not read as a correction of the time


async def test_stop_in_words_asks_to_confirm_and_carry_on_returns() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_property")
    await chat.say("stop", "stop")
    assert chat.requested == "confirm_stop"
    await chat.say("no lets carry on", "deny")
    assert chat.requested == "crime_property" and responses(chat.messages) == ["utter_carry_on"]


async def test_thanks_mid_form_is_answered_and_the_question_stays() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_value")
    await chat.say("thanks", "thank")
    assert chat.requested == "crime_value" and "welcome" in texts(chat.messages)


async def test_why_do_you_need_my_name_is_answered() -> None:
    chat = Chat(CRIME, "crime_report_form", BEFORE_CONTACT, requested="contact_name")
    await chat.say("why do you need my name?", "out_of_scope")
    assert chat.requested == "contact_name"
    assert "contact you" in texts(chat.messages)
    await chat.say("ok fine, its Mark Jones", "inform")
    assert chat.slots["contact_name"] == "Mark Jones"


# --- 3. safety in context --------------------------------------------------------------------

RISK_NO = [
    "no not right now he's gone",
    "no he's gone now",
    "no, nobody is in danger now",
    "nah we're all fine",
    "no im safe now",
    "not any more, they left",
    "no one was home at the time",
    "no",
]
RISK_UNCLEAR = [
    "no but he said he'd be back",
    "no he's still outside",
    "not sure",
    "dunno he might come back",
]


@pytest.mark.parametrize("text", RISK_NO)
async def test_a_no_to_is_anyone_in_danger_carries_on_whatever_the_classifier_said(text: str) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "burglary"}, requested="crime_risk_now")
    await chat.say(text, "emergency", confidence=0.78)
    assert chat.slots["crime_risk_now"] is False
    assert chat.requested == "crime_when"
    assert chat.slots["form_reading"]["intent"] == "deny"
    assert not signals(chat.messages)


@pytest.mark.parametrize("text", RISK_UNCLEAR)
async def test_an_unclear_answer_to_is_anyone_in_danger_goes_to_the_rules_when_the_classifier_fears_it(
    text: str,
) -> None:
    t = tracker(text, "emergency", form="crime_report_form", requested="crime_risk_now", confidence=0.7)
    _slots, events, _messages = await run(CRIME, t)
    assert events == []


@pytest.mark.parametrize("text", RISK_UNCLEAR)
async def test_an_unclear_answer_to_is_anyone_in_danger_is_asked_again_otherwise(text: str) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "burglary"}, requested="crime_risk_now")
    await chat.say(text, "inform")
    assert chat.slots["crime_risk_now"] is None and chat.requested == "crime_risk_now"


@pytest.mark.parametrize("text", ["yes", "yes he's still outside", "yeah she keeps threatening me"])
async def test_a_yes_to_is_anyone_in_danger_goes_to_a_person_at_safeguarding_priority(text: str) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "burglary"}, requested="crime_risk_now")
    await chat.say(text, "inform")
    assert chat.slots["form_outcome"] == "handoff"
    assert signals(chat.messages) == [{"type": "handoff", "reason": "risk_disclosed", "priority": 1}]
    assert "999" in texts(chat.messages)


ROAD_NO = [
    "no the cars are off the road now",
    "no we moved into the car park",
    "no, road's clear",
    "no one was drinking",
    "it happened in a car park",
]


@pytest.mark.parametrize("text", ROAD_NO)
async def test_a_no_to_is_the_road_dangerous_carries_on(text: str) -> None:
    chat = Chat(
        COLLISION, "collision_report_form", {"collision_injured": "none"}, requested="collision_road_danger"
    )
    await chat.say(text, "emergency", confidence=0.78)
    assert chat.slots["collision_road_danger"] is False and chat.requested == "collision_description"
    assert chat.slots.get("emergency") is not True


@pytest.mark.parametrize(
    "text", ["yes it's blocking the road", "yes he smelt of alcohol", "i think he was drunk"]
)
async def test_a_yes_to_is_the_road_dangerous_is_999(text: str) -> None:
    chat = Chat(
        COLLISION, "collision_report_form", {"collision_injured": "none"}, requested="collision_road_danger"
    )
    await chat.say(text, "inform")
    assert chat.slots["form_outcome"] == "emergency" and chat.slots["emergency"] is True
    assert signals(chat.messages)[0]["type"] == "emergency"


@pytest.mark.parametrize(
    "text", ["just a graze on my elbow", "my neck is a bit sore", "bit of whiplash", "a few cuts and bruises"]
)
async def test_a_minor_injury_goes_to_a_person_with_the_24_hour_and_7_day_duties(text: str) -> None:
    chat = Chat(COLLISION, "collision_report_form", requested="collision_injured")
    await chat.say(text, "emergency", confidence=0.66)
    assert chat.slots["collision_injured"] == "minor"
    assert chat.slots["form_outcome"] == "handoff" and chat.slots.get("emergency") is not True
    said = texts(chat.messages)
    assert "24 hours" in said and "7 days" in said
    assert signals(chat.messages) == [{"type": "handoff", "reason": "collision_injury", "priority": 2}]
    assert chat.slots["report_fields"]["collision_injured"]["note"] == text


@pytest.mark.parametrize(
    "text", ["she was taken to hospital", "the other driver was bleeding", "he's knocked out"]
)
async def test_a_serious_injury_is_999(text: str) -> None:
    chat = Chat(COLLISION, "collision_report_form", requested="collision_injured")
    await chat.say(text, "inform")
    assert chat.slots["form_outcome"] == "emergency" and signals(chat.messages)[0]["type"] == "emergency"


@pytest.mark.parametrize(
    "text", ["nobody hurt thank god", "no one was hurt", "no injuries", "we're all fine"]
)
async def test_nobody_hurt_carries_on(text: str) -> None:
    chat = Chat(COLLISION, "collision_report_form", requested="collision_injured")
    await chat.say(text, "report_collision", confidence=0.98)
    assert chat.slots["collision_injured"] == "none" and chat.requested == "collision_road_danger"


# --- 4. corrections --------------------------------------------------------------------------


async def test_a_correction_of_the_day_changes_it_and_returns_to_the_open_question() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_property")
    await chat.say("sorry, actually it was the day before yesterday not yesterday", "inform")
    assert chat.slots["crime_when"].startswith("2026-11-26")
    assert chat.slots.get("crime_property") is None and chat.requested == "crime_property"
    assert "changed when to: Thursday 26 November 2026" in texts(chat.messages)


async def test_a_correction_of_the_place_replaces_the_words() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_property")
    await chat.say("no wait, it was the Co-op not Tesco", "inform")
    assert chat.slots["crime_location"] == "outside the Co-op on Mill Road"
    assert chat.requested == "crime_property"


async def test_a_correction_of_the_weekday() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_evidence")
    await chat.say("sorry, actually it was Tuesday not Monday", "inform")
    assert chat.slots["crime_when"].startswith("2026-11-24")
    assert chat.requested == "crime_evidence"


async def test_sorry_before_an_answer_is_still_the_answer() -> None:
    chat = Chat(CRIME, "crime_report_form", BEFORE_CONTACT, requested="contact_name")
    await chat.say("sorry, it's Mark Jones", "inform")
    assert chat.slots["contact_name"] == "Mark Jones" and chat.slots["crime_when"] == BIKE["crime_when"]


async def test_at_the_read_back_what_is_wrong_is_asked_again_directly() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_confirmed")
    await chat.say("no the date is wrong", "deny")
    assert chat.slots["crime_when"] is None and chat.requested == "crime_when"


async def test_which_part_with_the_new_answer_changes_it_at_once() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "form_control": "change"}, requested="field_to_change")
    await chat.say("the day, it was tuesday", "inform")
    assert chat.slots["crime_when"].startswith("2026-11-24")
    assert "changed when" in texts(chat.messages)


# --- 5. no dead ends -------------------------------------------------------------------------


async def test_dont_know_is_accepted_for_the_value_and_the_form_moves_on() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "crime_property": "bike"}, requested="crime_value")
    await chat.say("don't know", "dont_know")
    assert chat.slots["crime_value"] == "not known" and chat.requested == "crime_offender"


async def test_two_unusable_answers_explain_differently_offer_a_skip_and_a_person() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "crime_property": "bike"}, requested="crime_value")
    await chat.say("loads", "out_of_scope")
    assert chat.requested == "crime_value" and "amount in pounds" in texts(chat.messages)
    await chat.say("a lot honestly", "out_of_scope")
    assert chat.requested == "answer_help"  # not the same question a third time
    t = tracker("", "inform", form="crime_report_form", requested="answer_help", slots=chat.slots)
    _slots, _events, help_messages = await run(ActionAskAnswerHelp(), t)
    payloads = [b["payload"] for m in help_messages for b in m.get("buttons") or []]
    assert "another way" in texts(help_messages) and payloads == ["/dont_know", "/request_human"]
    await chat.say("skip", "inform")
    assert chat.slots["crime_value"] == "not given" and chat.requested == "crime_offender"


async def test_an_answer_at_the_help_step_is_taken() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "crime_property": "bike"}, requested="crime_value")
    await chat.say("loads", "out_of_scope")
    await chat.say("a lot", "out_of_scope")
    await chat.say("about 300 quid i reckon", "inform")
    assert chat.slots["crime_value"] == 300.0 and chat.requested == "crime_offender"
    assert chat.slots["form_control"] is None


async def test_a_required_question_that_still_cannot_be_answered_goes_to_a_person() -> None:
    chat = Chat(CRIME, "crime_report_form", BEFORE_CONTACT, requested="contact_details")
    for text in ("call me maybe", "just ring me", "the usual one"):
        await chat.say(text, "inform")
    assert chat.slots["form_outcome"] == "handoff"
    assert signals(chat.messages) == [{"type": "handoff", "reason": "not_understood", "priority": 2}]


async def test_the_same_question_is_never_asked_three_times_in_a_row() -> None:
    chat = Chat(COLLISION, "collision_report_form", requested="collision_injured")
    asked = []
    for text in ("purple", "banana", "what"):
        await chat.say(text, "out_of_scope")
        asked.append(chat.requested)
    assert asked[0] == "collision_injured" and asked[1] == "answer_help"
    assert asked.count("collision_injured") < 3


async def test_stop_asked_twice_unclearly_carries_on() -> None:
    chat = Chat(CRIME, "crime_report_form", {**BIKE, "form_control": "stop"}, requested="confirm_stop")
    await chat.say("hmm", "out_of_scope")
    assert chat.requested == "confirm_stop"
    await chat.say("hmm", "out_of_scope")
    assert chat.requested == "crime_property" and "carry on" in texts(chat.messages)


# --- 6. nothing asked twice ------------------------------------------------------------------


async def test_a_value_given_with_the_property_is_not_asked() -> None:
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_property")
    await chat.say("they took my sat nav, worth about £150", "inform")
    assert chat.slots["crime_property"] == "my sat nav"
    assert chat.slots["crime_value"] == 150.0
    assert chat.requested == "crime_offender"


async def test_three_facts_in_the_opening_message() -> None:
    chat = Chat(CRIME, "crime_report_form")
    await chat.say(
        "my bike was nicked from outside the library on mill road last night, it was worth about 300 quid",
        "report_crime",
    )
    assert chat.slots["crime_location"] == "outside the library on mill road"
    assert chat.slots["crime_when"].startswith("2026-11-27T22")
    assert chat.slots["crime_property"] == "my bike" and chat.slots["crime_value"] == 300.0
    assert chat.requested == "crime_risk_now"  # safety first, always asked


async def test_a_collision_opening_that_says_nobody_was_hurt() -> None:
    chat = Chat(COLLISION, "collision_report_form")
    await chat.say(
        "someone reversed into me in the asda car park this morning, no one was hurt", "report_collision"
    )
    assert chat.slots["collision_injured"] == "none"
    assert chat.slots["collision_location"] == "in the asda car park"
    assert chat.requested == "collision_road_danger"


async def test_contact_details_in_the_name_answer() -> None:
    chat = Chat(CRIME, "crime_report_form", BEFORE_CONTACT, requested="contact_name")
    await chat.say("my name is Sam Smith and my number is 07700 900123", "inform")
    assert chat.slots["contact_name"] == "Sam Smith"
    assert chat.slots["contact_details"] == {"kind": "phone", "value": "+447700900123"}


async def test_a_registration_in_the_vehicles_answer() -> None:
    slots = {"collision_injured": "none", "collision_road_danger": False, "collision_description": "hit"}
    chat = Chat(COLLISION, "collision_report_form", slots, requested="collision_vehicles")
    await chat.say("my blue focus and his white transit AB12 CDE", "inform")
    assert chat.slots["collision_other_reg"] == "AB12 CDE"


async def test_no_he_refused_and_drove_off_keeps_the_reason_and_explains_the_24_hour_duty() -> None:
    slots = {"collision_injured": "none", "collision_road_danger": False}
    chat = Chat(COLLISION, "collision_report_form", slots, requested="collision_details_exchanged")
    await chat.say("no he refused and drove off", "deny")
    assert chat.slots["collision_details_exchanged"] is False
    assert chat.slots["report_fields"]["collision_details_exchanged"]["note"] == "he refused and drove off"
    assert responses(chat.messages) == ["utter_collision_24_hours"]


async def test_an_aside_reader_answers_a_question_on_the_way_and_the_form_returns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from actions.forms import context

    def how_long(_field: object, answer: object) -> str | None:
        return "It takes about five minutes." if "how long" in str(getattr(answer, "text", "")) else None

    monkeypatch.setattr(context, "ASIDE_READERS", (how_long,))
    chat = Chat(CRIME, "crime_report_form", BIKE, requested="crime_property")
    await chat.say("how long will this take", "out_of_scope")
    assert "five minutes" in texts(chat.messages) and chat.requested == "crime_property"
    await chat.say("my bike", "inform")
    assert chat.slots["crime_property"] == "my bike"


@pytest.mark.parametrize("text", ["right now", "its happening now", "now!", "still going on"])
async def test_a_crime_happening_now_is_999(text: str) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "theft", "crime_risk_now": False})
    chat.requested = "crime_when"
    await chat.say(text, "inform")
    assert chat.slots["form_outcome"] == "emergency" and signals(chat.messages)[0]["type"] == "emergency"


@pytest.mark.parametrize("text", ["just now", "about 10 minutes ago", "earlier today"])
async def test_a_crime_that_just_happened_is_a_report(text: str) -> None:
    chat = Chat(CRIME, "crime_report_form", {"crime_description": "theft", "crime_risk_now": False})
    chat.requested = "crime_when"
    await chat.say(text, "inform")
    assert chat.slots.get("form_outcome") is None and chat.requested == "crime_location"
