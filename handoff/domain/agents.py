"""Agents: presence, capacity, and who may do what.

Permissions are checked against a fixed table rather than per-user grants: five roles are easy
to audit, and a force adding a role has to make an explicit decision here (the tests pin it).
Anything not in the table is denied.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .errors import InvalidValue


class Presence(StrEnum):
    AVAILABLE = "available"  # on duty and taking new chats
    AWAY = "away"  # on duty, keeps open chats, takes no new ones (break, phone call)
    OFFLINE = "offline"


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    ADMIN = "admin"
    DESK = "desk"  # the reports desk: assesses submitted reports (THRIVE) and records decisions


class Permission(StrEnum):
    QUEUE_VIEW = "queue:view"
    CONVERSATION_VIEW = "conversation:view"  # an agent's view of a chat: transcript, report fields
    CONVERSATION_CLAIM = "conversation:claim"
    CONVERSATION_MESSAGE = "conversation:message"
    CONVERSATION_RELEASE = "conversation:release"  # back to the queue, or back to the bot
    CONVERSATION_TRANSFER = "conversation:transfer"
    CONVERSATION_CLOSE = "conversation:close"
    SUPERVISOR_VIEW = "supervisor:view"  # queue, waits and agent load dashboards
    ANALYST_VIEW = "analyst:view"  # transcripts with intents and confidence
    ANALYST_REVIEW = "analyst:review"  # correct intents, retrain, evaluate, promote models
    USERS_MANAGE = "users:manage"
    DESK_VIEW = "desk:view"  # submitted reports, their fields and transcript
    DESK_DECIDE = "desk:decide"  # claim a report and record the assessment
    DESK_REDELIVER = "desk:redeliver"  # see dead-lettered deliveries and send them again


_AGENT: frozenset[Permission] = frozenset(
    {
        Permission.QUEUE_VIEW,
        Permission.CONVERSATION_VIEW,
        Permission.CONVERSATION_CLAIM,
        Permission.CONVERSATION_MESSAGE,
        Permission.CONVERSATION_RELEASE,
        Permission.CONVERSATION_TRANSFER,
        Permission.CONVERSATION_CLOSE,
    }
)

_DESK: frozenset[Permission] = frozenset({Permission.DESK_VIEW, Permission.DESK_DECIDE})

GRANTS: Mapping[Role, frozenset[Permission]] = {
    Role.AGENT: _AGENT,
    # Supervisors can step in on any chat, so they hold every agent permission, and oversee the desk.
    Role.SUPERVISOR: _AGENT | {Permission.SUPERVISOR_VIEW} | _DESK | {Permission.DESK_REDELIVER},
    # Analysts work on the model, not on live chats: they never talk to the public.
    Role.ANALYST: frozenset({Permission.ANALYST_VIEW, Permission.ANALYST_REVIEW}),
    Role.ADMIN: frozenset(Permission),
    # The desk assesses reports; it does not take live chats.
    Role.DESK: _DESK,
}


def allowed(role: Role | str, permission: Permission | str) -> bool:
    """Whether ``role`` holds ``permission``. Unknown roles and permissions are denied.

    Plain strings are accepted (a role read from the database, a permission named in a route);
    ``StrEnum`` members compare and hash as their values, so the lookup works either way.
    """
    try:
        grants = GRANTS[Role(role)]
    except ValueError:
        return False
    return permission in grants


def can_take(load: int, limit: int, presence: Presence | str) -> bool:
    """Whether an agent can be given one more chat: available and below the concurrency limit.

    Loads above the limit are possible (the limit was lowered while chats were open) and simply
    mean "no".
    """
    if load < 0 or limit < 0:
        raise InvalidValue("load and limit cannot be negative")
    return presence == Presence.AVAILABLE and load < limit
