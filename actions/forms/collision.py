"""collision_report_form: a minor road traffic collision (Road Traffic Act 1988 s.170 duties)."""

from __future__ import annotations

import re
from typing import Any

from actions import answers as a
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
    prefill_registration,
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
INJURY_LEVELS = a.LEVELS


def injury_answer(answer: Answer) -> a.Result:
    level = answer.entity("injury_level") if answer.from_button else None
    if level in INJURY_LEVELS:
        return a.Valid(level, INJURY_LEVELS[level])
    return a.read_injury(answer.text)


_NOBODY_HURT = re.compile(
    r"\b(?:no ?one|no-one|nobody|noone)\s+(?:was\s+|got\s+|is\s+)?(?:hurt|injured)\b|\bno injur(?:y|ies)\b|"
    r"\b(?:everyone|everybody|we)(?:'s| is| are|'re)?\s+(?:all\s+)?(?:fine|ok|okay|unhurt)\b",
    re.IGNORECASE,
)


def prefill_injury(answer: Answer, trigger: bool) -> a.Valid | None:
    """ "... no one was hurt" in the opening message: only the plain "nobody was hurt" is taken;
    any injury is asked about, so the question and its 999 advice are never skipped."""
    if answer.from_button or not trigger:
        return None
    if not _NOBODY_HURT.search(answer.text):
        return None
    result = a.read_injury(answer.text)
    return result if isinstance(result, a.Valid) and result.value == a.NONE else None


def registration_answer(answer: Answer) -> a.Result:
    if answer.from_button and answer.intent == intents.DONT_KNOW:
        return a.Valid("unknown", a.NOT_KNOWN)
    return a.validate_registration(answer.entity("vehicle_reg") or answer.text)


ROAD_CUES = a.Cues(
    yes=(
        r"\bblock(?:ed|ing)\b(?! now)",
        r"\b(?:oil|glass|debris|diesel|petrol|fuel|bits of car)\b(?:\s+\w+){0,3}\s+(?:all over|"
        r"everywhere|on the road|across)\b",
        r"\bdrunk\b",
        r"\bpissed\b",
        r"\bhammered\b",
        r"\b(?:been )?drinking\b",
        r"\bsmel(?:t|led|ling) (?:of|like) (?:alcohol|booze|drink|beer|weed|cannabis)\b",
        r"\bon drugs\b",
        r"\b(?:high|stoned|off (?:his|her|their) face)\b",
        r"\bdangerous\b",
        r"\bin the middle of the road\b",
        r"\bcan'?t get (?:past|through)\b",
        r"\bstuck across\b",
    ),
    no=(
        r"\broad(?:'s| is)? (?:clear|fine|open|ok|okay)\b",
        r"\b(?:not|isn'?t|wasn'?t|nothing) block(?:ed|ing)\b",
        r"\bnot dangerous\b",
        r"\boff the road\b",
        r"\b(?:moved|pulled) (?:over|in|onto|to|off|out of)\b",
        r"\b(?:in|on|at) (?:a|the) (?:car park|side of the road|hard shoulder|layby|lay-by|driveway|verge)\b",
        r"\b(?:nobody|no one|no-one|noone|neither of us|none of us) (?:was |were |had been"
        r" )?(?:drinking|drunk)\b",
        r"\b(?:he|she|they|i|we) (?:wasn'?t|weren'?t|hadn'?t been|was not|were not) (?:drinking|drunk)\b",
        r"\bsober\b",
        r"\ball clear\b",
        r"\bcars? (?:are|were|have been|has been) moved\b",
        r"\bnot (?:drunk|drinking)\b",
    ),
)
EXCHANGED_CUES = a.Cues(
    yes=(
        r"\b(?:we |i )?(?:swapped|exchanged|got|took|have|had|gave) (?:our |his |her |their |all the |"
        r"the |each other'?s )?"
        r"(?:details|numbers|names|insurance|info|information|addresses)\b",
        r"\bgot (?:his|her|their) (?:details|number|name|insurance|address|reg)\b",
        r"\bwe did\b",
        r"\bgave me (?:his|her|their) (?:details|number|insurance)\b",
    ),
    no=(
        r"\b(?:drove|sped|raced|took|made|went|ran|shot) off\b",
        r"\bdidn'?t stop\b",
        r"\bwouldn'?t (?:stop|give|tell)\b",
        r"\brefused\b",
        r"\bno details\b",
        r"\bhit and run\b",
        r"\bfailed to stop\b",
        r"\bleft the scene\b",
        r"\b(?:nobody|no one|no-one|noone) (?:was )?(?:there|around|in it|about)\b",
        r"\bwas parked\b",
        r"\b(?:never|didn'?t) (?:get|got|swap|exchange|give)\b",
        r"\bdidn'?t (?:get|swap|exchange) (?:details|anything)\b",
        r"\bnot (?:swapped|exchanged)\b",
    ),
)
CONTINUE_CUES = a.Cues(
    yes=(
        r"\b(?:carry|go) on\b",
        r"\breport (?:it|this)? ?anyway\b",
        r"\bstill (?:want|like) to (?:report|make)\b",
        r"\bcontinue\b",
        r"\bmake (?:a|the) report\b",
        r"\bfor the record\b",
    ),
    no=(
        r"\b(?:tell|ring|call|contact) (?:my |the )?insur(?:er|ance)\b",
        r"\bleave it\b",
        r"\bno need\b",
        r"\bthat'?s fine\b",
        r"\bnot bother\b",
        r"\bdon'?t need to\b",
        r"\bstop (?:here|there|now)\b",
    ),
)


def _react(slot: str, value: Any, slots: Slots) -> Reaction:
    if slot == "collision_injured":
        if value == a.SERIOUS:
            return Reaction(outcome="emergency", concern="injury")
        if value == a.MINOR:
            return Reaction(outcome="handoff", handoff_reason=Reason.INJURY, handoff_text=INJURY_TEXT)
    if slot == "collision_road_danger" and value is True:
        return Reaction(outcome="emergency", concern="road_danger")
    if slot == "collision_details_exchanged":
        if value is True:
            if slots.get("collision_injured") == a.NONE:
                return Reaction(say=(Say(response="utter_collision_no_report_needed"),))
            return Reaction()
        return Reaction(say=(Say(response="utter_collision_24_hours"),))
    if slot == "collision_continue" and value is False:
        return Reaction(outcome="no_report_needed")
    if slot == "collision_confirmed" and value is True:
        return Reaction(outcome="confirmed")
    return Reaction()


def _applies(slot: str, slots: Slots) -> bool:
    if slot == "collision_continue":
        # Only offered when no police report is needed: details exchanged and nobody hurt.
        return slots.get("collision_details_exchanged") is True and slots.get("collision_injured") == a.NONE
    return True


COLLISION_REPORT = FormSpec(
    name="collision_report_form",
    kind="collision",
    intent=intents.REPORT_COLLISION,
    fields=(
        Field(
            "collision_injured",
            "Injuries",
            injury_answer,
            prefill=prefill_injury,
            changeable=False,
            safety=True,
            help=(
                "I need to know if anyone was hurt, even a little. Please say 'no one', 'minor' (like a cut, "
                "a bruise or a sore neck) or 'serious' (needing an ambulance or hospital). If anyone"
                " is badly "
                "hurt, call 999 now."
            ),
            why=(
                "If anyone was hurt, the law says the collision must be reported within 24 hours,"
                " and a badly hurt person needs 999."
            ),
        ),
        Field(
            "collision_road_danger",
            "Road blocked, dangerous or drink/drugs",
            yes_no_answer(ROAD_CUES, firm_only=True),
            changeable=False,
            safety=True,
            help=(
                "Is anything at the scene dangerous right now, like a vehicle blocking the road or glass and "
                "oil across it, or do you think a driver had been drinking or taking drugs? Please"
                " answer yes or no."
            ),
            why=(
                "A blocked or dangerous road, or a driver who may be drunk or on drugs, needs 999"
                " straight away."
            ),
        ),
        Field(
            "collision_description",
            "What happened",
            text_answer("what happened", 2),
            prefill=prefill_from_trigger("what happened"),
            names=("what happened", "description", "the story", "details"),
            help="In a sentence or two, what happened, for example 'a van reversed into my parked car'.",
            why="So the officer who reads your report knows what happened.",
        ),
        Field(
            "collision_when",
            "When",
            when_answer,
            prefill=prefill_when,
            names=(
                "when",
                "the day",
                "day",
                "the date",
                "date",
                "the time",
                "time",
                "when it happened",
                "what day",
            ),
            help="Roughly when it happened, for example 'this morning about 8' or 'yesterday at 5pm'.",
            why=(
                "The law sets time limits from when the collision happened, and it helps find"
                " witnesses and CCTV."
            ),
        ),
        Field(
            "collision_location",
            "Where",
            location_answer,
            prefill=prefill_location,
            names=(
                "where",
                "the place",
                "place",
                "location",
                "the address",
                "address",
                "street",
                "road",
                "junction",
            ),
            help="Where it happened: a road name, a junction, a car park or a postcode.",
            why="So the police know where it happened, and whether there are cameras nearby.",
        ),
        Field(
            "collision_vehicles",
            "Vehicles",
            text_answer("the vehicles", loose=False),
            names=("vehicles", "the vehicles", "cars", "the cars", "my car", "the van", "vehicle"),
            help="The vehicles involved, for example 'my blue Ford Focus and a white van'.",
            why="So the report says which vehicles were involved.",
        ),
        Field(
            "collision_other_reg",
            "Other vehicle's registration",
            registration_answer,
            prefill=prefill_registration,
            names=(
                "registration",
                "the registration",
                "reg",
                "the reg",
                "number plate",
                "plate",
                "their reg",
            ),
            optional=True,
            help=(
                "The number plate of the other vehicle, like 'AB12 CDE'. Even part of it helps. If"
                " you didn't "
                "get it, say 'don't know'."
            ),
            why="The registration is how the police trace the other driver.",
        ),
        Field(
            "collision_details_exchanged",
            "Details exchanged",
            yes_no_answer(EXCHANGED_CUES),
            changeable=False,
            help=(
                "Did you and the other driver give each other your names, addresses and vehicle"
                " details at the "
                "scene? Please answer yes or no."
            ),
            why=(
                "If details weren't exchanged, the law says the collision must be reported to the"
                " police within 24 hours."
            ),
        ),
        Field(
            "collision_continue",
            "Report anyway",
            yes_no_answer(CONTINUE_CUES),
            changeable=False,
            reported=False,
            help=(
                "Would you still like to send a report to the police? Say 'yes' to carry on or 'no'"
                " to stop here."
            ),
        ),
        Field(
            "collision_insurance",
            "Other driver's insurance",
            optional_text_answer("the insurance details"),
            names=("insurance", "insurer", "the insurance", "insurance details"),
            optional=True,
            help="The other driver's insurer and policy number if you have them. If not, say 'no'.",
            why="So the insurers can be put in touch.",
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
