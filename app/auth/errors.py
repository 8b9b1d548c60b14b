"""Errors of authentication and access control (mapped to HTTP statuses in ``app.api.errors``)."""

from __future__ import annotations


class AuthError(Exception):
    """Base class; the message is one line and safe to show."""


class AuthenticationRequired(AuthError):
    """No valid session or token (HTTP 401)."""


class InvalidCredentials(AuthenticationRequired):
    """Wrong user name or password (the message never says which)."""


class AccountLocked(AuthError):
    """Too many failed logins in a row; try again later (HTTP 429)."""


class PermissionDenied(AuthError):
    """Signed in, but the role does not allow this (HTTP 403)."""


class PasswordChangeRequired(PermissionDenied):
    """The account must set a new password before anything else."""


class CsrfFailed(PermissionDenied):
    """A state-changing browser request without the session's CSRF token."""


class WeakPassword(AuthError):
    """A new password does not meet the policy (HTTP 422)."""
