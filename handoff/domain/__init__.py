"""The handoff gateway's pure domain: conversation lifecycle, queue order, wait estimate, agents.

No web framework, database, asyncio or other I/O here: the application layer loads entities,
calls these functions and methods, commits, then publishes the returned events.
"""

from .agents import GRANTS, Permission, Presence, Role, allowed, can_take
from .conversation import (
    LEGAL_FROM,
    OUTCOMES,
    Conversation,
    Move,
    Outcome,
    Route,
    Status,
    allowed_moves,
    invariant_violations,
)
from .errors import (
    AlreadyClaimed,
    DomainError,
    IllegalTransition,
    InconsistentState,
    InvalidOutcome,
    InvalidValue,
)
from .events import (
    Claimed,
    Closed,
    DomainEvent,
    EmergencyFlagged,
    Escalated,
    Queued,
    Released,
    ReportRecorded,
    ReturnedToBot,
    Transferred,
)
from .queue import QueueEntry, order_queue, queue_position, waiting_seconds
from .wait import WaitInputs, WaitPolicy, estimate_wait_seconds, handling_seconds

__all__ = [
    "GRANTS",
    "LEGAL_FROM",
    "OUTCOMES",
    "AlreadyClaimed",
    "Claimed",
    "Closed",
    "Conversation",
    "DomainError",
    "DomainEvent",
    "EmergencyFlagged",
    "Escalated",
    "IllegalTransition",
    "InconsistentState",
    "InvalidOutcome",
    "InvalidValue",
    "Move",
    "Outcome",
    "Permission",
    "Presence",
    "QueueEntry",
    "Queued",
    "Released",
    "ReportRecorded",
    "ReturnedToBot",
    "Role",
    "Route",
    "Status",
    "Transferred",
    "WaitInputs",
    "WaitPolicy",
    "allowed",
    "allowed_moves",
    "can_take",
    "estimate_wait_seconds",
    "handling_seconds",
    "invariant_violations",
    "order_queue",
    "queue_position",
    "waiting_seconds",
]
