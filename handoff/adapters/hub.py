"""In-process websocket fan-out: citizen sockets by conversation, staff sockets by user.

One gateway process holds every socket it accepted. Running several gateways needs a shared bus
(Redis pub/sub) in front of this; see README "Production layout".
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

logger = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 5.0


class Socket(Protocol):
    async def send(self, data: str) -> None: ...
    async def close(self, code: int = 1000, reason: str = "") -> None: ...


#: Close code when a member of staff's session ended (logout, expiry, account disabled, sessions
#: revoked): 4000 + 401, so the console shows its login form instead of reconnecting.
SESSION_ENDED = 4401


@dataclass(frozen=True)
class Staff:
    user_id: int
    role: str
    # The session the socket was opened with (its id in the sessions table): the socket lives
    # only as long as that session.
    session_id: str = ""


class Hub:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._citizens: dict[str, set[Socket]] = defaultdict(set)
        self._staff: dict[Socket, Staff] = {}
        # When each member of staff closed their last socket (monotonic seconds): the sweeper
        # hands their chats back to the queue after the grace period.
        self._left: dict[int, float] = {}
        # The same for citizens' pages: a chat whose page has been offline longer than
        # CITIZEN_OFFLINE_SECONDS is marked as left.
        self._citizens_left: dict[str, float] = {}

    # --- membership ------------------------------------------------------------------------------

    def join_citizen(self, conversation_id: str, socket: Socket) -> None:
        self._citizens[conversation_id].add(socket)
        self._citizens_left.pop(conversation_id, None)

    def leave_citizen(self, conversation_id: str, socket: Socket) -> None:
        sockets = self._citizens.get(conversation_id)
        if sockets is not None:
            sockets.discard(socket)
            if not sockets:
                del self._citizens[conversation_id]
                self._citizens_left[conversation_id] = self._monotonic()

    def citizens_gone_longer_than(self, seconds: float, now: float) -> list[str]:
        """Chats whose last citizen socket closed ``seconds`` ago or more (forgotten once listed)."""
        gone = [cid for cid, left in self._citizens_left.items() if now - left >= seconds]
        for cid in gone:
            del self._citizens_left[cid]
        return gone

    def join_staff(self, socket: Socket, staff: Staff) -> None:
        self._staff[socket] = staff
        self._left.pop(staff.user_id, None)

    def leave_staff(self, socket: Socket) -> Staff | None:
        staff = self._staff.pop(socket, None)
        if staff is not None and not self.staff_connected(staff.user_id):
            self._left[staff.user_id] = self._monotonic()
        return staff

    def gone_longer_than(self, grace_seconds: float, now: float) -> list[int]:
        """Staff whose last socket closed more than ``grace_seconds`` ago (and did not come back)."""
        return [user_id for user_id, left in self._left.items() if now - left >= grace_seconds]

    def forget_departure(self, user_id: int) -> None:
        self._left.pop(user_id, None)

    def staff_connected(self, user_id: int) -> bool:
        return any(s.user_id == user_id for s in self._staff.values())

    def connected_staff_ids(self) -> set[int]:
        return {s.user_id for s in self._staff.values()}

    def citizen_sockets(self, conversation_id: str) -> int:
        return len(self._citizens.get(conversation_id, ()))

    def citizen_conversations(self) -> set[str]:
        return set(self._citizens)

    def staff_sessions(self) -> set[str]:
        return {s.session_id for s in self._staff.values() if s.session_id}

    async def end_sessions(self, session_ids: set[str], reason: str = "your session has ended") -> int:
        """Close (and forget at once, so nothing more is pushed to them) the staff sockets opened
        with these sessions. Returns how many were closed."""
        doomed = [sock for sock, s in self._staff.items() if s.session_id in session_ids]
        for sock in doomed:
            self.leave_staff(sock)
        await asyncio.gather(
            *(asyncio.wait_for(sock.close(SESSION_ENDED, reason), SEND_TIMEOUT_SECONDS) for sock in doomed),
            return_exceptions=True,
        )
        return len(doomed)

    # --- sending ---------------------------------------------------------------------------------

    async def to_citizen(self, conversation_id: str, payload: dict[str, Any]) -> None:
        await self._send(list(self._citizens.get(conversation_id, ())), payload)

    async def to_user(self, user_id: int, payload: dict[str, Any]) -> None:
        await self._send([sock for sock, s in self._staff.items() if s.user_id == user_id], payload)

    async def to_staff(self, payload: dict[str, Any], roles: Iterable[str] | None = None) -> None:
        wanted = set(roles) if roles is not None else None
        await self._send(
            [sock for sock, s in self._staff.items() if wanted is None or s.role in wanted], payload
        )

    async def _send(self, sockets: list[Socket], payload: dict[str, Any]) -> None:
        if not sockets:
            return
        data = json.dumps(payload, default=str)
        results = await asyncio.gather(
            *(asyncio.wait_for(sock.send(data), SEND_TIMEOUT_SECONDS) for sock in sockets),
            return_exceptions=True,
        )
        for sock, result in zip(sockets, results, strict=True):
            if isinstance(result, BaseException):
                # A dead or stuck socket is dropped; the client reconnects and re-reads the transcript.
                logger.info("dropping a websocket after a failed send (%s)", type(result).__name__)
                self._drop(sock)

    def _drop(self, socket: Socket) -> None:
        self.leave_staff(socket)
        for conversation_id in [c for c, socks in self._citizens.items() if socket in socks]:
            self.leave_citizen(conversation_id, socket)
