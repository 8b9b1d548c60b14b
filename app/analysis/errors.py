"""Errors of the analysis step."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import RedactionError
from app.domain.model import Finding


@dataclass(frozen=True, slots=True)
class RecognizerFailure:
    """A recognizer that could not finish on one segment (its findings there are missing)."""

    where: str
    recognizer: str
    reason: str


class AnalysisIncomplete(RedactionError):
    """Some recognizer failed on some segment: the document needs manual review.

    ``findings`` holds everything the other recognizers found (on every segment), so a caller can
    still propose them; ``failures`` says which recognizer failed where. Never silently downgraded.
    """

    def __init__(self, findings: tuple[Finding, ...], failures: tuple[RecognizerFailure, ...]) -> None:
        self.findings = findings
        self.failures = failures
        shown = "; ".join(f"{f.recognizer} on {f.where or 'text'}: {f.reason}" for f in failures[:3])
        more = f" and {len(failures) - 3} more" if len(failures) > 3 else ""
        super().__init__(f"analysis incomplete, manual review needed: {shown}{more}")

    def __reduce__(self):  # pickle with its parts (analysis may run in worker processes)
        return (type(self), (self.findings, self.failures))
