"""Pure parsers for the answers citizens type into the report forms, one module per kind of answer.

Each parser takes the text exactly as typed and returns ``Valid`` (what goes in the slot, how the
bot reads it back, a note of anything said beyond the answer, and whether the reading is loose) or
``Invalid`` (the re-ask). They never raise on bad input, never do I/O and never import Rasa, so the
form actions (actions/forms/) stay thin and these rules can be tested exhaustively.

=============  =============================================================================
module         answers
=============  =============================================================================
yes_no         yes/no with a reason or qualifier, and each question's own cue phrases
injuries       "was anyone hurt?": none / minor / serious in words
money          amounts in pounds inside sentences, ranges, "a few hundred", "don't know"
names          names as people type them ("ok fine, its Mark Jones")
contact        UK phone numbers and email addresses, alone or in a sentence
places         postcodes and places in words, firm or loose; a place inside a sentence
vehicles       UK registrations of every era, or "didn't get it"
free_text      descriptions; optional ones with "don't know"/"none"; what was stolen
choices        picking an option by its everyday names ("the day", "the address")
control        stop / a person / skip / "why do you need that?" from the words alone
dont_know      whether a whole answer is "I don't know"
=============  =============================================================================
"""

from __future__ import annotations

from .choices import NOTHING, Option, choose
from .contact import find_contact, find_email, find_phone, validate_contact, validate_email, validate_phone
from .control import PERSON, SKIP, STOP, UNCLEAR, WHY, control_of
from .dont_know import is_dont_know
from .free_text import (
    NONE_VALUE,
    NOTHING_TAKEN,
    find_property,
    property_answer_text,
    read_optional_text,
    validate_free_text,
)
from .injuries import LEVELS, MINOR, NONE, SERIOUS, read_injury
from .money import find_money, read_money
from .names import find_name, validate_name
from .places import find_place, find_postcode, validate_location, validate_postcode
from .result import NOT_KNOWN, Invalid, Result, Valid
from .vehicles import find_registration, validate_registration
from .yes_no import NO_CUES, Cues, cue_of, leading_yes_no, parse_yes_no, read_yes_no

__all__ = [
    "LEVELS",
    "MINOR",
    "NONE",
    "NONE_VALUE",
    "NOTHING",
    "NOTHING_TAKEN",
    "NOT_KNOWN",
    "NO_CUES",
    "PERSON",
    "SERIOUS",
    "SKIP",
    "STOP",
    "UNCLEAR",
    "WHY",
    "Cues",
    "Invalid",
    "Option",
    "Result",
    "Valid",
    "choose",
    "control_of",
    "cue_of",
    "find_contact",
    "find_email",
    "find_money",
    "find_name",
    "find_phone",
    "find_place",
    "find_postcode",
    "find_property",
    "find_registration",
    "is_dont_know",
    "leading_yes_no",
    "parse_yes_no",
    "property_answer_text",
    "read_injury",
    "read_money",
    "read_optional_text",
    "read_yes_no",
    "validate_contact",
    "validate_email",
    "validate_free_text",
    "validate_location",
    "validate_name",
    "validate_phone",
    "validate_postcode",
    "validate_registration",
]
