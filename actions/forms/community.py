"""community_info_form: information about crime in the community; may be anonymous."""

from __future__ import annotations

from typing import Any

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

CONTACT_SLOTS = frozenset(f.slot for f in CONTACT_FIELDS)


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
    fields=(
        Field(
            "community_what",
            "What is happening",
            text_answer("what is happening", 2),
            prefill=prefill_from_trigger("what is happening"),
        ),
        Field("community_where", "Where", location_answer, prefill=prefill_location),
        Field("community_when", "When and how often", text_answer("when it happens")),
        Field("community_descriptions", "People or vehicles", optional_text_answer("the descriptions")),
        Field("community_anonymous", "Anonymous", yes_no_answer, changeable=False),
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
