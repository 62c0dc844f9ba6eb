"""Context before intent: how a message is read while a form waits for an answer.

This module is the single home of the rule (the README's "Forms" section quotes it). While a
question is open, the message is read, in this order:

1. **The deterministic safety rules decide first.** When the rule layer (triage.safety, run on
   every message by bot.components.SafetyOverride) found an emergency or a safeguarding
   disclosure, the form steps aside and the safety rules in data/rules/ take over: 999 at once, or
   a person with the helpline. Nothing a form reads can override this.
2. **A button is the answer it stands for**; only "Talk to a person" leaves the form.
3. **Words about the conversation** ("stop", "can I talk to someone", "skip", "why do you need
   that?") are read from the words alone, never from the classifier, and only when they are the
   whole message (or follow a plain yes/no). So "jay", "the day" or a place is never a request to
   stop or for a person.
4. **A correction of an earlier answer** ("sorry, actually it was Tuesday not Monday") changes that
   answer (actions/forms/corrections.py). A question the assistant can answer on the way
   (``ASIDE_READERS``: the hook for signposting) is answered, and the open question asked again.
5. **The answer to the open question**, by the parser for that kind of answer:
   - a *firm* reading (a yes/no, an injury level, a date, an amount, a name, a phone number, a
     place with a street or landmark) is the answer, whatever the classifier thought the message
     was ("yeah keep me anonymous" is a yes, not a disclosure; "no not right now he's gone" is a
     no, not an emergency);
   - a *loose* reading (free text, a place in words) is the answer unless the classifier reads the
     message as an emergency, a safeguarding disclosure, a request for a person or "are you a
     bot?": those win, because free text would otherwise swallow them.
6. **Only a message that is not an answer is something new**: the classifier's emergency,
   safeguarding, "a person" or "are you a bot?" leave the form to the rules; "stop"/"goodbye" ask
   to confirm stopping; thanks, a greeting or another kind of report get a word and the question
   again; anything else is an answer the form could not use
   (actions/forms/base.py: after two, the question is explained another way, with a skip when the
   field is optional and a person).

Safety in context
-----------------
The assistant's own safety questions ("Is anyone in danger or at risk of harm now?", "Is the road
blocked or dangerous now, or do you think a driver had been drinking or taking drugs?", "Was anyone
hurt?"; ``Field.safety``) are judged as answers to those questions, by rule 5:

- a clear answer decides, whatever the classifier said: "no not right now he's gone" is a no and
  the report carries on; "just a graze" is a minor injury (a person, with the 24-hour and 7-day
  duties); "she was taken to hospital" is serious (999); "yes" to the road question is 999;
- an answer qualified with "but …" is not clear ("no but he said he'd be back"), nor is one whose
  words contradict it ("no he's still outside"): it is read by rule 6, so the classifier's
  emergency still interrupts, and otherwise the question is asked again;
- rule 1 still comes first: a real emergency typed mid-form ("he's come back and he's smashing the
  window") interrupts with 999 at once, whatever question was open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from actions import answers as a
from actions.forms.corrections import Correction, find_correction
from actions.forms.spec import Answer, Field, Slots
from triage import intents

#: The classifier's readings that leave a form when the message is not a firm answer.
LEAVE_FORM = (*intents.INTERRUPTING_INTENTS, intents.BOT_CHALLENGE)
#: Another kind of report asked for halfway through this one.
OTHER_REPORTS = (intents.REPORT_CRIME, intents.REPORT_COLLISION, intents.GIVE_COMMUNITY_INFO)


#: Readers of a message that is not an answer but a question the assistant can answer on the way
#: ("how long will this take?"): each returns the words to say, or None; the form then asks its
#: question again. The hook for signposting answers mid-form; none by default.
AsideReader = Callable[["Field", "Answer"], str | None]
ASIDE_READERS: tuple[AsideReader, ...] = ()


class Kind(Enum):
    INTERRUPT = "interrupt"  # the form returns no events: Rasa's rules take over
    ANSWER = "answer"
    CORRECTION = "correction"
    STOP = "stop"  # ask to confirm stopping
    SKIP = "skip"
    ASIDE = "aside"  # say something, ask the same question again
    MISS = "miss"  # not an answer the form can use


@dataclass(frozen=True)
class Reading:
    kind: Kind
    result: a.Result | None = None
    correction: Correction | None = None
    # For ASIDE: what to say before asking again; for MISS: the parser's re-ask.
    text: str | None = None
    # Who decided, for analysts and the gateway (bot/channel.py): the intent this reading amounts to.
    intent: str | None = None


def _answer_intent(result: a.Valid) -> str:
    if result.value is True:
        return intents.AFFIRM
    if result.value is False:
        return intents.DENY
    if result.value == a.NOT_KNOWN:
        return intents.DONT_KNOW
    return intents.INFORM


def read(
    field: Field,
    answer: Answer,
    slots: Slots,
    *,
    correctable: list[Field] | None = None,
    stop_step: bool = False,
    own_intent: str | None = None,
) -> Reading:
    """How the form reads ``answer`` while ``field`` is the open question (the rule above).

    ``correctable``: earlier answers a correction may be about (none on control steps).
    ``stop_step``: the open question is "do you want to stop?", where "stop" means yes.
    ``own_intent``: the intent that opens this form (more about the same report is not "another one").
    """
    # 1. The deterministic safety rules.
    if answer.safety:
        return Reading(Kind.INTERRUPT)
    # 2. Buttons.
    if answer.from_button:
        if answer.intent == intents.REQUEST_HUMAN:
            return Reading(Kind.INTERRUPT)
        if answer.intent == intents.STOP and not stop_step:
            return Reading(Kind.STOP, intent=intents.STOP)
        if answer.intent == intents.DONT_KNOW and field.optional:
            return Reading(Kind.SKIP, intent=intents.DONT_KNOW)  # the help step's "Skip this question"
        result = field.parse(answer)
        if isinstance(result, a.Valid):
            return Reading(Kind.ANSWER, result, intent=_answer_intent(result))
        return Reading(Kind.MISS, result, text=result.message, intent=answer.intent)
    # 3. Words about the conversation.
    control = a.control_of(answer.text)
    if control == a.PERSON:
        return Reading(Kind.INTERRUPT)
    if control == a.STOP:
        if stop_step:
            return Reading(Kind.ANSWER, a.Valid(True, "Yes"), intent=intents.AFFIRM)
        return Reading(Kind.STOP, intent=intents.STOP)
    if control == a.SKIP and field.optional:
        return Reading(Kind.SKIP, intent=intents.INFORM)
    if control in (a.WHY, a.UNCLEAR):
        explain = field.why if control == a.WHY and field.why else field.help
        return Reading(Kind.ASIDE, text=explain or None, intent=_quiet(answer.intent))
    # 4. A correction of an earlier answer.
    if correctable:
        correction = find_correction(answer, field, correctable, slots)
        if correction is not None:
            return Reading(Kind.CORRECTION, correction=correction, intent=intents.INFORM)
    # A question the assistant can answer on the way (signposting): answered, then the question again.
    for aside in ASIDE_READERS:
        said = aside(field, answer)
        if said:
            return Reading(Kind.ASIDE, text=said, intent=_quiet(answer.intent))
    # "are you a real person?" is a question back, not a description.
    if answer.intent == intents.BOT_CHALLENGE and answer.text.rstrip().endswith("?"):
        return Reading(Kind.INTERRUPT)
    # 5. The answer to the open question.
    result = field.parse(answer)
    if isinstance(result, a.Valid):
        if result.loose and answer.intent in LEAVE_FORM:
            return Reading(Kind.INTERRUPT)
        return Reading(Kind.ANSWER, result, intent=_answer_intent(result))
    # 6. Not an answer: something new.
    if answer.intent in LEAVE_FORM:
        return Reading(Kind.INTERRUPT)
    if answer.intent in (intents.STOP, intents.GOODBYE) and not stop_step:
        return Reading(Kind.STOP, intent=answer.intent)
    if control == a.SKIP:
        return Reading(Kind.MISS, result, text=_not_optional(field), intent=intents.INFORM)

    if answer.intent == intents.THANK:
        return Reading(Kind.ASIDE, text="You're welcome.", intent=answer.intent)
    if answer.intent == intents.GREET:
        return Reading(Kind.ASIDE, text="Hello, I'm still here.", intent=answer.intent)
    if answer.intent in OTHER_REPORTS and answer.intent != own_intent:
        return Reading(
            Kind.ASIDE,
            text=(
                "It sounds like you may want to tell us about something else. Let's finish this "
                "first, or say 'stop' to stop it and start the other."
            ),
            intent=answer.intent,
        )
    return Reading(Kind.MISS, result, text=result.message, intent=answer.intent)


def _quiet(intent: str) -> str:
    """An aside is never an emergency, a disclosure or a request for a person."""
    return intents.INFORM if intent in LEAVE_FORM else intent


def _not_optional(field: Field) -> str:
    why = f" {field.why}" if field.why else ""
    return f"I'm afraid I need this one to take the report.{why}"
