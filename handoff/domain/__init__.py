"""The handoff gateway's pure domain: conversation lifecycle, queue order, wait estimate, agents.

No web framework, database, asyncio or other I/O here: the application layer loads entities,
calls these functions and methods, commits, then publishes the returned events.
"""

from .access import Access, ChatAccessFacts, access, may_view
from .agents import GRANTS, Permission, Presence, Role, allowed, can_take
from .closing import CloseDetails, close_details
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
    UnsafeMove,
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
from .handover import Handover, HandoverAccepted, HandoverStatus, NotTheReceiver
from .queue import QueueEntry, order_queue, queue_position, waiting_seconds
from .supervision import Alert, PriorityWaits, emergency_alerts, waits_by_priority
from .thrive import THRIVE_ITEMS, THRIVE_LEVELS
from .wait import WaitInputs, WaitPolicy, estimate_wait_seconds, handling_seconds

__all__ = [
    "GRANTS",
    "LEGAL_FROM",
    "OUTCOMES",
    "THRIVE_ITEMS",
    "THRIVE_LEVELS",
    "Access",
    "Alert",
    "AlreadyClaimed",
    "ChatAccessFacts",
    "Claimed",
    "CloseDetails",
    "Closed",
    "Conversation",
    "DomainError",
    "DomainEvent",
    "EmergencyFlagged",
    "Escalated",
    "Handover",
    "HandoverAccepted",
    "HandoverStatus",
    "IllegalTransition",
    "InconsistentState",
    "InvalidOutcome",
    "InvalidValue",
    "Move",
    "NotTheReceiver",
    "Outcome",
    "Permission",
    "Presence",
    "PriorityWaits",
    "QueueEntry",
    "Queued",
    "Released",
    "ReportRecorded",
    "ReturnedToBot",
    "Role",
    "Route",
    "Status",
    "Transferred",
    "UnsafeMove",
    "WaitInputs",
    "WaitPolicy",
    "access",
    "allowed",
    "allowed_moves",
    "can_take",
    "close_details",
    "emergency_alerts",
    "estimate_wait_seconds",
    "handling_seconds",
    "invariant_violations",
    "may_view",
    "order_queue",
    "queue_position",
    "waiting_seconds",
    "waits_by_priority",
]
