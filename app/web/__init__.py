"""The registrar's web UI (Swedish): server-rendered page shells plus vanilla JS that talks only to
the REST API under ``/api/v1``. ``install_web(app)`` adds its pages and static files to the app."""

from app.web.pages import install_web

__all__ = ["install_web"]
