"""Password hashing with argon2id (argon2-cffi's recommended parameters) and the password policy.

The policy follows OWASP ASVS 4 (2.1): at least 12 characters once runs of spaces count as one,
at most 128, any characters (spaces, Unicode) allowed, no composition rules, and no common or
breached-style password: zxcvbn (its lists of common passwords, names and words, keyboard
patterns, dates, repeats and l33t substitutions) must rate it 4 of 4, "very unguessable",
counting the username, the display name and this service's own words as known to an attacker.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
MIN_STRENGTH = 4  # zxcvbn's score, 0-4
#: Words anyone attacking this service would try first.
SERVICE_WORDS = ("police", "triage", "agent", "supervisor", "analyst", "admin", "chat", "control", "room")


class WeakPassword(ValueError):
    """Says why, in words an operator can act on."""


def password_problem(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    collapsed = re.sub(r"\s+", " ", password).strip()
    if len(collapsed) < MIN_PASSWORD_LENGTH:
        return f"passwords must be at least {MIN_PASSWORD_LENGTH} characters (runs of spaces count as one)"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"passwords must be at most {MAX_PASSWORD_LENGTH} characters"
    known = [word for word in (*user_inputs, *SERVICE_WORDS) if word]
    result = zxcvbn(password, user_inputs=known)
    if result["score"] < MIN_STRENGTH:
        feedback = result.get("feedback") or {}
        why = feedback.get("warning") or "it is too easy to guess"
        advice = " ".join(feedback.get("suggestions") or []) or "Use a longer passphrase of unrelated words."
        return f"that password is too easy to guess: {why.rstrip('.')}. {advice}"
    return None


def check_password(password: str, user_inputs: Iterable[str] = ()) -> None:
    problem = password_problem(password, user_inputs)
    if problem:
        raise WeakPassword(problem)


def hash_password(password: str, user_inputs: Iterable[str] = ()) -> str:
    """Hash a new password after checking it against the policy (WeakPassword if refused)."""
    check_password(password, user_inputs)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the username does not exist, so a failed login takes the same time
# whether or not the account exists.
DUMMY_HASH = _hasher.hash("not-a-real-password-used-for-timing")


#: argon2 verifications run at once per gateway process. Each takes ~150 ms of CPU and 64 MiB: on
#: the event loop a login flood stalled every citizen; in a pool of one, a flood of logins queues
#: behind itself while the loop (and the other core) keep serving chats.
VERIFY_WORKERS = 1


class PasswordVerifier:
    """``verify_password`` off the event loop, in a small thread pool of its own (argon2-cffi
    releases the GIL while it hashes)."""

    def __init__(self, workers: int = VERIFY_WORKERS) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2")

    async def verify(self, password_hash: str, password: str) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, verify_password, password_hash, password)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
