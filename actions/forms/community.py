"""community_info_form: information about crime in the community; may be anonymous."""

from __future__ import annotations

from typing import Any

from actions import answers as a
from actions.forms.base import ReportFormValidation
from actions.forms.spec import (
    CONTACT_FIELDS,
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
    text_answer,
    yes_no_answer,
)
from triage import intents

CONTACT_SLOTS = frozenset(f.slot for f in CONTACT_FIELDS)

# "Would you like to stay anonymous?" in words. Negated forms are "no" cues, checked first.
ANONYMOUS_CUES = a.Cues(
    yes=(
        r"\banon(?:ymous(?:ly)?)?\b",
        r"\b(?:rather|prefer(?:red)?) not (?:to )?(?:say|give|tell|share|leave|put)\b",
        r"\bdon'?t (?:want|wanna|wish) to (?:give|say|tell|share|leave|be named|be identified)\b",
        r"\b(?:keep|leave) (?:me|my name|my details|it|me out of it) (?:out|private|secret|anonymous|"
        r"hidden)?\b",
        r"\bno names?\b",
        r"\bwithout (?:my|giving my) (?:name|details)\b",
        r"\bnot (?:giving|telling|saying) (?:you )?(?:my|who)\b",
        r"\bcan'?t (?:give|say|tell) (?:my|who)\b",
        r"\b(?:scared|afraid|worried) (?:of|about)? ?(?:them|him|her)? ?(?:finding out|knowing)\b",
        r"\bdon'?t want (?:them|him|her|anyone) to know\b",
    ),
    no=(
        r"\b(?:not|don'?t need to|no need to|don'?t have to|no need for me to|don'?t want to) "
        r"(?:be |stay |remain )?anon(?:ymous)?\b",
        r"\bhappy to (?:give|share|leave|be contacted|be named|say)\b",
        r"\b(?:i'?ll|i will|i can|i'?m happy to|i don'?t mind|don'?t mind) (?:give|giving|share|"
        r"sharing|leave|"
        r"leaving|say|saying)\b",
        r"\byou can (?:have|take) my (?:name|details|number)\b",
        r"~\b(?:give|take) my (?:details|name|number)\b",
        r"~\bcontact me\b",
        r"\bdon'?t mind\b",
    ),
    prefer_cue=True,
)


def _react(slot: str, value: Any, _slots: Slots) -> Reaction:
    if slot == "community_anonymous" and value is True:
        return Reaction(say=(Say(response="utter_crimestoppers"),))
    if slot == "community_confirmed" and value is True:
        return Reaction(outcome="confirmed")
    return Reaction()


def _applies(slot: str, slots: Slots) -> bool:
    if slot in CONTACT_SLOTS:
        # Anonymous means anonymous: contact details are neither asked for nor stored.
        return slots.get("community_anonymous") is not True
    return True


COMMUNITY_INFO = FormSpec(
    name="community_info_form",
    kind="community_info",
    intent=intents.GIVE_COMMUNITY_INFO,
    fields=(
        Field(
            "community_what",
            "What is happening",
            text_answer("what is happening", 2),
            prefill=prefill_from_trigger("what is happening"),
            names=("what is happening", "what's happening", "what happened", "description", "details"),
            help=(
                "In a sentence or two: what you have seen or know, for example 'people dealing"
                " drugs from a parked car'."
            ),
            why="So the officer who reads it knows what is going on.",
        ),
        Field(
            "community_where",
            "Where",
            location_answer,
            prefill=prefill_location,
            names=("where", "the place", "place", "location", "the address", "address", "street", "road"),
            help=(
                "Where it happens: a street, a building, a landmark like 'the car park behind the"
                " Co-op', or a postcode."
            ),
            why="So the police know where to look.",
        ),
        Field(
            "community_when",
            "When and how often",
            text_answer("when it happens", loose=False),
            names=("when", "how often", "the times", "times", "the time", "time", "the day", "days"),
            help=(
                "When it happens and how often, for example 'most evenings after 9' or 'only once,"
                " last Saturday'."
            ),
            why="So the police know when to look.",
        ),
        Field(
            "community_descriptions",
            "People or vehicles",
            optional_text_answer("the descriptions"),
            names=("descriptions", "description of the people", "people", "vehicles", "the people", "who"),
            optional=True,
            help=(
                "What the people or vehicles look like: clothes, build, age, a car's colour or number plate. "
                "If you don't know, say 'don't know'."
            ),
            why="Descriptions help the police recognise the people or vehicles.",
        ),
        Field(
            "community_anonymous",
            "Anonymous",
            yes_no_answer(ANONYMOUS_CUES),
            changeable=False,
            help=(
                "You don't have to tell me who you are. Say 'anonymous' to stay anonymous, or 'no' if you're "
                "happy to give your name and a way to contact you."
            ),
            why=(
                "It's your choice: information given anonymously is just as useful, and we won't ask"
                " for your details."
            ),
        ),
        *CONTACT_FIELDS,
        confirm_field("community_confirmed"),
    ),
    confirm_slot="community_confirmed",
    react=_react,
    applies=_applies,
)


class ValidateCommunityInfoForm(ReportFormValidation):
    spec = COMMUNITY_INFO

    def name(self) -> str:
        return "validate_community_info_form"
