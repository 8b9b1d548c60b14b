"""Local user accounts: creating, changing, signing in (with lockout) and the first administrator."""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import SYSTEM, Actor, record
from app.auth.errors import AccountLocked, InvalidCredentials, WeakPassword
from app.auth.passwords import check_policy, hash_password, needs_rehash, verify_password
from app.auth.roles import Role, parse_roles
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import User, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)


def get_user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def _roles(values: list[str]) -> list[str]:
    try:
        roles = parse_roles(values)
    except ValueError as exc:
        raise InvalidRequest(f"unknown role; known roles: {', '.join(r.value for r in Role)}") from exc
    if not roles:
        raise InvalidRequest("a user needs at least one role")
    return sorted(r.value for r in roles)


def create_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    password: str,
    roles: list[str],
    full_name: str = "",
    must_change_password: bool = True,
) -> User:
    username = username.strip()
    if not username:
        raise InvalidRequest("the user name is empty")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise Conflict(f"the user name {username!r} is taken")
    user = User(
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        roles=_roles(roles),
        must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    record(
        session, actor, "user.create", object_type="user", object_id=user.id, details={"roles": user.roles}
    )
    return user


def update_user(
    session: Session,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    full_name: str | None = None,
    roles: list[str] | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a user; a new password set by an administrator must be changed at next login."""
    user = get_user(session, user_id)
    changed: list[str] = []
    if full_name is not None:
        user.full_name = full_name.strip()
        changed.append("full_name")
    if roles is not None:
        user.roles = _roles(roles)
        changed.append("roles")
    if active is not None:
        user.active = active
        changed.append("active")
    if password is not None:
        user.password_hash = hash_password(password)
        user.must_change_password = True
        user.failed_logins, user.locked_until = 0, None
        changed.append("password")
    if str(user.id) == actor.user_id and (user.active is False or Role.ADMINISTRATOR not in user.roles):
        raise InvalidRequest("you cannot remove your own administrator role or deactivate yourself")
    record(
        session,
        actor,
        "user.update",
        object_type="user",
        object_id=user.id,
        details={"changed": changed, "roles": user.roles, "active": user.active},
    )
    return user


def authenticate(session: Session, username: str, password: str, ip: str, policy: LoginPolicy) -> User:
    """The user if the password is right; counts failures and locks the account after too many."""
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        record(
            session,
            Actor(str(user.id), user.username, ip),
            "auth.login",
            object_type="user",
            object_id=user.id,
            outcome="denied",
            details={"reason": "locked"},
        )
        raise AccountLocked("too many failed logins; try again later")
    if not verify_password(user.password_hash if user else None, password) or user is None or not user.active:
        _count_failure(session, user, ip, policy)
        raise InvalidCredentials("wrong user name or password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    record(
        session, Actor(str(user.id), user.username, ip), "auth.login", object_type="user", object_id=user.id
    )
    return user


def _count_failure(session: Session, user: User | None, ip: str, policy: LoginPolicy) -> None:
    details: dict[str, object] = {"reason": "bad credentials"}
    if user is not None:
        user.failed_logins += 1
        if user.failed_logins >= policy.max_failures:
            user.locked_until = utcnow() + policy.lockout
            details["locked"] = True
    actor = Actor(str(user.id), user.username, ip) if user else Actor("", "", ip)
    record(
        session,
        actor,
        "auth.login",
        object_type="user",
        object_id=user.id if user else "",
        outcome="denied",
        details=details,
    )


def change_password(session: Session, actor: Actor, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise InvalidCredentials("the current password is wrong")
    if current == new:
        raise WeakPassword("the new password must differ from the current one")
    check_policy(new)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    record(session, actor, "user.password", object_type="user", object_id=user.id)


def ensure_initial_admin(session: Session, username: str, password: str | None) -> str | None:
    """Create the first administrator when there are no users at all.

    With ``password`` given (``SKYMMA_ADMIN_PASSWORD``) it is used as is; otherwise a random one is
    generated, returned (for the caller to print once) and must be changed at first login.
    """
    if session.scalar(select(func.count()).select_from(User)):
        return None
    generated = None if password else secrets.token_urlsafe(12)
    create_user(
        session,
        SYSTEM,
        username=username,
        password=password or generated or "",
        roles=[Role.ADMINISTRATOR.value, Role.REGISTRATOR.value],
        full_name="Administratör",
        must_change_password=password is None,
    )
    return generated
