"""Citizen bearer tokens: the conversation id, signed. A token opens its own conversation only."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer


class CitizenTokens:
    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt="citizen-conversation")

    def issue(self, conversation_id: str) -> str:
        return self._serializer.dumps(conversation_id)

    def conversation_of(self, token: str) -> str | None:
        """The conversation a token was issued for; ``None`` for a forged or damaged token."""
        try:
            value = self._serializer.loads(token)
        except BadSignature:
            return None
        return value if isinstance(value, str) else None
