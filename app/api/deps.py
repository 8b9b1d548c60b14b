"""Dependencies of the routes: the back end's services, and who is asking (``Principal``).

A request is authenticated by ``Authorization: Bearer <API token>`` or by the session cookie. A
browser request that changes state (POST, PUT, PATCH, DELETE) with the cookie must echo the
session's CSRF token in ``X-CSRF-Token``. ``Registrator`` and ``Administrator`` also check the role.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from app.auth.credentials import Principal, principal_from_session, principal_from_token
from app.auth.errors import AuthenticationRequired
from app.auth.roles import Role
from app.jobs.runner import JobRunner
from app.jobs.tasks import Services
from app.settings import Settings

SESSION_COOKIE = "skymma_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_bearer = HTTPBearer(auto_error=False, description="an API token (skm_...)")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="the web UI's session cookie")


def get_services(request: Request) -> Services:
    return request.app.state.backend.services


def get_runner(request: Request) -> JobRunner:
    return request.app.state.backend.runner


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


ServicesDep = Annotated[Services, Depends(get_services)]
RunnerDep = Annotated[JobRunner, Depends(get_runner)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def current_principal(
    request: Request,
    services: ServicesDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    ip = client_ip(request)
    with services.db.session() as session:
        if bearer is not None:
            principal = principal_from_token(session, bearer.credentials, ip)
        elif cookie:
            principal = principal_from_session(session, cookie, ip)
        else:
            raise AuthenticationRequired("sign in, or send an API token")
    if request.method not in SAFE_METHODS:
        principal.check_csrf(request.headers.get(CSRF_HEADER))
    request.state.principal = principal  # for auditing denied requests
    return principal


SignedIn = Annotated[Principal, Depends(current_principal)]


def _role(role: Role):  # noqa: ANN202
    def check(principal: SignedIn) -> Principal:
        principal.require(role)
        return principal

    return check


Registrator = Annotated[Principal, Depends(_role(Role.REGISTRATOR))]
Administrator = Annotated[Principal, Depends(_role(Role.ADMINISTRATOR))]
