"""crime_report_form: a crime that is no longer happening (theft, damage, burglary after the fact)."""

from __future__ import annotations

import re
from typing import Any

from actions import answers as a
from actions.answers.text import words
from actions.forms.base import ReportFormValidation
from actions.forms.spec import (
    CONTACT_FIELDS,
    Answer,
    Field,
    FormSpec,
    Reaction,
    Slots,
    confirm_field,
    location_answer,
    money_answer,
    optional_text_answer,
    prefill_from_trigger,
    prefill_location,
    prefill_money,
    prefill_property,
    prefill_when,
    property_answer,
    text_answer,
    when_answer,
    yes_no_answer,
)
from triage import intents
from triage.priority import Reason

RISK_TEXT = (
    "Thank you for telling me. Because someone may be at risk, I'm passing you to a person now. "
    "If anyone is in immediate danger, call 999."
)
KNOWN_OFFENDER_TEXT = (
    "Thank you. Because you know the person who did this, I'm passing you to a person who can make "
    "sure you get the right help and that the report is handled safely."
)
NOTHING_TAKEN = frozenset({"nothing", "none", "no", "nothing was taken", "nothing taken", "n/a"})

# "Is anyone in danger or at risk of harm now?" in words.
RISK_CUES = a.Cues(
    yes=(
        r"\b(?:he|she|they|them|him|her)(?:'s| is| are|'re)? (?:still )?(?:back|here|outside|there|"
        r"around|inside|nearby)\b",
        r"\bstill (?:here|there|outside|inside|around|nearby|in the house)\b",
        r"\bthreaten",
        r"\b(?:i'?m|i am|we'?re|we are) (?:scared|frightened|afraid|terrified|not safe)\b",
        r"\bnot safe\b",
        r"\bin danger\b(?! now)",
        r"\bcoming back\b",
        r"\bsaid (?:he|she|they)(?:'d| would| will)? (?:be back|come back|get me)\b",
    ),
    no=(
        r"\b(?:he|she|they)(?:'s| is| are|'re|'ve| have| has)? (?:gone|left|long gone|not here|nowhere)\b",
        r"\b(?:ran|run|drove|went) off\b",
        r"\b(?:i'?m|i am|we'?re|we are|everyone'?s|everyone is|all) (?:safe|fine|ok|okay|alright|all"
        r" right)\b",
        r"\bno (?:one|body) (?:is )?(?:in danger|at risk|hurt)\b",
        r"\bnobody (?:is )?(?:in danger|at risk|hurt)\b",
        r"\bnot in danger\b",
        r"\bno danger\b",
        r"\bno risk\b",
        r"\bno one'?s? here\b",
        r"\bit was (?:days|hours|a while|weeks) ago\b",
        r"\bhappened (?:yesterday|last night|last week|days ago|a while ago)\b",
        r"\bnobody was (?:home|in|there)\b",
        r"\bno one was (?:home|in|there)\b",
        r"\bempty\b",
    ),
)
# "Is the person who did it known to you?" in words.
KNOWN_CUES = a.Cues(
    yes=(
        r"\b(?:my|our|her|his) (?:ex|ex-partner|ex partner|partner|husband|wife|boyfriend|girlfriend|bf|gf|"
        r"neighbour|neighbours|neighbor|brother|sister|son|daughter|dad|mum|mom|father|mother|stepdad|"
        r"stepmum|cousin|uncle|aunt|nephew|niece|flatmate|housemate|lodger|landlord|tenant|colleague|"
        r"friend|mate|family|relative|child|kid|kids|grandson|granddaughter|in-laws?|ex-husband|ex-wife|"
        r"ex-boyfriend|ex-girlfriend)\b",
        r"\bi know (?:him|her|them|who)\b",
        r"\b(?:he|she|they)(?:'s| is| are|'re) (?:my|a) (?:ex|neighbour|friend|relative|family)\b",
        r"\bknown to me\b",
        r"\bsomeone i know\b",
    ),
    no=(
        r"\b(?:a |total |complete )?strangers?\b",
        r"\bnever seen (?:him|her|them|the person)(?: before)?\b",
        r"\b(?:no idea|don'?t know|dont know|not sure|no clue) who\b",
        r"\bdon'?t know (?:him|her|them)\b",
        r"\bnot (?:known )?to me\b",
        r"\bno one i know\b",
        r"\bnobody i know\b",
        r"\bdidn'?t see (?:him|her|them|who|anyone)\b",
    ),
)


# "my ex", "his brother" as the answer to "who did it?": the offender is known to the citizen.
_RELATION_FIRST = re.compile(
    r"^(?:(?:it was|it's|its|i think it was|i think its|probably|definitely|pretty sure it was)\s+)?"
    r"(?:my|our)\s+(?:ex|ex-partner|ex partner|partner|husband|wife|boyfriend|girlfriend|bf|gf|neighbours?|"
    r"neighbors?|brother|sister|son|daughter|dad|mum|mom|father|mother|stepdad|stepmum|cousin|uncle|aunt|"
    r"nephew|niece|flatmate|housemate|lodger|landlord|tenant|colleague|friend|family|relative|"
    r"ex-husband|ex-wife|ex-boyfriend|ex-girlfriend)\b",
    re.IGNORECASE,
)


# "When did it happen?" -> "right now", "it's still going on": the crime is in progress, which is 999.
_IN_PROGRESS = re.compile(
    r"^(?:(?:it'?s|its|it is|they'?re|they are|he'?s|she'?s)\s+)?(?:(?:still\s+)?happening\s+)?"
    r"(?:right\s+now|now|as\s+we\s+speak|at\s+the\s+moment|currently|still\s+(?:going\s+on|happening)|"
    r"happening\s+now|going\s+on\s+now|in\s+progress|ongoing)(?:\s+(?:still|now|!+))?$",
    re.IGNORECASE,
)
IN_PROGRESS = "happening now"


def crime_when_answer(answer: Answer) -> a.Result:
    result = when_answer(answer)
    if _IN_PROGRESS.match(words(answer.text)):
        value = result.value if isinstance(result, a.Valid) else answer.now.isoformat()
        return a.Valid(value, "happening now", note=IN_PROGRESS)
    return result


def _react(slot: str, value: Any, slots: Slots) -> Reaction:
    if (
        slot == "crime_when"
        and ((slots.get("report_fields") or {}).get("crime_when") or {}).get("note") == IN_PROGRESS
    ):
        return Reaction(outcome="emergency", concern="in_progress")
    if slot == "crime_offender" and isinstance(value, str) and _RELATION_FIRST.match(value.strip()):
        return Reaction(outcome="handoff", handoff_reason=Reason.RISK, handoff_text=KNOWN_OFFENDER_TEXT)
    if slot == "crime_risk_now" and value is True:
        return Reaction(outcome="handoff", handoff_reason=Reason.RISK, handoff_text=RISK_TEXT)
    if slot == "crime_offender_known" and value is True:
        return Reaction(outcome="handoff", handoff_reason=Reason.RISK, handoff_text=KNOWN_OFFENDER_TEXT)
    if slot == "crime_confirmed" and value is True:
        return Reaction(outcome="confirmed")
    return Reaction()


def _applies(slot: str, slots: Slots) -> bool:
    if slot == "crime_value":
        # No point asking what "nothing" is worth.
        return str(slots.get("crime_property") or "").strip().lower() not in NOTHING_TAKEN
    return True


CRIME_REPORT = FormSpec(
    name="crime_report_form",
    kind="crime",
    intent=intents.REPORT_CRIME,
    fields=(
        Field(
            "crime_description",
            "What happened",
            text_answer("what happened", 2),
            prefill=prefill_from_trigger("what happened"),
            names=("what happened", "description", "the story", "what i said happened", "details"),
            help=(
                "In a sentence or two: what happened, for example 'someone broke into my shed and"
                " took my tools'."
            ),
            why="So the officer who reads your report knows what happened.",
        ),
        Field(
            "crime_risk_now",
            "Anyone at risk now",
            yes_no_answer(RISK_CUES, firm_only=True),
            changeable=False,
            safety=True,
            help=(
                "I need to check that everyone is safe. Is anyone in danger or at risk of harm right now? "
                "Please answer yes or no. If anyone is in danger now, call 999."
            ),
            why="If anyone is in danger now, they need help straight away, not a report.",
        ),
        Field(
            "crime_when",
            "When",
            crime_when_answer,
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
            help=(
                "Roughly when it happened: a day and a time if you know them, for example 'last Friday "
                "evening', 'yesterday about 6pm' or '12 November'. A rough idea is fine."
            ),
            why="The time helps the police check CCTV, link reports and know how long ago it was.",
        ),
        Field(
            "crime_location",
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
                "postcode",
            ),
            help=(
                "Where it happened: a street name, a landmark like 'outside the Co-op on Mill"
                " Road', or a postcode."
            ),
            why="So the police know which area it was in and whether there is CCTV nearby.",
        ),
        Field(
            "crime_property",
            "Stolen or damaged",
            property_answer,
            prefill=prefill_property,
            names=(
                "what was stolen",
                "stolen",
                "taken",
                "what was taken",
                "damaged",
                "property",
                "items",
                "the item",
            ),
            help=(
                "What was taken or damaged, for example 'my bike' or 'the car's wing mirror'. If"
                " nothing was, say 'nothing'."
            ),
            why="So the police can identify your property if it is found, and for your insurer.",
        ),
        Field(
            "crime_value",
            "Value",
            money_answer,
            prefill=prefill_money,
            names=("value", "worth", "the amount", "amount", "price", "cost", "how much"),
            optional=True,
            help=(
                "A rough amount in pounds is enough, for example '£300' or 'about 50 quid'. If you don't "
                "know, just say 'don't know'."
            ),
            why="The value helps decide how the report is handled. A rough guess is fine.",
        ),
        Field(
            "crime_offender",
            "Who did it",
            optional_text_answer("who did it"),
            names=("who did it", "offender", "suspect", "the person", "description of them", "who"),
            optional=True,
            help=(
                "Anything you know about who did it: what they looked like or wore, a name, or a vehicle. "
                "If you don't know, say 'don't know'."
            ),
            why="Any detail helps the police find the person.",
        ),
        Field(
            "crime_offender_known",
            "Offender known to you",
            yes_no_answer(KNOWN_CUES),
            changeable=False,
            help=(
                "Do you know the person who did it, for example a partner, ex-partner, family member or "
                "neighbour? Please answer yes or no."
            ),
            why=(
                "If you know them, a person can make sure you get the right help and the report is"
                " handled safely."
            ),
        ),
        Field(
            "crime_evidence",
            "Evidence",
            optional_text_answer("the evidence"),
            names=("evidence", "cctv", "photos", "witnesses", "camera", "doorbell"),
            optional=True,
            help=(
                "Anything that shows what happened: CCTV or a doorbell camera, photos, or people who saw it. "
                "If there isn't any, say 'none'."
            ),
            why="Evidence helps the police investigate.",
        ),
        *CONTACT_FIELDS,
        confirm_field("crime_confirmed"),
    ),
    confirm_slot="crime_confirmed",
    react=_react,
    applies=_applies,
)


class ValidateCrimeReportForm(ReportFormValidation):
    spec = CRIME_REPORT

    def name(self) -> str:
        return "validate_crime_report_form"
