"""Error tree for the redaction core. No HTTP codes here: the API maps errors to statuses in one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.leaks import LeakReport


class RedactionError(Exception):
    """Base class for every error the core raises on purpose. The message is one line, user-facing."""


class BadInput(RedactionError):
    """The input cannot be processed as given (CLI exit 2, HTTP 4xx)."""


class UnsupportedFormat(BadInput):
    """No handler accepts the file (sniffed by content, not by name)."""


class CorruptFile(BadInput):
    """The file is damaged beyond what the reader can repair, or is not what its name says."""


class EncryptedFile(BadInput):
    """The file is password protected; Skymma never guesses passwords."""


class LimitExceeded(BadInput):
    """A configured limit (size, pages, parts, time) was exceeded."""


class ExtractionFailed(RedactionError):
    """The reader failed on a file it accepted."""


class BurnFailed(RedactionError):
    """Masks could not be burned into the output."""


class LeakDetected(RedactionError):
    """The verifier found masked content in the output. Never downgraded to a warning."""

    def __init__(self, report: LeakReport) -> None:
        self.report = report
        super().__init__(report.summary())

    def __reduce__(self):  # pickle with the report, not the message (jobs run in child processes)
        return (type(self), (self.report,))


class DecisionsMismatch(BadInput):
    """A decisions file does not belong to the source document."""
