"""API tokens and browser sessions, resolved to a ``Principal``.

- **Tokens** (``Authorization: Bearer skm_...``) are for integrations. Only a SHA-256 of the token
  is stored (tokens are 256-bit random, so a fast hash is enough); the plain token is shown once.
- **Sessions** are for the web UI: an HttpOnly cookie holds a random session token (stored hashed)
  and each session has a CSRF token that every state-changing request must echo in the
  ``X-CSRF-Token`` header. Tokens need no CSRF token: browsers never send them on their own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.auth.errors import AuthenticationRequired, CsrfFailed, PasswordChangeRequired, PermissionDenied
from app.auth.roles import Role, parse_roles
from app.storage.errors import NotFound
from app.storage.models import ApiToken, LoginSession, User, utcnow

TOKEN_PREFIX = "skm_"


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user behind a request, and how they signed in."""

    user_id: uuid.UUID
    username: str
    full_name: str
    roles: frozenset[Role]
    via: str  # "session" or "token"
    must_change_password: bool
    csrf_token: str = ""
    ip: str = ""

    @property
    def actor(self) -> Actor:
        return Actor(str(self.user_id), self.username, self.ip, frozenset(r.value for r in self.roles))

    def require_password_set(self) -> None:
        if self.must_change_password:
            raise PasswordChangeRequired("set a new password first (POST /api/v1/auth/password)")

    def require(self, role: Role) -> None:
        """``PermissionDenied`` unless the user has ``role`` (and has set their own password)."""
        self.require_password_set()
        if role not in self.roles:
            raise PermissionDenied(f"this needs the {role.label} role")

    def check_csrf(self, header_value: str | None) -> None:
        if self.via != "session":
            return
        if not header_value or not hmac.compare_digest(header_value, self.csrf_token):
            raise CsrfFailed("missing or wrong X-CSRF-Token header")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _principal(user: User, via: str, ip: str, csrf: str = "") -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=parse_roles(user.roles),
        via=via,
        must_change_password=user.must_change_password,
        csrf_token=csrf,
        ip=ip,
    )


# -- tokens ----------------------------------------------------------------------------------------


def create_token(
    session: Session, actor: Actor, user: User, name: str, expires_at: datetime | None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain token is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name.strip()[:100], token_hash=_digest(plain), expires_at=expires_at
    )
    session.add(token)
    session.flush()
    record(session, actor, "token.create", object_type="token", object_id=token.id)
    return token, plain


def list_tokens(session: Session, user_id: uuid.UUID) -> list[ApiToken]:
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at))
    )


def revoke_token(session: Session, actor: Actor, user_id: uuid.UUID, token_id: uuid.UUID) -> None:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound(f"token {token_id} does not exist")
    token.revoked_at = token.revoked_at or utcnow()
    record(session, actor, "token.revoke", object_type="token", object_id=token.id)


def principal_from_token(session: Session, plain: str, ip: str) -> Principal:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(plain)))
    now = utcnow()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        raise AuthenticationRequired("the API token is unknown, revoked or expired")
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        raise AuthenticationRequired("the API token's user is deactivated")
    token.last_used_at = now
    return _principal(user, "token", ip)


# -- sessions --------------------------------------------------------------------------------------


def create_session(session: Session, user: User, ip: str, lifetime: timedelta) -> tuple[str, str]:
    """A new login session: (cookie value, CSRF token)."""
    plain = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
    session.add(
        LoginSession(
            token_hash=_digest(plain), csrf_token=csrf, user_id=user.id, expires_at=now + lifetime, ip=ip
        )
    )
    return plain, csrf


def principal_from_session(session: Session, plain: str, ip: str) -> Principal:
    login = session.scalar(select(LoginSession).where(LoginSession.token_hash == _digest(plain)))
    if login is None or login.expires_at <= utcnow():
        raise AuthenticationRequired("the session has ended; sign in again")
    user = session.get(User, login.user_id)
    if user is None or not user.active:
        raise AuthenticationRequired("the account is deactivated")
    return _principal(user, "session", ip, login.csrf_token)


def end_session(session: Session, plain: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(plain)))


def end_user_sessions(session: Session, user_id: uuid.UUID) -> None:
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
