"""Password hashing with argon2id (argon2-cffi's recommended parameters)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"passwords must be at least {MIN_PASSWORD_LENGTH} characters")
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
