"""Need to know: who may open which chat.

* Supervisors and admins may open any chat (they oversee the room).
* An agent may open a chat that is waiting in the queue (to decide whether to claim it), a chat
  they hold now, and a chat they held before (to follow up their own work).
* Anyone else — an agent asking for a colleague's chat by id, an analyst — may not, here: the
  analysts' pages show redacted transcripts through their own permission.

Every view that is allowed is audited by the caller; so is every refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .agents import Role
from .conversation import Status


class Access(StrEnum):
    OVERSIGHT = "oversight"  # supervisor or admin
    QUEUED = "queued"  # waiting in the queue: any agent may look before claiming
    HOLDER = "holder"  # the agent has the chat now
    HELD_BEFORE = "held_before"  # the agent had it earlier
    DENIED = "denied"


@dataclass(frozen=True)
class ChatAccessFacts:
    """What the rule needs to know about one chat and one viewer."""

    viewer_id: str
    viewer_role: str
    status: Status | str
    holder_id: str | None
    previous_holders: frozenset[str] = frozenset()


def access(facts: ChatAccessFacts) -> Access:
    """Why the viewer may open the chat, or ``Access.DENIED``."""
    if facts.viewer_role in (Role.SUPERVISOR, Role.ADMIN):
        return Access.OVERSIGHT
    if facts.viewer_role != Role.AGENT:
        return Access.DENIED
    if Status(facts.status) is Status.QUEUED:
        return Access.QUEUED
    if (
        facts.holder_id is not None
        and facts.holder_id == facts.viewer_id
        and Status(facts.status) is Status.AGENT
    ):
        return Access.HOLDER
    if facts.viewer_id in facts.previous_holders:
        return Access.HELD_BEFORE
    return Access.DENIED


def may_view(facts: ChatAccessFacts) -> bool:
    return access(facts) is not Access.DENIED
