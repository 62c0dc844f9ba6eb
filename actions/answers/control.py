"""Messages about the conversation rather than an answer: stop, a person, skip, a question back.

These are read from the words, not the classifier, so "jay" or "the day" can never become "stop" or
"talk to a person": the phrases must make up the whole message (apart from politeness), or follow a
plain yes/no ("no, can I just speak to someone").
"""

from __future__ import annotations

import re

from .text import words

STOP, PERSON, SKIP, WHY, UNCLEAR = "stop", "person", "skip", "why", "unclear"

_POLITE = (
    r"(?:please|pls|plz|thanks|thank you|mate|now|actually|just|then|instead|ok|okay|sorry|right|"
    r"about (?:this|it|that|my \w+)|if possible|if i can|if that'?s ok|here|for a minute)"
)
_LEAD = r"(?:(?:no|nah|nope|ok|okay|actually|sorry|look|um|erm|oh|well|yes|yeah)\s+)*"
_STOP = (
    r"stop|stop it|stop this|stop now|cancel|cancel it|cancel this|cancel that|cancel the report|"
    r"quit|exit|end|end it|end this|end chat|forget it|forget about it|never ?mind|nevermind|"
    r"i (?:want|wanna|would like|'d like|d like) to (?:stop|cancel|quit|end this|leave it)|"
    r"i don'?t want to (?:do this|carry on|continue|report it|report this|go on)(?: any ?more)?|"
    r"i'?ve changed my mind|changed my mind|leave it|don'?t bother|stop the report|"
    r"i don'?t want to report (?:it|this|anything) any ?more|can we stop|can i stop|let'?s stop"
)
_PERSON = (
    r"(?:can|could|may) i (?:just |please )?(?:speak|talk|chat) (?:to|with) (?:a |an |someone|"
    r"somebody|a real |an actual )?"
    r"(?:person|human|officer|someone|somebody|real person|actual person|police officer|operator|agent)?|"
    r"(?:i )?(?:want|wanna|need|would like|'d like|d like) (?:to )?(?:speak|talk|chat) (?:to|with) "
    r"(?:a |an |someone|somebody)?(?:real |actual )?(?:person|human|officer|someone|somebody|operator|"
    r"agent)?|"
    r"(?:speak|talk) to (?:a |an )?(?:real |actual )?(?:person|human|officer|someone|somebody|"
    r"operator|agent)|"
    r"(?:a |an )?(?:real |actual )?(?:person|human|operator|agent) please|"
    r"put me through to (?:a |an )?(?:person|human|someone|officer)|"
    r"is there (?:a |an )?(?:real )?(?:person|human|someone) (?:i can talk to|there)|"
    r"(?:get|give) me (?:a |an )?(?:real )?(?:person|human|officer)|human|person|agent"
)
_SKIP = (
    r"skip|skip it|skip this|skip that|skip this question|skip that one|next|next question|pass|move on|"
    r"rather not say|i'?d rather not say|i'?d rather not|prefer not to say|i'?d prefer not to say|"
    r"rather not answer|leave that one|leave it blank|not telling|no comment|can we skip (?:it|this|that)|"
    r"can i skip (?:it|this|that)"
)
_WHY = (
    r"why|why\?|why do you (?:need|want) (?:that|this|it|to know|my \w+)(?: for)?|what (?:do you need|is) "
    r"(?:that|this|it) for|what for|why do you ask|why is that|why does it matter|why that|how come|"
    r"do i have to(?: tell you| say| answer| give \w+(?: \w+)?)?|is that necessary|"
    r"does (?:it|that|this) matter|"
    r"why does (?:it|that|this) matter|what does (?:it|that) matter|"
    r"what do you need (?:my \w+|that|this) for|why (?:do|would) you need (?:my \w+|that|to know)(?: for)?"
)
_UNCLEAR = (
    r"what|what\?|eh|huh|pardon|sorry\?|what do you mean|i don'?t understand|don'?t understand|"
    r"what does that mean|i'?m confused|confused|come again|say again|not sure what you mean|"
    r"what are you asking|what'?s that mean|wdym|what you mean"
)


def _whole(pattern: str, plain: str, original: str) -> bool:
    if re.fullmatch(rf"{_LEAD}(?:{pattern})(?:\s+{_POLITE})*", plain):
        return True
    # "actually I want to stop, I've found it": the request, then a reason after a comma or "because".
    head = re.split(r"\s*(?:[,.;!-]|\bbecause\b|\bcos\b|\bas\b|\bsince\b)\s*", original.lower(), maxsplit=1)[
        0
    ]
    head = words(head).replace("?", "")
    return head != plain and re.fullmatch(rf"{_LEAD}(?:{pattern})(?:\s+{_POLITE})*", head) is not None


def control_of(text: str) -> str | None:
    """``STOP``, ``PERSON``, ``SKIP``, ``WHY`` or ``UNCLEAR`` when that is all the message says."""
    plain = words(text).replace("?", "")
    if not plain:
        return None
    if (
        "?" in text
        and re.fullmatch(rf"{_LEAD}(?:{_WHY})(?:\s+\w+){{0,3}}", plain)
        and plain.split()[0]
        in {
            "why",
            "what",
            "how",
            "do",
            "is",
            "does",
        }
    ):
        return WHY
    for name, pattern in ((PERSON, _PERSON), (STOP, _STOP), (SKIP, _SKIP), (WHY, _WHY), (UNCLEAR, _UNCLEAR)):
        if _whole(pattern, plain, text):
            return name
    return None
