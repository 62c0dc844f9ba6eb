"""A story read as an answer, with no question pending, starts the report it tells."""

from __future__ import annotations

import pytest

from actions.route import NOT_ROUTED, ActionRouteAnswer, route_for
from tests.support.trackers import run, tracker

RANKING = [{"name": "inform", "confidence": 0.84}, {"name": "report_crime", "confidence": 0.15}]


@pytest.mark.parametrize(
    ("text", "ranking", "route"),
    [
        (
            "my bike was nicked from outside the co-op last night, it was worth about 300 quid",
            RANKING,
            "crime",
        ),
        (
            "a van went into the back of me at the lights this morning about 8",
            [{"name": "inform", "confidence": 0.7}, {"name": "report_collision", "confidence": 0.2}],
            "collision",
        ),
        ("last night about 10", RANKING, NOT_ROUTED),  # an answer, not a story
        ("AB12 CDE", RANKING, NOT_ROUTED),
        ("my bike was nicked from outside the co-op", [{"name": "inform", "confidence": 0.97}], NOT_ROUTED),
        (
            "my bike was nicked from outside the co-op",
            [{"name": "inform", "confidence": 0.95}, {"name": "report_crime", "confidence": 0.04}],
            NOT_ROUTED,
        ),
        ('/inform{"injury_level": "none"}', RANKING, NOT_ROUTED),
    ],
)
def test_route_for(text: str, ranking: list[dict[str, object]], route: str) -> None:
    assert route_for(text, ranking) == route


async def test_the_action_sets_the_route() -> None:
    t = tracker("my bike was nicked from outside the co-op last night, about 300 quid", "inform")
    t.latest_message["intent_ranking"] = RANKING
    slots, _, messages = await run(ActionRouteAnswer(), t)
    assert slots == {"routed_report": "crime"} and messages == []
