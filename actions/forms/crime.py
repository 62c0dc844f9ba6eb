"""crime_report_form: a crime that is no longer happening (theft, damage, burglary after the fact)."""

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
    money_answer,
    optional_text_answer,
    prefill_from_trigger,
    prefill_location,
    prefill_when,
    text_answer,
    when_answer,
    yes_no_answer,
)
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


def _react(slot: str, value: Any, _slots: Slots) -> Reaction:
    if slot == "crime_risk_now" and value is True:
        return Reaction(outcome="handoff", handoff_reason=Reason.RISK, handoff_text=RISK_TEXT)
    if slot == "crime_offender_known" and value is True:
        return Reaction(outcome="handoff", handoff_reason=Reason.RISK, handoff_text=KNOWN_OFFENDER_TEXT)
    if slot == "crime_confirmed" and value is True:
        return Reaction(outcome="confirmed")
    if slot == "crime_description":
        return Reaction(say=(Say(text="Thank you."),))
    return Reaction()


def _applies(slot: str, slots: Slots) -> bool:
    if slot == "crime_value":
        # No point asking what "nothing" is worth.
        return str(slots.get("crime_property") or "").strip().lower() not in NOTHING_TAKEN
    return True


CRIME_REPORT = FormSpec(
    name="crime_report_form",
    kind="crime",
    fields=(
        Field(
            "crime_description",
            "What happened",
            text_answer("what happened", 2),
            prefill=prefill_from_trigger("what happened"),
        ),
        Field("crime_risk_now", "Anyone at risk now", yes_no_answer, changeable=False),
        Field("crime_when", "When", when_answer, prefill=prefill_when),
        Field("crime_location", "Where", location_answer, prefill=prefill_location),
        Field("crime_property", "Stolen or damaged", text_answer("what was stolen or damaged")),
        Field("crime_value", "Value", money_answer),
        Field("crime_offender", "Who did it", optional_text_answer("who did it")),
        Field("crime_offender_known", "Offender known to you", yes_no_answer, changeable=False),
        Field("crime_evidence", "Evidence", optional_text_answer("the evidence")),
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
