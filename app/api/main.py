"""The FastAPI application: ``create_app(settings)`` builds it; ``make run`` serves it with uvicorn.

On start it loads the analyzer, then ``app.jobs.bootstrap.start_services`` migrates the database,
seeds the legal grounds, creates the first administrator (printing a generated password once) and
resumes interrupted jobs. OpenAPI documentation is at ``/docs``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from app import __version__
from app.api.errors import install_error_handlers
from app.api.limits import BodyLimitMiddleware
from app.api.routes import admin, analyze, auth, cases, documents, review
from app.jobs.bootstrap import start_services, stop_services
from app.settings import Settings, get_settings
from app.web import install_web

log = logging.getLogger(__name__)
MULTIPART_OVERHEAD = 64 * 1024

DESCRIPTION = """Skymma's review service: cases, documents, proposed masks with their legal grounds,
decisions, burning with independent verification, download, the decision report and the audit log.

Sign in with `POST /api/v1/auth/login` (browser: session cookie, and send the returned `csrf_token`
as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE) or send `Authorization: Bearer <API token>`.
Long work (analysis, burning) runs as jobs: poll `GET /api/v1/jobs/{id}` or the document's `state`."""


def _announce_password(username: str, password: str) -> None:
    message = (
        f"Skymma: first start. Sign in as '{username}' with the password '{password}' "
        "(shown only now; you must change it at first login)."
    )
    print(message, file=sys.stderr, flush=True)


def create_app(settings: Settings | None = None, *, analyzer: Any = None) -> FastAPI:
    """The app. ``analyzer`` may be given (tests share one); else it is built from ``settings``."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from app.analysis.engine import Analyzer

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        app.state.analyzer = analyzer or Analyzer.from_settings(settings)
        backend = start_services(settings, app.state.analyzer)
        app.state.backend = backend
        if backend.initial_password:
            _announce_password(settings.admin_username, backend.initial_password)
        try:
            yield
        finally:
            stop_services(backend)

    app = FastAPI(title="Skymma", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    max_body = settings.max_bytes * max(1, settings.max_files_per_upload) + MULTIPART_OVERHEAD
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    install_error_handlers(app)
    for module in (auth, cases, documents, review, admin, analyze):
        app.include_router(module.router)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    install_web(app)  # the registrar's web UI under /ui
    return app
