"""Errors every service layer raises about stored things (mapped to HTTP statuses in ``app.api.errors``).

Messages are one line, safe to show, and name ids, never personal data.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class of service errors."""


class NotFound(ServiceError):
    """The case, document, finding, user ... does not exist (or is not visible to the caller)."""


class Conflict(ServiceError):
    """The request contradicts the current state (a duplicate name, a document still processing)."""


class InvalidRequest(ServiceError):
    """The request is well-formed but cannot be carried out as asked (HTTP 422)."""
