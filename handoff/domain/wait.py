"""The estimated wait shown to a queued citizen (``State.estimated_wait_seconds``).

How the estimate is made
========================

Inputs (:class:`WaitInputs`, one snapshot of the queue):

* ``position`` — the citizen's 1-based place in the ordered queue;
* ``agent_loads`` — one number per agent who is on duty **and** marked available: the chats that
  agent has open now (agents who are away or offline are not counted);
* ``concurrency_limit`` — how many chats one agent may hold at once (default 3);
* ``recent_handling_seconds`` — the most recent handling times, oldest first, where a handling
  time runs from an agent's claim to a **real close** of the chat. Chats closed as ``abandoned``
  (the citizen left) or ``duplicate`` are not handling: a night of quick "abandoned" closes made
  the old median collapse to seconds and told citizen number 330 "about 1 minute". The adapter
  (``AssignmentRepository.recent_handling_seconds``) leaves them out, and releases, transfers
  and returns to the bot too (the chat was not finished).

Settings (:class:`WaitPolicy`): ``pickup_seconds`` (30 s: the time for an agent with a free slot
to notice and claim the chat), ``default_handling_seconds`` (600 s), ``min_handling_seconds``
(120 s, the floor), ``trim_fraction`` (0.2), ``min_samples`` (3), ``sample_size`` (20),
``step_seconds`` (30) and ``max_seconds`` (3600).

Method:

1. **Handling time** H = the **trimmed mean** of the last ``sample_size`` recent handling times
   (the shortest and longest ``trim_fraction`` of them dropped, then the mean of the rest), or
   ``default_handling_seconds`` when fewer than ``min_samples`` exist; never below
   ``min_handling_seconds``. Trimmed, so one very long call does not double everybody's estimate
   and a run of very quick ones does not halve it; the mean of the middle, not the median, so a
   skewed mix (many short, some long) still counts the long ones; the floor, because no real
   conversation with a person is over in under two minutes. Negative or non-finite samples (clock
   skew, bad rows) are ignored.
2. **Free slots** F = Σ max(0, limit − load) over the available agents.
3. If ``position ≤ F`` an agent can take the chat now: wait = ``pickup_seconds``.
4. Otherwise the chats ahead must finish first. With C = agents × limit slots all busy and chats
   finishing at staggered times, a slot frees about every H / C seconds, so the k-th chat beyond
   the free slots waits about k × H / C:
   wait = ``pickup_seconds`` + (position − F) × H / C.
   (Assuming all C chats started together — ``ceil(k / C) × H`` — would overstate the wait by up
   to a whole handling time.)
5. **Nobody available** (no agents on duty, or all away): the citizen still gets a number. We
   assume one agent comes on or back, with all of their slots taken by chats already waiting:
   F = 0 and C = limit in step 4. The number is honest that there is a wait, not a promise.
6. Round **up** to a multiple of ``step_seconds`` (30 s steps read as "about N minutes" without
   false precision), then clamp to ``max_seconds``; the page can show the maximum as "over an hour".

The function is pure and deterministic: the same inputs always give the same number, and the
estimate never decreases as ``position`` grows, nor increases when an available agent is added.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from .errors import InvalidValue


@dataclass(frozen=True)
class WaitPolicy:
    """Configured constants (gateway settings), separate from the snapshot so tests can pin them."""

    pickup_seconds: int = 30
    default_handling_seconds: int = 600
    min_handling_seconds: int = 120
    trim_fraction: float = 0.2
    min_samples: int = 3
    sample_size: int = 20
    step_seconds: int = 30
    max_seconds: int = 3600

    def __post_init__(self) -> None:
        if self.pickup_seconds < 0 or self.default_handling_seconds <= 0:
            raise InvalidValue("pickup_seconds must be >= 0 and default_handling_seconds > 0")
        if self.min_handling_seconds < 0 or not 0 <= self.trim_fraction < 0.5:
            raise InvalidValue("min_handling_seconds must be >= 0 and 0 <= trim_fraction < 0.5")
        if self.min_samples < 1 or self.sample_size < self.min_samples:
            raise InvalidValue("need 1 <= min_samples <= sample_size")
        if self.step_seconds < 1 or self.max_seconds < self.step_seconds:
            raise InvalidValue("need 1 <= step_seconds <= max_seconds")


@dataclass(frozen=True)
class WaitInputs:
    """A snapshot of the queue for one citizen."""

    position: int
    agent_loads: tuple[int, ...] = ()
    concurrency_limit: int = 3
    recent_handling_seconds: tuple[float, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.position < 1:
            raise InvalidValue(f"queue position is 1-based, got {self.position}")
        if self.concurrency_limit < 1:
            raise InvalidValue(f"concurrency limit must be at least 1, got {self.concurrency_limit}")
        if any(load < 0 for load in self.agent_loads):
            raise InvalidValue("agent loads cannot be negative")


def handling_seconds(recent: tuple[float, ...], policy: WaitPolicy) -> float:
    """Step 1: the trimmed mean of recent usable samples (or the default if too few), floored."""
    usable = [s for s in recent if math.isfinite(s) and s >= 0][-policy.sample_size :]
    if len(usable) < policy.min_samples:
        value = float(policy.default_handling_seconds)
    else:
        ordered = sorted(usable)
        cut = int(len(ordered) * policy.trim_fraction)
        kept = ordered[cut : len(ordered) - cut] or ordered
        value = float(statistics.fmean(kept))
    return max(float(policy.min_handling_seconds), value)


def estimate_wait_seconds(inputs: WaitInputs, policy: WaitPolicy | None = None) -> int:
    """The wait, in seconds, to show a citizen at ``inputs.position`` (see the module docstring)."""
    policy = policy or WaitPolicy()
    handling = handling_seconds(inputs.recent_handling_seconds, policy)
    limit = inputs.concurrency_limit
    free_slots = sum(max(0, limit - load) for load in inputs.agent_loads)
    # No one available: assume one agent, all slots busy (step 5).
    capacity = max(1, len(inputs.agent_loads)) * limit
    if inputs.position <= free_slots:
        raw = float(policy.pickup_seconds)
    else:
        raw = policy.pickup_seconds + (inputs.position - free_slots) * handling / capacity
    # The tiny tolerance keeps float noise (e.g. 90.00000000001) from adding a whole extra step.
    rounded = math.ceil(raw / policy.step_seconds - 1e-9) * policy.step_seconds
    return min(policy.max_seconds, rounded)
