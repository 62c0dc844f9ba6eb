"""The citizen's follow-up on a report, answered by the gateway (the owner of report data).

"What's happening with my report WEB-7K3D-9QX2" (a receipt reference anywhere in a message, the
pattern of triage/references.py) or the receipt message's "Check on this report" button starts a
short exchange, without the assistant: the gateway asks for the phone number or email given on
that report, then says where the report stands — received, being assessed, recorded as a crime
(with the crime reference number), or closed with the reason the desk chose to share.

No enumeration: a reference that does not exist, an anonymous report (no contact to check) and
a wrong contact all get the same answer, and a chat may check at most ``FOLLOW_UP_MAX_TRIES``
contacts an hour. The safety rules come first: an emergency or a safeguarding disclosure is
never taken as a contact (the caller routes it as usual).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.orm import MessageRow
from handoff.domain.report import DeskOutcome, PublicStage, contact_matches, public_stage
from handoff.service.notes import MessageAdded, Note
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings
from triage.references import find_reference, reference_in_payload

#: How long the question "what phone number or email did you give?" stays open.
ANSWER_WINDOW = timedelta(minutes=15)
TRY_WINDOW = timedelta(hours=1)

EXAMPLE = "WEB-7K3D-9QX2"

ASK_CONTACT = (
    "I can tell you where report {reference} stands. To check it's yours, what is the phone number "
    "or email address you gave when you made the report?"
)
NOT_FOUND = (
    "Sorry, I can't find a report with that receipt reference and those contact details. Please "
    f"check the reference on your receipt (it looks like {EXAMPLE}) and the phone number or email "
    "you gave, and try again. You can also call 101 and quote your receipt reference."
)
TOO_MANY = (
    "Sorry, that's too many tries for now. Please try again in an hour, or call 101 and quote your "
    "receipt reference."
)
ASK_REFERENCE = "Please type the receipt reference you were given (it looks like " + EXAMPLE + ")."

SHARED_REASONS: dict[str, str] = {
    DeskOutcome.INCIDENT_RECORDED: "it has been recorded as an incident, and no crime was recorded",
    DeskOutcome.NO_FURTHER_ACTION: "after assessing it, no further police action will be taken",
    DeskOutcome.REFERRED: "it has been passed to the organisation best placed to deal with it",
    DeskOutcome.DUPLICATE: "it was already reported, and is being dealt with under the other report",
}


def status_text(
    reference: str, status: str, outcome: str | None, crime_reference: str | None, shared: str | None
) -> str:
    stage = public_stage(status, outcome)
    if stage is PublicStage.RECEIVED:
        return (
            f"Report {reference} has been received and is waiting to be assessed. Every report is looked "
            "at by a member of staff, usually within 24 hours."
        )
    if stage is PublicStage.BEING_ASSESSED:
        extra = (
            " An officer or member of staff may contact you about it."
            if outcome == DeskOutcome.NEEDS_CONTACT
            else ""
        )
        return f"Report {reference} is being assessed by a member of staff.{extra}"
    if stage is PublicStage.CRIME_RECORDED:
        return (
            f"Report {reference} has been recorded as a crime. Your crime reference number is "
            f"{crime_reference}. Please quote it if you contact us about this crime, or to your insurer."
        )
    reason = shared or SHARED_REASONS.get(outcome or "", "the desk has closed it")
    return (
        f"Report {reference} has been closed: {reason}. If anything changes, call 101, or 999 in an "
        "emergency."
    )


def looks_like_contact(text: str) -> bool:
    """An answer to "what phone number or email did you give?": an @, or six digits or more."""
    return "@" in text or sum(c.isdigit() for c in text) >= 6


class FollowUp:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings, clock: Callable[[], datetime]
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.clock = clock

    @staticmethod
    def reference_asked(text: str | None, payload: str | None) -> str | None:
        """The reference a message asks about: a follow-up button's, or one typed anywhere.
        ``""`` for a follow-up button without one."""
        if payload:
            return reference_in_payload(payload)
        return find_reference(text or "")

    async def answer(
        self, conversation_id: str, text: str, payload: str | None
    ) -> tuple[list[MessageRow], list[Note]] | None:
        """The gateway's reply if this message is part of a follow-up, else None (to the bot)."""
        now = self.clock()
        asked = self.reference_asked(text if not payload else None, payload)
        async with UnitOfWork(self.sessions) as uow:
            if asked is not None:
                await uow.reports.ask(conversation_id, asked or None, now)
                reply = ASK_CONTACT.format(reference=asked) if asked else ASK_REFERENCE
                if (
                    asked
                    and await self._tries(uow, conversation_id, now) >= self.settings.follow_up_max_tries
                ):
                    reply = TOO_MANY
            else:
                enquiry = await uow.reports.open_enquiry(conversation_id, now - ANSWER_WINDOW)
                if enquiry is None or payload:
                    return None
                if enquiry.reference and not looks_like_contact(text):
                    # Not a phone number or an email ("actually I want to report something
                    # else"): the question is dropped and the message goes to the assistant.
                    enquiry.answered_at = now
                    await uow.commit()
                    return None
                if await self._tries(uow, conversation_id, now) >= self.settings.follow_up_max_tries:
                    enquiry.answered_at = now
                    reply = TOO_MANY
                else:
                    reply, matched = await self._check(uow, enquiry.reference, text)
                    enquiry.answered_at = now
                    enquiry.matched = matched
            message = await uow.messages.add(conversation_id, "bot", reply, now)
            uow.note(MessageAdded(conversation_id, message.id))
            notes = await uow.commit()
        return [message], notes

    async def _tries(self, uow: UnitOfWork, conversation_id: str, now: datetime) -> int:
        return await uow.reports.enquiry_checks_since(conversation_id, now - TRY_WINDOW)

    async def _check(self, uow: UnitOfWork, reference: str | None, contact: str) -> tuple[str, bool | None]:
        if not reference:
            # A reference typed as the answer to "what is your reference?" was caught above; this
            # is some other answer to it: asked again, not counted as a try.
            return ASK_REFERENCE, None
        row = await uow.reports.get_by_reference(reference)
        if row is None or not contact_matches(contact, row.fields or {}):
            return NOT_FOUND, False
        return status_text(
            row.reference, row.status, row.outcome, row.crime_reference, row.citizen_message
        ), True
