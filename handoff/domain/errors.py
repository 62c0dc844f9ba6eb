"""Errors the domain raises, so the web layer can map each family to one HTTP status.

Every exception derives from :class:`DomainError`; the web layer can catch that once and turn
``IllegalTransition`` into 409/422, ``AlreadyClaimed`` into 409 and ``InvalidValue`` into 400.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class: a request the domain refuses. Never raised for infrastructure failures."""


class IllegalTransition(DomainError):
    """A move the conversation's current state does not allow (e.g. claiming a closed chat).

    Carries the state and the move so logs and error bodies say exactly what was attempted.
    """

    def __init__(self, status: str, move: str, detail: str | None = None) -> None:
        self.status = status
        self.move = move
        self.detail = detail
        message = f"illegal transition: cannot {move} a conversation that is {status}"
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)


class UnsafeMove(IllegalTransition):
    """A move the state allows in general but this chat must not make (returning an emergency or
    safeguarding chat to the assistant). The web layer answers 409 with ``detail`` as the reason."""


class AlreadyClaimed(DomainError):
    """Claim of a conversation an agent already has: the web layer answers 409.

    A separate class (not an ``IllegalTransition``) because two agents clicking "claim" on the same
    queue row is an expected race, not a bug, and the console shows a friendly message for it.
    """

    def __init__(self, conversation_id: str, held_by: str) -> None:
        self.conversation_id = conversation_id
        self.held_by = held_by
        super().__init__(f"conversation {conversation_id} is already claimed by agent {held_by}")


class InvalidValue(DomainError, ValueError):
    """An argument the domain cannot accept (blank id, unknown outcome, negative load...).

    Also a ``ValueError`` so generic callers that validate input with ``except ValueError`` work.
    """


class InvalidOutcome(InvalidValue):
    """``close`` with an outcome outside :data:`handoff.domain.conversation.OUTCOMES`."""

    def __init__(self, outcome: str, allowed: tuple[str, ...]) -> None:
        self.outcome = outcome
        self.allowed = allowed
        super().__init__(f"unknown outcome {outcome!r}; expected one of: {', '.join(allowed)}")


class InconsistentState(DomainError):
    """A conversation whose fields contradict its status (e.g. ``agent`` without an agent id).

    Raised when an adapter rebuilds a corrupt row, so it fails loudly at load time instead of
    routing a citizen's messages nowhere.
    """
