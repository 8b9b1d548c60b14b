"""Core value types shared by every layer: what was found, where, and what a person decided.

All types are frozen dataclasses: a finding never changes after it is built; a changed finding is a
new value (``dataclasses.replace``). Offsets are character offsets into ``ExtractedDocument.text``
(end exclusive); boxes are in PDF points with a top-left origin, in PyMuPDF's text-extraction space:
the unrotated page, origin at the CropBox's top-left (multiply by ``page.rotation_matrix`` to draw
on a rendered, rotated page).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Kinds of data Skymma proposes to mask. Values are stable identifiers used in files and APIs."""

    PERSONNUMMER = "PERSONNUMMER"
    SAMORDNINGSNUMMER = "SAMORDNINGSNUMMER"
    ORGANISATIONSNUMMER = "ORGANISATIONSNUMMER"
    PERSON = "PERSON"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    STREET_ADDRESS = "STREET_ADDRESS"
    POSTCODE = "POSTCODE"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    LICENSE_PLATE = "LICENSE_PLATE"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    IP_ADDRESS = "IP_ADDRESS"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    OTHER = "OTHER"  # manual masks of secret passages that are not personal data of a known kind

    @property
    def is_numeric(self) -> bool:
        """True when the datum is a number whose digits alone identify it (checked digits-only)."""
        return self in NUMERIC_ENTITIES


NUMERIC_ENTITIES = frozenset(
    {
        EntityType.PERSONNUMMER,
        EntityType.SAMORDNINGSNUMMER,
        EntityType.ORGANISATIONSNUMMER,
        EntityType.PHONE,
        EntityType.BANK_ACCOUNT,
        EntityType.DATE_OF_BIRTH,
    }
)


class Origin(StrEnum):
    """Who proposed a finding. Machine proposals and human masks stay distinguishable."""

    PATTERN = "pattern"  # regular expression + validation (checksums, dates, phone library)
    GAZETTEER = "gazetteer"  # word lists (names, postorter, streets)
    NER = "ner"  # the statistical name model
    PROPAGATION = "propagation"  # another mention of something already found in the document
    REVIEWER = "reviewer"  # added by a person


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page. ``page`` is 0-based; points, unrotated page space, top-left origin."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [self.page, round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    @classmethod
    def from_list(cls, values: list[float] | tuple[float, ...]) -> Box:
        page, x0, y0, x1, y1 = values
        return cls(int(page), float(x0), float(y0), float(x1), float(y1))


def finding_id(entity: str, span: Span, text: str) -> str:
    """A stable id: the same datum at the same place always gets the same id across runs."""
    digest = hashlib.blake2s(f"{entity}|{span.start}|{span.end}|{text}".encode(), digest_size=6)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Finding:
    """A proposed mask: a datum of some entity type at a place in the document.

    ``text`` is the datum as it stands in the extracted text (``doc.text[span.start:span.end]``).
    ``boxes`` is empty for formats without pages. ``where`` names the segment it was found in
    (``"page 2"``, ``"header:From"``, ``"footnotes"``).
    """

    entity: EntityType
    span: Span
    text: str
    score: float
    recognizer: str
    origin: Origin
    boxes: tuple[Box, ...] = ()
    where: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", finding_id(self.entity, self.span, self.text))

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({box.page for box in self.boxes}))


@dataclass(frozen=True, slots=True)
class Mask:
    """A confirmed mask: a finding a person accepted (or added), with the legal ground it rests on."""

    finding: Finding
    ground: str | None = None  # e.g. "OSL 26 kap. 1 §"

    @property
    def entity(self) -> EntityType:
        return self.finding.entity

    @property
    def text(self) -> str:
        return self.finding.text


class LabelMode(StrEnum):
    """What is written on a burned mask."""

    NONE = "none"
    ENTITY = "entity"  # e.g. "PERSONNUMMER"
    GROUND = "ground"  # e.g. "OSL 26:1"
