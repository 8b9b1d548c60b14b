"""The UI's pages. Each is a small Jinja2 shell (the data comes from the API in the browser), sent with
a strict Content-Security-Policy: scripts, styles and images only from this server, no inline script.

The pages themselves hold no data, so they need no sign-in; the API behind them does, and the
scripts send the browser to the login page when it answers 401.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).parent
STATIC_URL = "/ui/static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(prefix="/ui", include_in_schema=False)


def _page(request: Request, template: str, title: str, **context: object) -> HTMLResponse:
    values = {"title": title, "static": STATIC_URL, **context}
    return templates.TemplateResponse(request, template, values, headers=HEADERS)


@router.get("/inloggning", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return _page(request, "login.html", "Logga in")


@router.get("/arenden", response_class=HTMLResponse)
def cases_page(request: Request) -> HTMLResponse:
    return _page(request, "cases.html", "Ärenden")


@router.get("/arenden/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: uuid.UUID) -> HTMLResponse:
    return _page(request, "case.html", "Ärende", case_id=str(case_id))


@router.get("/dokument/{document_id}/granskning", response_class=HTMLResponse)
def review_page(request: Request, document_id: uuid.UUID) -> HTMLResponse:
    return _page(request, "review.html", "Granskning", document_id=str(document_id))


def install_web(app: FastAPI) -> None:
    """Serve the UI under ``/ui`` (``/`` and ``/ui`` itself lead to the case list)."""
    app.include_router(router)
    app.mount(STATIC_URL, StaticFiles(directory=HERE / "static"), name="ui-static")

    @app.get("/", include_in_schema=False)
    @app.get("/ui", include_in_schema=False)
    @app.get("/ui/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/arenden", status_code=303)
