"""A finding in the making: what the engine collects before overlaps are resolved."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.model import EntityType, Origin


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed datum at ``[start, end)`` of the document's raw text."""

    start: int
    end: int
    entity: EntityType
    score: float
    recognizer: str
    origin: Origin
    validated: bool = False
    where: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end
