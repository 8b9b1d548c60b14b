"""Building the decision report: its facts from the database, its text from a template, PDF out.

The report lists, per document, the pages with masks, what kind of datum each mask hides and its
legal ground; it never contains a masked datum (the context holds no finding text at all).
Templates are Jinja2 in a sandbox (an administrator edits them; they cannot reach Python objects)
with HTML auto-escaping; PyMuPDF's ``Story`` lays the HTML out on A4 pages.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from app.domain.model import EntityType

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_TEMPLATE = "beslut"
CSS = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; margin-top: 12pt; }
h4 { font-size: 10pt; }
table { border-collapse: collapse; }
th, td { border: 1px solid #888; padding: 2pt 4pt; text-align: left; }
.draft { color: #b00; font-weight: bold; }
"""
PAGE_MARGIN = 56  # points (about 2 cm)

ENTITY_LABELS = {
    EntityType.PERSONNUMMER: "personnummer",
    EntityType.SAMORDNINGSNUMMER: "samordningsnummer",
    EntityType.ORGANISATIONSNUMMER: "organisationsnummer",
    EntityType.PERSON: "namn",
    EntityType.PHONE: "telefonnummer",
    EntityType.EMAIL: "e-postadress",
    EntityType.STREET_ADDRESS: "adress",
    EntityType.POSTCODE: "postnummer och ort",
    EntityType.BANK_ACCOUNT: "kontonummer",
    EntityType.LICENSE_PLATE: "registreringsnummer",
    EntityType.DATE_OF_BIRTH: "födelsedatum",
    EntityType.IP_ADDRESS: "IP-adress",
    EntityType.LOCATION: "plats",
    EntityType.ORGANIZATION: "organisation",
    EntityType.OTHER: "annan uppgift",
}


class TemplateInvalid(ValueError):
    """The template does not parse or render; the message says where."""


@dataclass(frozen=True, slots=True)
class MaskLine:
    page: str
    kind: str
    ground: str
    count: int


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    name: str
    pages: int
    masks: tuple[MaskLine, ...]


@dataclass(frozen=True, slots=True)
class GroundFacts:
    reference: str
    title: str
    harm_test: str
    secrecy_years: int | None
    description: str
    count: int


@dataclass(frozen=True, slots=True)
class CaseFacts:
    diarienummer: str
    title: str
    requester: str | None
    received_on: str | None


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """Everything a report may say. Holds no masked datum by construction."""

    authority: str
    case: CaseFacts
    documents: tuple[DocumentFacts, ...]
    grounds: tuple[GroundFacts, ...]
    decided_by: str
    decided_at: datetime
    decision_text: str = ""
    draft: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "case": self.case,
            "documents": self.documents,
            "grounds": self.grounds,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.strftime("%Y-%m-%d"),
            "decision_text": self.decision_text,
            "draft": self.draft,
        }


def mask_lines(masks: list[tuple[int | None, str, str]]) -> tuple[MaskLine, ...]:
    """(0-based page or None, entity, ground code) per mask -> lines counted by page, kind, ground."""
    counts = Counter(masks)
    ordered = sorted(
        counts.items(), key=lambda item: (item[0][0] is None, item[0][0] or 0, item[0][1], item[0][2])
    )
    return tuple(
        MaskLine(
            page=str(page + 1) if page is not None else "–",
            kind=ENTITY_LABELS.get(EntityType(entity), entity.lower()),
            ground=ground,
            count=count,
        )
        for (page, entity, ground), count in ordered
    )


def default_template(name: str = DEFAULT_TEMPLATE) -> str:
    return (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )


def render_html(template: str, facts: ReportFacts) -> str:
    try:
        return _environment().from_string(template).render(facts.context())
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise TemplateInvalid(f"the report template cannot be used{where}: {exc.message or exc}") from exc


def html_to_pdf(html: str) -> bytes:
    story = pymupdf.Story(html=html, user_css=CSS)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (PAGE_MARGIN, PAGE_MARGIN, -PAGE_MARGIN, -PAGE_MARGIN)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buffer.getvalue()


def render_pdf(template: str, facts: ReportFacts) -> bytes:
    return html_to_pdf(render_html(template, facts))


def sample_facts() -> ReportFacts:
    """Made-up facts to try a template with before it is saved."""
    return ReportFacts(
        authority="Exempelkommunen",
        case=CaseFacts("KS 2026/1", "Begäran om handlingar", None, "2026-01-02"),
        documents=(DocumentFacts("beslut.pdf", 2, mask_lines([(0, "PERSON", "OSL 21:7")])),),
        grounds=(GroundFacts("OSL 21 kap. 7 §", "Personuppgift", "rakt skaderekvisit", None, "", 1),),
        decided_by="Exempel Handläggare",
        decided_at=datetime(2026, 1, 3),
        draft=True,
    )


def validate_template(template: str) -> None:
    """``TemplateInvalid`` unless ``template`` renders a PDF from sample facts."""
    render_pdf(template, sample_facts())
