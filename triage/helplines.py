"""Which helplines a citizen is shown, defined once for the assistant (actions) and the gateway.

The choice follows **who** is writing and **what** they disclosed:

* a child writing about themselves ("I'm 14", "im 13 years old") gets **Childline 0800 1111**
  first — the age check is the rule layer's own (``triage.safety.ages.stated_age`` and
  ``years_old``), not a second one;
* self-harm → **Samaritans 116 123**; domestic abuse and stalking → the **National Domestic
  Abuse Helpline 0808 2000 247**; a sexual offence, hate crime or trafficking → **Victim Support**;
* anything else, or an unclear kind, gets the domestic abuse helpline and Samaritans (as before).

The numbers and their wording live only here; ``triage.copy`` re-exports them for older imports.
"""

from __future__ import annotations

from collections.abc import Sequence

SAMARITANS = "Samaritans: call 116 123, free, day or night."
DOMESTIC_ABUSE_HELPLINE = "National Domestic Abuse Helpline: 0808 2000 247, free, 24 hours."
CHILDLINE = (
    "Childline: call 0800 1111, free, or chat at childline.org.uk. You can talk to them about anything."
)
VICTIM_SUPPORT = (
    "Victim Support: call 08 08 16 89 111, free, 24 hours, whether or not you report to the police."
)
CRIMESTOPPERS = "Crimestoppers: 0800 555 111, or online. They never ask your name: it is fully anonymous."

#: Which helpline a kind of safeguarding disclosure gets; both defaults are shown when it is unclear.
HELPLINES_BY_CONCERN: dict[str, tuple[str, ...]] = {
    "self_harm": (SAMARITANS,),
    "domestic_abuse": (DOMESTIC_ABUSE_HELPLINE,),
    "stalking": (DOMESTIC_ABUSE_HELPLINE,),
    "sexual_offence": (VICTIM_SUPPORT,),
    "hate_crime": (VICTIM_SUPPORT,),
    "trafficking": (VICTIM_SUPPORT,),
}
DEFAULT_HELPLINES = (DOMESTIC_ABUSE_HELPLINE, SAMARITANS)

_SELF = frozenset({"i", "i'm", "im"})


def speaker_is_a_child(words: Sequence[str]) -> bool:
    """The writer gives their own age as under 18: "i'm 14", "i am 13 years old", "im only 12".

    ``words`` are the rule layer's tokens (``triage.safety.message_words``)."""
    from triage.safety.ages import stated_age, years_old

    for i in range(len(words)):
        age = stated_age(words, i)
        if age is None:
            age = years_old(words, i)
        if age is None or age >= 18:
            continue
        # walk back over the verb of being ("'m", "am", "only", "just turned") to the subject
        j = i - 1
        while j >= 0 and words[j] in ("'m", "am", "only", "just", "turned", "aged", "age", "is"):
            j -= 1
        if j >= 0 and words[j] in _SELF:
            return True
    return False


def helplines_for(concern: str | None, text: str | None = None) -> tuple[str, ...]:
    """The helplines for a disclosure of ``concern``; ``text`` (the citizen's message) tells
    whether the writer is a child. Never empty, never the same line twice."""
    chosen = list(HELPLINES_BY_CONCERN.get(concern or "", DEFAULT_HELPLINES))
    if text:
        from triage.safety import message_words

        if speaker_is_a_child(message_words(text)):
            chosen.insert(0, CHILDLINE)
    return tuple(dict.fromkeys(chosen))
