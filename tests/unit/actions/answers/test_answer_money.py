"""Values in pounds inside sentences, ranges, sums, vague amounts and "don't know"."""

from __future__ import annotations

import pytest

from actions.answers import NOT_KNOWN, Invalid, Valid, find_money, read_money

MONEY = [
    ("about £300", 300.0, "about £300"),
    ("300 quid", 300.0, "£300"),
    ("£1.2k", 1200.0, "£1,200"),
    ("1,200", 1200.0, "£1,200"),
    ("roughly 50 pounds", 50.0, "about £50"),
    ("£1.50", 1.5, "£1.50"),
    ("50p", 0.5, "£0.50"),
    ("£2 grand", 2000.0, "£2,000"),
    ("a grand", 1000.0, "£1,000"),
    ("a tenner", 10.0, "£10"),
    ("fifty quid", 50.0, "£50"),
    ("two hundred and fifty pounds", 250.0, "£250"),
    ("1.5m", 1_500_000.0, "£1,500,000"),
    ("about £300 I think", 300.0, "about £300"),
    ("300ish", 300.0, "about £300"),
    ("£200-£300", 300.0, "£200–£300"),
    ("between 200 and 300", 300.0, "£200–£300"),
    ("300 to 400", 400.0, "£300–£400"),
    ("nothing", 0.0, "no value (£0)"),
    ("no value", 0.0, "no value (£0)"),
    ("£0", 0.0, "no value (£0)"),
    ("600", 600.0, "£600"),
    # in the public's words
    ("the laptop was about £850", 850.0, "about £850"),
    ("it cost me 700 quid", 700.0, "£700"),
    ("garage quoted me 600 to fix it", 600.0, "£600"),
    ("the garage said 180 to fix the lock", 180.0, "£180"),
    ("90 for a new one", 90.0, "£90"),
    ("£250ish", 250.0, "about £250"),
    ("bout 80 quid", 80.0, "about £80"),
    ("a few hundred", 300.0, "about £300 (a few hundred)"),
    ("couple of grand", 2000.0, "about £2,000 (couple of grand)"),
    ("my iphone 13, about 400", 400.0, "about £400"),
    ("phone £500 and bag £50", 550.0, "£550 in total (£500 + £50)"),
    ("paid 900 but its worth about 400 now", 400.0, "about £400"),
    ("it was 3 years old, about 200", 200.0, "about £200"),
    ("the bike cost 450 new two years ago", 450.0, "£450"),
    ("its worth a ton", 100.0, "£100"),
    ("about two hundred quid", 200.0, "about £200"),
    ("500 i think", 500.0, "about £500"),
    ("no idea, maybe 200", 200.0, "about £200"),
    ("the repair is gonna be £1,350 according to the garage", 1350.0, "£1,350"),
]


@pytest.mark.parametrize(("text", "value", "display"), MONEY)
def test_money(text: str, value: float, display: str) -> None:
    result = read_money(text)
    assert isinstance(result, Valid), (text, result)
    assert (result.value, result.display) == (value, display)


@pytest.mark.parametrize(
    "text", ["don't know", "no idea", "dunno", "not sure tbh", "no clue how much", "idk", "no idea sorry"]
)
def test_dont_know_is_an_answer_not_an_empty_slot(text: str) -> None:
    # The value must not be None: an empty slot is asked again (the loop the issue saw).
    result = read_money(text)
    assert isinstance(result, Valid) and result.value == NOT_KNOWN and result.value is not None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("$300", "in pounds"),
        ("300 euros", "in pounds"),
        ("lots", "amount in pounds"),
        ("-5", "amount in pounds"),
        ("", "amount in pounds"),
        ("£99999999999", "please check the amount"),
        ("it was a 2 year old phone", "amount in pounds"),
        ("two lads took it", "amount in pounds"),
    ],
)
def test_money_rejected(text: str, fragment: str) -> None:
    result = read_money(text)
    assert isinstance(result, Invalid) and fragment in result.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("they took my sat nav, worth about £150", 150.0),
        ("my bike was nicked, it cost 400 quid", 400.0),
        ("someone smashed my window, about 6pm last night", None),
        ("my iphone 13 was taken", None),
        ("2 lads took my bike", None),
        ("it happened at 12 Elm Close", None),
    ],
)
def test_find_money_only_when_clearly_a_value(text: str, value: float | None) -> None:
    found = find_money(text)
    assert (found.value if found else None) == value
