"""The wait estimate: a number for every citizen, never decreasing with position."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest

from handoff.domain import InvalidValue, WaitInputs, WaitPolicy, estimate_wait_seconds, handling_seconds

POLICY = WaitPolicy(
    pickup_seconds=30,
    default_handling_seconds=600,
    min_handling_seconds=120,
    trim_fraction=0.2,
    min_samples=3,
    sample_size=20,
    step_seconds=30,
    max_seconds=3600,
)


def wait(position: int, loads: tuple[int, ...] = (), samples: tuple[float, ...] = (), limit: int = 3) -> int:
    inputs = WaitInputs(
        position=position, agent_loads=loads, concurrency_limit=limit, recent_handling_seconds=samples
    )
    return estimate_wait_seconds(inputs, POLICY)


# -- handling time ---------------------------------------------------------------------------


@pytest.mark.parametrize("samples", [(), (100.0,), (100.0, 200.0)])
def test_too_few_samples_use_the_default_handling_time(samples: tuple[float, ...]) -> None:
    assert handling_seconds(samples, POLICY) == 600


def test_handling_time_is_the_trimmed_mean_of_recent_samples() -> None:
    # Five samples: the shortest and the longest (20 % each) are dropped, the rest averaged.
    assert handling_seconds((300, 400, 500, 600, 10_000), POLICY) == 500, (
        "one very long call does not dominate"
    )
    assert handling_seconds((1, 400, 500, 600, 700), POLICY) == 500, "nor one suspiciously quick one"
    assert handling_seconds((200, 300, 400, 500), POLICY) == 350


def test_skewed_handling_times_still_count_the_long_ones() -> None:
    # A night of quick closes with some real conversations among them: 12 of 20 under a minute,
    # 8 of 10-20 minutes. The old median said 45 s; the trimmed mean keeps the long ones in.
    quick = (30.0, 40.0, 45.0, 50.0, 35.0, 42.0, 38.0, 55.0, 44.0, 41.0, 39.0, 47.0)
    long = (600.0, 900.0, 1200.0, 720.0, 840.0, 1020.0, 660.0, 780.0)
    samples = quick + long
    h = handling_seconds(samples, POLICY)
    assert 200 < h < 600
    assert h > 2 * sorted(samples)[len(samples) // 2]


def test_handling_time_has_a_floor() -> None:
    assert handling_seconds((5.0, 8.0, 10.0, 12.0, 6.0), POLICY) == 120
    assert handling_seconds((5.0, 8.0, 10.0), WaitPolicy(min_handling_seconds=0)) < 120


def test_330_waiting_with_two_agents_is_never_about_a_minute() -> None:
    # Even with every recent close a few seconds long, the floor and the queue length decide.
    for samples in [(), (3.0,) * 20, (20.0, 30.0, 40.0) * 6, (600.0,) * 20]:
        estimate = wait(330, loads=(3, 3), samples=samples)
        assert estimate == 3600, samples  # shown as "over an hour"
    # and it grows with the queue: further back waits longer, more agents shorten it
    assert wait(5, loads=(3, 3)) < wait(20, loads=(3, 3)) < wait(30, loads=(3, 3))
    assert wait(20, loads=(3, 3, 3, 3)) < wait(20, loads=(3, 3))


def test_only_the_last_sample_size_samples_count() -> None:
    old = (5000.0,) * 30
    recent = (120.0,) * 20
    assert handling_seconds(old + recent, POLICY) == 120


def test_unusable_samples_are_ignored() -> None:
    assert handling_seconds((-50.0, math.nan, math.inf, 100.0, 200.0), POLICY) == 600  # only 2 usable
    assert handling_seconds((-50.0, 100.0, 200.0, 300.0), POLICY) == 200


def test_no_history_gives_the_default_based_estimate() -> None:
    # One agent, all 3 slots busy, position 1: 30 + 1 × 600 / 3 = 230 → 240.
    assert wait(1, loads=(3,)) == 240


# -- the cases ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "loads"),
    [(1, (0,)), (3, (0,)), (2, (2, 2)), (3, (1, 3, 2)), (1, (2,))],
)
def test_a_free_slot_means_just_the_pickup_time(position: int, loads: tuple[int, ...]) -> None:
    assert wait(position, loads) == 30


def test_partly_free_slots() -> None:
    # Free slots: 2 (loads 1 and 3, limit 3). Capacity 6. Handling 600.
    assert wait(2, loads=(1, 3)) == 30
    assert wait(3, loads=(1, 3)) == 150  # 30 + 1 × 100 = 130 → 150
    assert wait(8, loads=(1, 3)) == 630  # 30 + 6 × 100 = 630


@pytest.mark.parametrize("position", [1, 2, 5, 40])
def test_with_no_agent_available_the_citizen_still_gets_a_number(position: int) -> None:
    estimate = wait(position, loads=())
    assert isinstance(estimate, int)
    assert 30 < estimate <= 3600
    # Assumed: one agent, all slots busy.
    assert estimate == wait(position, loads=(3,))


def test_many_ahead() -> None:
    # Two agents, all six slots busy, mean of 400, 480, 620 = 500 s: 30 + 10 × 500 / 6 = 863 → 870.
    assert wait(10, loads=(3, 3), samples=(400, 480, 620)) == 870


def test_rounded_up_to_thirty_second_steps() -> None:
    assert wait(1, loads=(3,), samples=(180, 180, 180)) == 90  # 30 + 60 = 90: already a step
    assert wait(1, loads=(3,), samples=(183, 183, 183)) == 120  # 91 → 120
    # 30 + 25 × 68.4 / 3 is exactly 600, but 600.0000000000001 in floats: no extra step.
    unfloored = dataclasses.replace(POLICY, min_handling_seconds=0)
    inputs = WaitInputs(position=25, agent_loads=(3,), recent_handling_seconds=(68.4, 68.4, 68.4))
    assert estimate_wait_seconds(inputs, unfloored) == 600


def test_clamped_to_the_maximum() -> None:
    assert wait(500, loads=(3,)) == 3600
    assert (
        estimate_wait_seconds(WaitInputs(position=500, agent_loads=(3,)), WaitPolicy(max_seconds=1800))
        == 1800
    )


def test_loads_above_the_limit_count_as_full() -> None:
    assert wait(1, loads=(5,)) == wait(1, loads=(3,))


def test_defaults_are_the_documented_ones() -> None:
    assert WaitInputs(position=1).concurrency_limit == 3
    assert WaitPolicy() == POLICY
    assert estimate_wait_seconds(WaitInputs(position=1, agent_loads=(0,))) == 30


# -- properties, over many random snapshots (a seeded loop: hypothesis is not a dependency) ----


def random_snapshots(count: int) -> list[tuple[tuple[int, ...], tuple[float, ...], int]]:
    rng = random.Random(20250106)
    snapshots = []
    for _ in range(count):
        limit = rng.randint(1, 5)
        loads = tuple(rng.randint(0, limit + 1) for _ in range(rng.randint(0, 6)))
        samples = tuple(rng.uniform(0, 3000) for _ in range(rng.randint(0, 30)))
        snapshots.append((loads, samples, limit))
    return snapshots


SNAPSHOTS = random_snapshots(300)


def test_never_decreases_as_position_grows() -> None:
    for loads, samples, limit in SNAPSHOTS:
        estimates = [wait(p, loads, samples, limit) for p in range(1, 80)]
        assert estimates == sorted(estimates), (loads, samples, limit)


def test_an_extra_available_agent_never_makes_it_longer() -> None:
    for loads, samples, limit in SNAPSHOTS:
        for extra_load in range(limit + 1):
            for position in (1, 2, 5, 13, 40):
                with_extra = wait(position, (*loads, extra_load), samples, limit)
                if loads:  # with nobody on, the estimate already assumes one agent arrives
                    assert with_extra <= wait(position, loads, samples, limit)


def test_always_a_step_multiple_within_bounds() -> None:
    for loads, samples, limit in SNAPSHOTS:
        for position in (1, 3, 7, 50, 400):
            estimate = wait(position, loads, samples, limit)
            assert 0 <= estimate <= POLICY.max_seconds
            assert estimate % POLICY.step_seconds == 0 or estimate == POLICY.max_seconds


def test_deterministic_and_independent_of_agent_order() -> None:
    for loads, samples, limit in SNAPSHOTS[:50]:
        assert wait(4, loads, samples, limit) == wait(4, tuple(reversed(loads)), samples, limit)
        assert wait(4, loads, samples, limit) == wait(4, loads, samples, limit)


# -- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"position": 0},
        {"position": -1},
        {"position": 1, "concurrency_limit": 0},
        {"position": 1, "agent_loads": (1, -1)},
    ],
)
def test_invalid_inputs_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidValue):
        WaitInputs(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pickup_seconds": -1},
        {"default_handling_seconds": 0},
        {"min_samples": 0},
        {"min_samples": 5, "sample_size": 4},
        {"step_seconds": 0},
        {"max_seconds": 10, "step_seconds": 30},
    ],
)
def test_invalid_policies_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidValue):
        WaitPolicy(**kwargs)
