"""Password hashing with Argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile) and the policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.auth.errors import WeakPassword

MIN_LENGTH = 10
_hasher = PasswordHasher()
# verified against when the user name is unknown, so that timing does not reveal which names exist
_DUMMY_HASH = _hasher.hash("skymma-dummy-password")


def hash_password(password: str) -> str:
    check_policy(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must be at least {MIN_LENGTH} characters long")
    if password.strip() != password or len(set(password)) < 4:
        raise WeakPassword("the password is too simple")
