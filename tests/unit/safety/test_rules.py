"""Pure tests of the deterministic safety rule layer (``triage.safety``); no Rasa involved.

Run: ``cd /work/main && .venv/bin/pytest tests/unit/safety -q``
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import pytest
from safety_cases import EMERGENCY_CASES, NEGATIVE_CASES, SAFEGUARDING_CASES

from triage import copy, intents
from triage.safety import (
    EMERGENCY,
    EMERGENCY_CONCERNS,
    SAFEGUARDING,
    SAFEGUARDING_CONCERNS,
    SafetyHit,
    SafetyRules,
    default_rules,
)
from triage.safety.context import binomial, weekday_typo
from triage.safety.normalise import normalise


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return default_rules()


def _id(case: tuple[str, str] | str) -> str:
    text = case[0] if isinstance(case, tuple) else case
    return text[:60]


# -- the corpus ----------------------------------------------------------------------------------


def test_corpus_sizes() -> None:
    assert len(EMERGENCY_CASES) >= 80
    assert len(SAFEGUARDING_CASES) >= 40
    assert len(NEGATIVE_CASES) >= 80
    texts = [t for t, _ in EMERGENCY_CASES] + [t for t, _ in SAFEGUARDING_CASES] + NEGATIVE_CASES
    assert len(texts) == len(set(texts)), "duplicate sentence in the corpus"


@pytest.mark.parametrize(("text", "concern"), EMERGENCY_CASES, ids=[_id(c) for c in EMERGENCY_CASES])
def test_emergency(rules: SafetyRules, text: str, concern: str) -> None:
    hit = rules.check(text)
    assert hit is not None, "no hit"
    assert (hit.category, hit.concern) == (EMERGENCY, concern), hit


@pytest.mark.parametrize(("text", "concern"), SAFEGUARDING_CASES, ids=[_id(c) for c in SAFEGUARDING_CASES])
def test_safeguarding(rules: SafetyRules, text: str, concern: str) -> None:
    hit = rules.check(text)
    assert hit is not None, "no hit"
    assert (hit.category, hit.concern) == (SAFEGUARDING, concern), hit


@pytest.mark.parametrize("text", NEGATIVE_CASES, ids=[_id(c) for c in NEGATIVE_CASES])
def test_no_hit(rules: SafetyRules, text: str) -> None:
    assert rules.check(text) is None


# -- tense and time: the same event now vs in the past / hypothetically -------------------------

PAIRS = [
    ("someone is stealing my bike right now", "my bike was stolen yesterday"),
    ("someone is breaking into my car", "my car was broken into last night"),
    ("there's a fire at the shop", "there was a fire at the shop last week"),
    ("someone is following me", "what do i do if someone is following me"),
    ("there's a drunk driver on the road now", "I saw a dangerous driver yesterday"),
    ("my son is missing", "my son went missing in 2019 but he's back"),
    ("a man with a knife outside", "a man with a knife robbed me last year"),
    ("my friend has been stabbed", "my friend was stabbed a few years ago"),
    ("he's got a knife", "is it illegal to carry a knife"),
    ("kids are smashing windows on my street", "kids smash windows round here every night"),
    ("my husband is hitting me", "my husband is hitting me every day"),  # habitual: safeguarding
    (
        "two lads are carrying stuff out of next door right now",
        "two lads carried stuff out of next door on weds",
    ),
    ("a van is all over the road on the a34", "a van was all over the road on the a34 on wensday"),
    ("there are cows loose on the main road", "there were cows loose on the main road the other day"),
    ("my friend has been stabbed", "my friend got stabbed on saturday, he's fine now"),
    ("there's a fire in the shed", "there was a fire in the shed but it's out now"),
    ("someone is breaking into my car", "what do you do when someone is breaking into your car"),
    ("there's a man with a knife outside", "i read on facebook about a man with a knife outside the school"),
    (
        "my ex is outside and says he's going to kill me",
        "my ex said he'd kill me last year, he's not around now",
    ),
    (
        "a woman is lying in the road by the bus stop",
        "a woman was lying in the road by the bus stop on friday night",
    ),
    ("my little boy has fallen in the pond", "my little boy fell in the pond when he was two"),
    ("someone's doing 90 down our road right now", "someone does 90 down our road every night"),
    ("there's a van doing 100 along the bypass", "what's the fine for doing 100 along the bypass"),
    (
        "my dad with dementia has wandered out of the care home",
        "my dad with dementia wandered out of the care home last year but was found safe",
    ),
    (
        "two men are loading my neighbour's telly into a van right now",
        "two men loaded my neighbour's telly into a van on monday",
    ),
    ("he's threatening to burn my house down", "he threatened to burn my house down years ago"),
    (
        "a lad is trying to drag a girl into a car",
        "what should you do if someone tries to drag a girl into a car",
    ),
]


@pytest.mark.parametrize(("now", "not_now"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_now_versus_not_now(rules: SafetyRules, now: str, not_now: str) -> None:
    now_hit = rules.check(now)
    assert now_hit is not None and now_hit.category == EMERGENCY, now_hit
    later = rules.check(not_now)
    assert later is None or later.category != EMERGENCY, later


@pytest.mark.parametrize(
    "text",
    [
        "he was here yesterday and now he's back outside with a knife",
        "he hit me last week and he's still here",
        "my car was broken into last night and they're still in the area",
        "someone broke in on monday, now they're trying the back door again",
    ],
)
def test_present_danger_beats_past_marker(rules: SafetyRules, text: str) -> None:
    hit = rules.check(text)
    assert hit is not None and hit.category == EMERGENCY, hit


@pytest.mark.parametrize(
    ("word", "is_day"),
    [
        ("wensday", True),
        ("wendsday", True),
        ("wednsday", True),
        ("satuday", True),
        ("saterday", True),
        ("thursdy", True),
        ("tuseday", True),
        ("today", False),
        ("midday", False),
        ("holiday", False),
        ("birthday", False),
        ("someday", False),
        ("saturdays", False),  # "on saturdays" is a habit, not a date
    ],
)
def test_weekday_typo(word: str, is_day: bool) -> None:
    assert weekday_typo(word) is is_day


def test_binomials_are_not_clause_boundaries() -> None:
    assert binomial(["racing", "up", "and", "down", "the", "road"], 2)
    assert not binomial(["he", "hit", "me", "and", "ran"], 3)


@pytest.mark.parametrize(
    "text",
    [
        "got mugged on friday, i'm ok now",  # "now" inside "I'm ok now" is not a present cue
        "someone set fire to the bin overnight, it's out now",
        "he threatened to stab me in march and i'm still scared",  # "still scared" is not danger now
        "he's been following me for months, he's not here at the moment",
    ],
)
def test_settled_now_is_not_a_present_cue(rules: SafetyRules, text: str) -> None:
    hit = rules.check(text)
    assert hit is None or hit.category != EMERGENCY, hit


def test_a_hedged_ok_does_not_settle(rules: SafetyRules) -> None:
    assert rules.check("my friend got stabbed, he's ok now") is None
    hit = rules.check("my friend got stabbed, he says he's ok but he's bleeding")
    assert hit is not None and hit.category == EMERGENCY


def test_found_child_with_a_stranger_is_safeguarding(rules: SafetyRules) -> None:
    assert rules.check("my son went missing at the park but we found him") is None
    hit = rules.check("my son went missing at the park but we found him with a man")
    assert hit == SafetyHit(SAFEGUARDING, "child_at_risk", "missing_child_found")
    hit = rules.check("my son is missing and a man was seen with him")
    assert hit is not None and hit.concern == "missing_child"


@pytest.mark.parametrize(
    "text",
    [
        "burglars took the kids bikes from the shed overnight",
        "someone snatched my daughters phone off her on the bus",
        "some lads grabbed my son's scooter and rode off",
    ],
)
def test_a_childs_things_are_not_the_child(rules: SafetyRules, text: str) -> None:
    """A child noun that modifies the thing taken ("took the kids bikes") is not an abduction."""
    hit = rules.check(text)
    assert hit is None or hit.concern != "missing_child", hit
    assert rules.check("a man has just taken the kids from the park") == SafetyHit(
        EMERGENCY, "missing_child", "missing_child"
    )


def test_a_child_named_earlier_needs_no_adult_age(rules: SafetyRules) -> None:
    hit = rules.check("our 6 year old slipped out the front door and we can't find him")
    assert hit is not None and hit.concern == "missing_child"
    assert rules.check("my 19 year old daughter hasnt come home, i cant find her") is None
    assert rules.check("the lad who stole my bike ran off and i cant find him") is None


def test_recent_minutes_ago_is_not_past(rules: SafetyRules) -> None:
    hit = rules.check("a man with a knife was outside my house 5 minutes ago")
    assert hit == SafetyHit(EMERGENCY, "weapon", "weapon_present")
    assert rules.check("a man with a knife was outside my house 5 days ago") is None


def test_negation(rules: SafetyRules) -> None:
    assert rules.check("nobody is hurt") is None
    assert rules.check("no one was injured and there's no fire") is None
    hit = rules.check("no he's got a knife")  # an interjection, not a negation
    assert hit is not None and hit.concern == "weapon"


# -- precedence -----------------------------------------------------------------------------------


def test_emergency_beats_safeguarding(rules: SafetyRules) -> None:
    text = "my husband is hitting me"
    kinds = {(h.category, h.concern) for h in rules.hits(text)}
    assert (SAFEGUARDING, "domestic_abuse") in kinds
    assert (EMERGENCY, "in_progress") in kinds
    assert rules.check(text) == rules.hits(text)[0]
    assert rules.check(text).category == EMERGENCY  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want to kill myself", SAFEGUARDING),
        ("i want to kill myself tonight", EMERGENCY),
        ("i want to kill myself and i have the pills here", EMERGENCY),
        ("i've taken pills", EMERGENCY),
        ("going to jump now", EMERGENCY),
        ("about to end it", EMERGENCY),
        ("i took an overdose last year", SAFEGUARDING),
        ("i have felt suicidal in the past but i'm ok now", SAFEGUARDING),
    ],
)
def test_self_harm_with_immediacy_is_an_emergency(rules: SafetyRules, text: str, category: str) -> None:
    hit = rules.check(text)
    assert hit is not None and hit.category == category, hit
    if category == EMERGENCY:
        assert hit.concern == "threat_to_life"
    else:
        assert hit.concern == "self_harm"


def test_hits_are_ordered_and_distinct(rules: SafetyRules) -> None:
    hits = rules.hits("he's got a knife and he's stabbed my brother, he's still here")
    assert [h.concern for h in hits][:3] == ["injury", "weapon", "offender_present"]
    assert len({(h.category, h.concern) for h in hits}) == len(hits)


# -- the hit object -------------------------------------------------------------------------------


def test_hit_holds_no_message_text(rules: SafetyRules) -> None:
    text = "John Smith of 12 Acacia Avenue has got a knife"
    hit = rules.check(text)
    assert hit is not None
    assert {f.name for f in dataclasses.fields(hit)} == {"category", "concern", "rule"}
    for value in dataclasses.astuple(hit):
        assert value not in text.lower() or value in ("weapon",)
    assert "john" not in repr(hit).lower() and "acacia" not in repr(hit).lower()
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.concern = "x"  # type: ignore[misc]
    assert hit.as_dict() == {"category": hit.category, "concern": hit.concern, "rule": hit.rule}


def test_every_concern_is_declared_and_has_copy(rules: SafetyRules) -> None:
    texts = [t for t, _ in EMERGENCY_CASES] + [t for t, _ in SAFEGUARDING_CASES]
    for text in texts:
        for hit in rules.hits(text):
            declared = EMERGENCY_CONCERNS if hit.category == EMERGENCY else SAFEGUARDING_CONCERNS
            assert hit.concern in declared, hit
            if hit.category == SAFEGUARDING:
                assert copy.helplines_for(hit.concern)
    # the categories are the intent names the assistant uses
    assert (EMERGENCY, SAFEGUARDING) == (intents.EMERGENCY, intents.SAFEGUARDING)


# -- messy input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("HES got a KNIFE", "he's got a knife"),
        ("theres someone in my house", "there's someone in my house"),
        ("im scared, dont know what to do", "i'm scared, don't know what to do"),
        ("cant find my 5yo", "can't find my 5 year old"),
        ("my 7-year-old", "my 7 year old"),
        ("helpppp", "help"),
        ("kniiiife", "knife"),
        ("someones kickin my door in", "someone's kicking my door in"),
        ("shes bleedin", "she's bleeding"),
        ("he\u2019s got a gun", "he's got a gun"),
        ("knife.he's outside", "knife. he's outside"),
        ("gonna kill me", "going to kill me"),
        ("what the hell is that", "what the hell is that"),
        ("hell kill me", "he'll kill me"),
    ],
)
def test_normalise(rules: SafetyRules, raw: str, normalised: str) -> None:
    assert normalise(raw, rules._vocab) == normalised


@pytest.mark.parametrize("text", ["", "   ", "\n", "!!!", "😀", "a" * 5000])
def test_degenerate_input(rules: SafetyRules, text: str) -> None:
    assert rules.check(text) is None


def test_long_message_still_found(rules: SafetyRules) -> None:
    filler = "I have been meaning to get in touch about the parking on our road for some time. " * 40
    hit = rules.check(filler + "\n\nAnyway right now there's a man outside with a knife.")
    assert hit is not None and hit.concern == "weapon"


def test_deterministic(rules: SafetyRules) -> None:
    text = "my ex is outside my house and he's got a knife"
    assert len({rules.check(text) for _ in range(20)}) == 1
    assert SafetyRules().check(text) == rules.check(text)


# -- construction ---------------------------------------------------------------------------------


def test_default_rules_is_shared() -> None:
    assert default_rules() is default_rules()


def test_import_builds_nothing() -> None:
    """Importing the module must not import spaCy or compile matchers (that happens on first use)."""
    code = (
        "import sys, triage.safety as s; "
        "assert 'spacy' not in sys.modules, 'spacy imported at import time'; "
        "assert s.default_rules.cache_info().currsize == 0; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_check_is_fast(rules: SafetyRules) -> None:
    texts = [t for t, _ in EMERGENCY_CASES] + NEGATIVE_CASES
    start = time.perf_counter()
    for text in texts:
        rules.check(text)
    per_message = (time.perf_counter() - start) / len(texts)
    assert per_message < 0.02, f"{per_message * 1000:.2f} ms per message"
