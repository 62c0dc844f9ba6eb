"""Yes/no in the public's words: with reasons, qualifiers and each question's own phrases."""

from __future__ import annotations

import pytest

from actions.answers import Invalid, Valid, parse_yes_no, read_yes_no
from actions.forms.collision import CONTINUE_CUES, EXCHANGED_CUES, ROAD_CUES
from actions.forms.community import ANONYMOUS_CUES
from actions.forms.crime import KNOWN_CUES, RISK_CUES
from actions.forms.spec import CONFIRM_CUES

# --- the strict reader (whole answer is a yes or a no) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yeah", True),
        ("yep", True),
        ("y", True),
        ("correct", True),
        ("that's right", True),
        ("sure", True),
        ("ok", True),
        ("OK!", True),
        ("Yes please!", True),
        ("yes, that's correct", True),
        ("aye", True),
        ("yeah i think so", True),
        ("no", False),
        ("nope", False),
        ("nah", False),
        ("n", False),
        ("not really", False),
        ("no one", False),
        ("nobody", False),
        ("none", False),
        ("No thanks.", False),
        ("I don't think so", False),
        ("not that i know of", False),
        ("nah mate", False),
        ("noooo", None),
        ("maybe", None),
        ("yes but the date is wrong", None),
        ("yes no", None),
        ("", None),
        ("hello", None),
        ("the car was red", None),
    ],
)
def test_parse_yes_no(text: str, expected: bool | None) -> None:
    assert parse_yes_no(text) is expected


# --- sentences: a yes or no with a reason kept as the note --------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("no he refused and drove off", False, "he refused and drove off"),
        ("No, he refused and drove off.", False, "he refused and drove off"),
        ("nah he just drove off", False, "he just drove off"),
        ("no - the other driver wouldn't stop", False, "the other driver wouldn't stop"),
        ("yes we swapped numbers and insurance", True, None),
        ("yeah got all his details", True, None),
        ("nope, he was gone before I got out the car", False, "he was gone before I got out the car"),
        ("no it was parked and nobody was about", False, "it was parked and nobody was about"),
        ("he refused to give me anything", False, "he refused to give me anything"),
        ("we exchanged details yes", True, None),
        ("yes we did", True, None),
        ("didnt stop, just sped off", False, "didnt stop, just sped off"),
    ],
)
def test_details_exchanged_in_words(text: str, value: bool, note: str | None) -> None:
    result = read_yes_no(text, EXCHANGED_CUES)
    assert isinstance(result, Valid), result
    assert result.value is value
    if note is None:
        assert result.note is None or value is True
    else:
        assert result.note == note
        assert note in result.display


@pytest.mark.parametrize(
    "text", ["yes he drove off", "yeah but he refused to give me anything", "maybe", "sort of", "erm"]
)
def test_details_exchanged_contradictions_are_asked_again(text: str) -> None:
    assert isinstance(read_yes_no(text, EXCHANGED_CUES), Invalid)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes anonymous", True),
        ("yeah keep me anonymous", True),
        ("anon please", True),
        ("i'd rather not say who i am", True),
        ("id rather not give my name tbh", True),
        ("i don't want to give my details", True),
        ("dont want them to know it was me", True),
        ("yes please, I'm scared of them finding out", True),
        ("no need to be anonymous", False),
        ("no i'll give my details", False),
        ("no i'm happy to give my name", False),
        ("you can have my name and number", False),
        ("I don't mind giving my details", False),
        ("not anonymous", False),
        ("nah, happy to be contacted", False),
    ],
)
def test_anonymous_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, ANONYMOUS_CUES)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no not right now he's gone", False),
        ("no he's gone now", False),
        ("no, nobody is in danger now", False),
        ("no im safe now", False),
        ("not any more, they left", False),
        ("no one was home at the time", False),
        ("nah we're all fine", False),
        ("no it happened last night", False),
        ("no, the house was empty", False),
        ("he's gone", False),
        ("yes", True),
        ("yes he's still outside", True),
        ("yeah she keeps threatening me", True),
        ("he said he'd come back", True),
    ],
)
def test_risk_now_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, RISK_CUES, firm_only=True)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


@pytest.mark.parametrize(
    "text",
    [
        "no but he said he'd be back",
        "no he's still outside",
        "not sure",
        "dunno he might come back",
        "no but i'm scared",
        "erm",
    ],
)
def test_risk_now_unclear_answers_are_not_taken(text: str) -> None:
    # A safety question takes only a clear answer; these go to the classifier and the rules.
    assert isinstance(read_yes_no(text, RISK_CUES, firm_only=True), Invalid)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no the cars are off the road now", False),
        ("no we moved into the car park", False),
        ("no, road's clear", False),
        ("nah nothing blocking it", False),
        ("no one was drinking", False),
        ("it happened in a car park", False),
        ("we pulled over onto the hard shoulder", False),
        ("yes it's blocking the road", True),
        ("yes he smelt of alcohol", True),
        ("i think he was drunk", True),
        ("there's glass all over the road", True),
        ("yeah the van is stuck across both lanes", True),
    ],
)
def test_road_danger_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, ROAD_CUES, firm_only=True)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


@pytest.mark.parametrize("text", ["no but he was slurring", "no but he seemed drunk", "maybe", "not sure"])
def test_road_danger_unclear(text: str) -> None:
    assert isinstance(read_yes_no(text, ROAD_CUES, firm_only=True), Invalid)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes it was my neighbour", True),
        ("my ex", True),
        ("yeah its my ex partner", True),
        ("his brother", True),
        ("no, a complete stranger", False),
        ("never seen him before", False),
        ("no idea who it was", False),
        ("don't know them", False),
        ("nope", False),
    ],
)
def test_offender_known_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, KNOWN_CUES)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yeah go ahead send it", True),
        ("send it", True),
        ("yes send", True),
        ("looks good", True),
        ("all correct thanks", True),
        ("that's everything", True),
        ("perfect", True),
        ("no the date is wrong", False),
        ("no, change the address", False),
        ("the time is wrong", False),
        ("not quite", False),
    ],
)
def test_confirm_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, CONFIRM_CUES)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


def test_confirm_keeps_what_is_wrong_as_the_note() -> None:
    result = read_yes_no("no the date is wrong", CONFIRM_CUES)
    assert isinstance(result, Valid) and result.note == "the date is wrong"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes carry on", True),
        ("i'd still like to report it", True),
        ("report it anyway please", True),
        ("no i'll tell my insurer", False),
        ("no thats fine", False),
        ("leave it", False),
    ],
)
def test_continue_in_words(text: str, value: bool) -> None:
    result = read_yes_no(text, CONTINUE_CUES)
    assert isinstance(result, Valid), (text, result)
    assert result.value is value


def test_a_weak_start_is_not_a_yes() -> None:
    # "ok so ..." starts a sentence; it is not agreeing to anything.
    assert isinstance(read_yes_no("ok so basically the van clipped me"), Invalid)
    assert isinstance(read_yes_no("ok so he drove off", EXCHANGED_CUES), Valid)


def test_the_re_ask_is_the_callers() -> None:
    result = read_yes_no("purple", ask="Do you want to stop?")
    assert isinstance(result, Invalid) and result.message == "Do you want to stop?"
