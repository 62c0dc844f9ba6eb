"""The rule layer on long messages in the public's style (issue #8 item 5, issue #10 item 3).

``story_cases.py``: stories, past events, children's phrasing, answers typed to the assistant's own
questions, safeguarding told as a story. ``rule_cases.py``: a positive and a negative set for each
rule added for them. The rule layer alone, no Rasa (~3 s).
"""

from __future__ import annotations

import pytest
from rule_cases import EXTENDED_CASES, RULE_CASES
from story_cases import (
    ANSWERS_DANGER,
    ANSWERS_NOT_NOW,
    CHILDREN,
    FRESH2_CHILDREN,
    FRESH2_EMERGENCIES,
    FRESH2_MEDICAL,
    FRESH2_NOT_NOW,
    FRESH2_ORDINARY,
    FRESH2_SAFEGUARDING,
    FRESH3_EMERGENCIES,
    FRESH3_NOT_NOW,
    FRESH3_ORDINARY,
    FRESH3_SAFEGUARDING,
    FRESH_CHILDREN,
    FRESH_EMERGENCIES,
    FRESH_MEDICAL,
    FRESH_NOT_NOW,
    FRESH_ORDINARY,
    FRESH_SAFEGUARDING,
    ISSUE_EXAMPLES,
    MEDICAL,
    ORDINARY,
    PAST_STORIES,
    PAST_THREATS,
    STORY_EMERGENCIES,
    STORY_SAFEGUARDING,
)

from triage import copy
from triage.safety import EMERGENCY, SAFEGUARDING, SafetyRules, default_rules
from triage.safety.engine import all_rules

#: Concerns whose 999 reply asks for an ambulance (``triage.copy``); with "too" for a threat to life
#: (an overdose taken is a threat to life).
AMBULANCE = {c for c, line in copy.SERVICE_LINES_BY_CONCERN.items() if line == copy.AMBULANCE_LINE}
ANY_AMBULANCE = AMBULANCE | {
    c for c, line in copy.SERVICE_LINES_BY_CONCERN.items() if line == copy.AMBULANCE_TOO_LINE
}

#: Texts the rule layer still gets wrong, kept visible rather than deleted (see the README).
KNOWN_MISSES = {
    # emergencies told in a way no rule reads yet
    "Hi there, I run the corner shop on Dale Street.",  # a thief behind the counter, no crime verb
    "He keeps ringing me from a withheld number saying he's outside",  # "keeps" reads as a habit
    "We had a new fence put up in April",  # "tonight" is not a present cue
    # safeguarding without a word the rules know
    "Me and my boyfriend were called names and shoved in the street",  # homophobia implied only
    "He pushed me down the stairs last year and I told everyone I fell.",  # no partner named
    "For the past few weeks the same man has been waiting at the bus stop",  # stalking by routine
    "I'm 17 and my dad controls everything",  # control by a parent, not a partner
    # the third fresh set (written after all changes, never tuned on): its misses as first measured
    "Evening, I manage the Spar on Hill Road.",  # a robbery told by what the robbers are holding
    "i've been walking for 20 mins and this van has been crawling behind me",  # "crawling behind"
    "Grandad is making a funny gurgling noise and his lips are blue",  # "lips are blue" (not "gone")
    "My partner tells me I'm useless every day",  # emotional abuse and money control in other words
    "The people in the flat downstairs leave their toddler alone",  # reads as a child crying now: 999
    "I feel like I can't go on anymore",  # "can't go on", "better off if I wasn't here"
    "The women working in the massage place",  # servitude told by routine
}


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return default_rules()


def _cases(*groups: list[tuple[str, str | None]] | list[str]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for group in groups:
        for item in group:
            text, concern = item if isinstance(item, tuple) else (item, None)
            marks = [pytest.mark.xfail(strict=True)] if any(text.startswith(k) for k in KNOWN_MISSES) else []
            out.append(pytest.param(text, concern, marks=marks, id=text[:50]))
    return out


@pytest.mark.parametrize(
    ("text", "concern"),
    _cases(STORY_EMERGENCIES, CHILDREN, ANSWERS_DANGER, FRESH_EMERGENCIES, FRESH_CHILDREN)
    + _cases(FRESH2_EMERGENCIES, FRESH2_CHILDREN, FRESH3_EMERGENCIES),
)
def test_danger_now_in_a_story_is_an_emergency(rules: SafetyRules, text: str, concern: str | None) -> None:
    hit = rules.check(text)
    assert hit is not None and hit.category == EMERGENCY, hit
    if concern is not None:
        # an ambulance concern may come out as the other ambulance concern ("not moving" after a crash)
        assert hit.concern == concern or {hit.concern, concern} <= AMBULANCE, hit


@pytest.mark.parametrize(("text", "concern"), _cases(MEDICAL, FRESH_MEDICAL, FRESH2_MEDICAL))
def test_medical_emergencies_in_plain_words_get_an_ambulance(
    rules: SafetyRules, text: str, concern: str | None
) -> None:
    hit = rules.check(text)
    assert hit is not None and hit.category == EMERGENCY and hit.concern in ANY_AMBULANCE, hit


@pytest.mark.parametrize(
    ("text", "concern"),
    _cases(PAST_STORIES, PAST_THREATS, ANSWERS_NOT_NOW, FRESH_NOT_NOW, FRESH2_NOT_NOW, FRESH3_NOT_NOW),
)
def test_a_past_event_or_a_settled_answer_is_not_an_emergency(
    rules: SafetyRules, text: str, concern: str | None
) -> None:
    hit = rules.check(text)
    assert hit is None or hit.category != EMERGENCY, hit


@pytest.mark.parametrize(
    ("text", "concern"),
    _cases(STORY_SAFEGUARDING, FRESH_SAFEGUARDING, FRESH2_SAFEGUARDING, FRESH3_SAFEGUARDING),
)
def test_safeguarding_told_as_a_story_reaches_a_person(rules: SafetyRules, text: str, concern: str) -> None:
    hit = rules.check(text)
    assert hit is not None and (hit.category, hit.concern) == (SAFEGUARDING, concern), hit


@pytest.mark.parametrize(
    ("text", "concern"), _cases(ORDINARY, FRESH_ORDINARY, FRESH2_ORDINARY, FRESH3_ORDINARY)
)
def test_ordinary_reports_fire_nothing(rules: SafetyRules, text: str, concern: str | None) -> None:
    assert rules.check(text) is None


@pytest.mark.parametrize(("text", "emergency"), ISSUE_EXAMPLES, ids=[t[:50] for t, _ in ISSUE_EXAMPLES])
def test_the_issues_own_examples(rules: SafetyRules, text: str, emergency: bool) -> None:
    hit = rules.check(text)
    assert (hit is not None and hit.category == EMERGENCY) is emergency, hit


# -- one rule at a time ---------------------------------------------------------------------------

_CATEGORY = {rule.name: rule.category for rule in all_rules()} | {"child_adult_relationship": SAFEGUARDING}


def _rule_params(table: dict[str, tuple[list[str], list[str]]], index: int) -> list[tuple[str, str]]:
    return [
        pytest.param(rule, text, id=f"{rule}:{text[:40]}")
        for rule, pair in table.items()
        for text in pair[index]
    ]


def test_every_new_rule_has_cases_both_ways() -> None:
    for rule, (fires, does_not) in RULE_CASES.items():
        assert rule in _CATEGORY, rule
        assert len(fires) >= 2 and len(does_not) >= 2, rule


@pytest.mark.parametrize(("rule", "text"), _rule_params(RULE_CASES, 0) + _rule_params(EXTENDED_CASES, 0))
def test_rule_fires(rules: SafetyRules, rule: str, text: str) -> None:
    assert rule in rules.fired(text), rules.fired(text)
    assert _CATEGORY[rule] in {hit.category for hit in rules.hits(text)}


@pytest.mark.parametrize(("rule", "text"), _rule_params(RULE_CASES, 1) + _rule_params(EXTENDED_CASES, 1))
def test_rule_does_not_fire(rules: SafetyRules, rule: str, text: str) -> None:
    assert rule not in rules.fired(text)
    if _CATEGORY[rule] == EMERGENCY:
        hit = rules.check(text)
        assert hit is None or hit.category != EMERGENCY, hit


# -- long messages --------------------------------------------------------------------------------


def test_danger_at_the_end_of_a_long_story_still_fires(rules: SafetyRules) -> None:
    story = " ".join(PAST_STORIES[:14])  # about 2,000 characters of past events, no danger now
    assert len(story) > 1800
    hit = rules.check(story)
    assert hit is None or hit.category != EMERGENCY, hit
    hit = rules.check(story + " Anyway sorry, the reason I'm writing now is he's outside the house now.")
    assert hit is not None and hit.concern == "offender_present", hit


def test_an_elided_subject_reads_the_time_of_its_clause(rules: SafetyRules) -> None:
    """ "... have just got in and walked off with X" is now; "... got in yesterday and walked off" is not."""
    now = rules.check("two lads have just got into the house and walked off with my handbag")
    assert now is not None and now.category == EMERGENCY
    then = rules.check("two lads got into the house yesterday and walked off with my handbag")
    assert then is None or then.category != EMERGENCY


def test_a_clock_time_is_not_the_verb_am(rules: SafetyRules) -> None:
    hit = rules.check("my ex turned up at 2am hammering on the door, it was horrible")
    assert hit is None or hit.category != EMERGENCY, hit
    hit = rules.check("he is hammering on the door")
    assert hit is not None and hit.concern == "in_progress"
