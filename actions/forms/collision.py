"""collision_report_form: a minor road traffic collision (Road Traffic Act 1988 s.170 duties)."""

from __future__ import annotations

import re
from typing import Any

from actions import validators as v
from actions.forms.base import ReportFormValidation
from actions.forms.spec import (
    CONTACT_FIELDS,
    Answer,
    Field,
    FormSpec,
    Reaction,
    Say,
    Slots,
    confirm_field,
    location_answer,
    optional_text_answer,
    prefill_from_trigger,
    prefill_location,
    prefill_when,
    text_answer,
    when_answer,
    yes_no_answer,
)
from triage import intents
from triage.priority import Reason

INJURY_TEXT = (
    "I'm sorry someone was hurt. When anyone is injured, the collision must be reported to the police "
    "as soon as reasonably practicable and within 24 hours, and if insurance wasn't shown at the scene "
    "the certificate must be produced within 7 days. I'm passing you to a person who will take the details."
)
INJURY_LEVELS = {"none": "No one was hurt", "minor": "Minor injury", "serious": "Serious injury"}
_SERIOUS = re.compile(
    r"\b(serious|seriously|badly|bleeding|unconscious|not breathing|broken|ambulance|hospital|head injur)",
    re.I,
)
_MINOR = re.compile(r"\b(minor|slight|slightly|whiplash|bruis|graze|cut|sore|little|bit|shaken)", re.I)


def injury_answer(answer: Answer) -> v.Result:
    level = answer.entity("injury_level")
    if level not in INJURY_LEVELS:
        if answer.intent == intents.DENY or v.parse_yes_no(answer.text) is False:
            level = "none"
        elif _SERIOUS.search(answer.text):
            level = "serious"
        elif _MINOR.search(answer.text):
            level = "minor"
        else:
            return v.Invalid("Was anyone hurt? Please choose: no one, a minor injury, or a serious injury.")
    return v.Valid(level, INJURY_LEVELS[level])


def registration_answer(answer: Answer) -> v.Result:
    if answer.intent == intents.DONT_KNOW:
        return v.Valid("unknown", "not known")
    return v.validate_registration(answer.entity("vehicle_reg") or answer.text)


def _react(slot: str, value: Any, slots: Slots) -> Reaction:
    if slot == "collision_injured":
        if value == "serious":
            return Reaction(outcome="emergency")
        if value == "minor":
            return Reaction(outcome="handoff", handoff_reason=Reason.INJURY, handoff_text=INJURY_TEXT)
    if slot == "collision_road_danger" and value is True:
        return Reaction(outcome="emergency")
    if slot == "collision_details_exchanged":
        if value is True:
            return Reaction(say=(Say(response="utter_collision_no_report_needed"),))
        return Reaction(say=(Say(response="utter_collision_24_hours"),))
    if slot == "collision_continue" and value is False:
        return Reaction(outcome="no_report_needed")
    if slot == "collision_confirmed" and value is True:
        return Reaction(outcome="confirmed")
    return Reaction()


def _applies(slot: str, slots: Slots) -> bool:
    if slot == "collision_continue":
        # Only offered when no police report is needed: details exchanged and nobody hurt.
        return slots.get("collision_details_exchanged") is True and slots.get("collision_injured") == "none"
    return True


COLLISION_REPORT = FormSpec(
    name="collision_report_form",
    kind="collision",
    fields=(
        Field("collision_injured", "Injuries", injury_answer, changeable=False),
        Field(
            "collision_road_danger", "Road blocked, dangerous or drink/drugs", yes_no_answer, changeable=False
        ),
        Field(
            "collision_description",
            "What happened",
            text_answer("what happened", 2),
            prefill=prefill_from_trigger("what happened"),
        ),
        Field("collision_when", "When", when_answer, prefill=prefill_when),
        Field("collision_location", "Where", location_answer, prefill=prefill_location),
        Field("collision_vehicles", "Vehicles", text_answer("the vehicles")),
        Field("collision_other_reg", "Other vehicle's registration", registration_answer),
        Field("collision_details_exchanged", "Details exchanged", yes_no_answer, changeable=False),
        Field("collision_continue", "Report anyway", yes_no_answer, changeable=False, reported=False),
        Field(
            "collision_insurance", "Other driver's insurance", optional_text_answer("the insurance details")
        ),
        *CONTACT_FIELDS,
        confirm_field("collision_confirmed"),
    ),
    confirm_slot="collision_confirmed",
    react=_react,
    applies=_applies,
)


class ValidateCollisionReportForm(ReportFormValidation):
    spec = COLLISION_REPORT

    def name(self) -> str:
        return "validate_collision_report_form"
