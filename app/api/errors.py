"""The one table that maps errors to HTTP statuses. Errors carry no HTTP codes themselves.

Denied access (401 with credentials, 403) is written to the audit log. An unexpected exception is a
500 with a generic message: never a traceback, never a datum.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from app.audit import Actor, record
from app.auth import errors as auth
from app.domain import errors
from app.report.render import TemplateInvalid
from app.storage import errors as service
from app.storage.crypto import DecryptionFailed

log = logging.getLogger(__name__)

STATUS_BY_ERROR: tuple[tuple[type[Exception], int], ...] = (
    (errors.UnsupportedFormat, 415),
    (errors.LimitExceeded, 413),
    (errors.EncryptedFile, 422),
    (errors.CorruptFile, 422),
    (errors.DecisionsMismatch, 409),
    (errors.BadInput, 400),
    (errors.LeakDetected, 409),
    (errors.RedactionError, 500),
    (service.NotFound, 404),
    (service.Conflict, 409),
    (service.InvalidRequest, 422),
    (service.ServiceError, 400),
    (auth.AuthenticationRequired, 401),
    (auth.AccountLocked, 429),
    (auth.PermissionDenied, 403),
    (auth.WeakPassword, 422),
    (auth.AuthError, 400),
    (TemplateInvalid, 422),
    (DecryptionFailed, 500),
    (IntegrityError, 409),  # a safety net: services check uniqueness first
)


def status_for(exc: Exception) -> int:
    for error_type, status in STATUS_BY_ERROR:
        if isinstance(exc, error_type):
            return status
    return 500


def _audit_denied(request: Request, exc: Exception) -> None:
    backend = getattr(request.app.state, "backend", None)
    principal = getattr(request.state, "principal", None)
    if backend is None:
        return
    ip = request.client.host if request.client else ""
    actor = principal.actor if principal is not None else Actor("", "", ip)
    try:
        with backend.services.db.session() as session:
            record(
                session,
                actor,
                "access.denied",
                object_type="route",
                object_id=request.url.path[:64],
                outcome="denied",
                details={"method": request.method, "error": type(exc).__name__},
            )
    except Exception:  # auditing must not turn a 403 into a 500
        log.exception("could not audit a denied request")


def install_error_handlers(app: FastAPI) -> None:
    handled = (
        errors.RedactionError,
        service.ServiceError,
        auth.AuthError,
        TemplateInvalid,
        DecryptionFailed,
        IntegrityError,
    )

    async def known(request: Request, exc: Exception) -> JSONResponse:
        status = status_for(exc)
        if status == 403 or (status == 401 and request.headers.get("authorization")):
            _audit_denied(request, exc)
        if status >= 500:
            log.error("request failed: %s", type(exc).__name__)
        detail = str(exc) if status < 500 or isinstance(exc, errors.RedactionError) else "internal error"
        if isinstance(exc, IntegrityError):
            detail = "the request conflicts with stored data (a duplicate)"
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(
            status_code=status, content={"detail": detail, "error": type(exc).__name__}, headers=headers
        )

    for error_type in handled:
        app.add_exception_handler(error_type, known)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content={"detail": "internal error", "error": "InternalError"})
