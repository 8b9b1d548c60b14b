"""Signing in and out (session cookie + CSRF token), the current user, passwords and API tokens."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Request, Response

from app.api.deps import SESSION_COOKIE, ServicesDep, SettingsDep, SignedIn, client_ip
from app.api.schemas.admin import LoginRequest, Me, PasswordChange, TokenCreate, TokenCreated, TokenRead
from app.api.schemas.common import ERROR_RESPONSES
from app.audit import record
from app.auth import credentials, users
from app.auth.credentials import Principal
from app.auth.errors import AuthError
from app.auth.users import LoginPolicy
from app.storage.models import ApiToken

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], responses=ERROR_RESPONSES)


def _me(principal: Principal, csrf: str | None = None) -> Me:
    return Me(
        id=principal.user_id,
        username=principal.username,
        full_name=principal.full_name,
        roles=sorted(principal.roles),
        must_change_password=principal.must_change_password,
        via=principal.via,
        csrf_token=csrf if csrf is not None else principal.csrf_token,
    )


@router.post("/login", summary="Sign in; sets the session cookie and returns the CSRF token")
def login(
    body: LoginRequest, request: Request, response: Response, services: ServicesDep, settings: SettingsDep
) -> Me:
    ip = client_ip(request)
    policy = LoginPolicy(settings.login_max_failures, timedelta(minutes=settings.login_lockout_minutes))
    with services.db.session() as session:
        try:
            user = users.authenticate(session, body.username, body.password, ip, policy)
        except AuthError as exc:  # keep the failure count and its audit row: commit, then refuse
            failure = exc
        else:
            failure = None
            token, csrf = credentials.create_session(
                session, user, ip, timedelta(hours=settings.session_hours)
            )
            principal = credentials.principal_from_session(session, token, ip)
    if failure is not None:
        raise failure
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        secure=settings.cookie_secure,
        samesite="strict",
        path="/",
    )
    return _me(principal, csrf)


@router.post("/logout", status_code=204, summary="End the session")
def logout(request: Request, response: Response, principal: SignedIn, services: ServicesDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    with services.db.session() as session:
        if cookie:
            credentials.end_session(session, cookie)
        record(session, principal.actor, "auth.logout", object_type="user", object_id=principal.user_id)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", summary="Who is signed in (and the session's CSRF token)")
def me(principal: SignedIn) -> Me:
    return _me(principal)


@router.post("/password", status_code=204, summary="Change your own password")
def change_password(body: PasswordChange, principal: SignedIn, services: ServicesDep) -> Response:
    with services.db.session() as session:
        user = users.get_user(session, principal.user_id)
        users.change_password(session, principal.actor, user, body.current_password, body.new_password)
    return Response(status_code=204)


def _token_read(token: ApiToken) -> TokenRead:
    return TokenRead.model_validate(token, from_attributes=True)


@router.get("/tokens", summary="Your API tokens")
def list_tokens(principal: SignedIn, services: ServicesDep) -> list[TokenRead]:
    with services.db.session() as session:
        return [_token_read(t) for t in credentials.list_tokens(session, principal.user_id)]


@router.post("/tokens", status_code=201, summary="Create an API token (shown once)")
def create_token(body: TokenCreate, principal: SignedIn, services: ServicesDep) -> TokenCreated:
    principal.require_password_set()
    with services.db.session() as session:
        user = users.get_user(session, principal.user_id)
        token, plain = credentials.create_token(session, principal.actor, user, body.name, body.expires_at)
        return TokenCreated(**_token_read(token).model_dump(), token=plain)


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke one of your API tokens")
def revoke_token(token_id: uuid.UUID, principal: SignedIn, services: ServicesDep) -> Response:
    with services.db.session() as session:
        credentials.revoke_token(session, principal.actor, principal.user_id, token_id)
    return Response(status_code=204)
