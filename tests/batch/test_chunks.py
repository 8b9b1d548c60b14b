"""The batch's chunked hand-off: a chunk's e-mail primed into the analyzer's cache in one call gives
exactly the findings each message gets on its own; chunks keep order and respect their bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis.engine import segment_texts
from app.batch.cached_analyzer import CachingAnalyzer
from app.batch.runner import CHUNK_BYTES, CHUNK_ITEMS, _chunks
from app.batch.sources import Item
from app.domain.model import Finding
from app.formats.base import HandlerContext
from app.formats.email import KEPT_BYTES, KEPT_MESSAGES, EmailHandler
from app.settings import Settings
from tests import mail_samples

PEOPLE = ["Anna Svensson", "Martina Eklund", "Ulf Bergqvist", "Greta Holmberg", "Per Lindqvist"]


@pytest.fixture(scope="module")
def analyzers() -> tuple[CachingAnalyzer, CachingAnalyzer]:
    settings = Settings()
    primed, alone = CachingAnalyzer.from_settings(settings), CachingAnalyzer.from_settings(settings)
    primed.workers = alone.workers = 1
    return primed, alone


@pytest.mark.model
def test_primed_findings_equal_findings_one_message_at_a_time(
    tmp_path: Path, analyzers: tuple[CachingAnalyzer, CachingAnalyzer]
) -> None:
    primed, alone = analyzers
    handler, ctx = EmailHandler(), HandlerContext()
    docs = []
    for n, person in enumerate(PEOPLE):
        src = tmp_path / f"{n}.eml"
        body = f"Hej,\n{person} (19121212-1212) ringde om ärende {n}. Ring 070-123 45 6{n}.\n"
        src.write_bytes(mail_samples.simple_eml(body))
        docs.append(handler.extract(src, ctx))
    primed.prime(docs)
    misses = primed.misses
    with_prime = [primed.analyze(doc) for doc in docs]
    assert primed.misses == misses  # everything came from the cache
    assert _placed(with_prime) == _placed([alone.analyze(doc) for doc in docs])
    assert all(any(f.text == person for f in found) for found, person in zip(with_prime, PEOPLE, strict=True))


def _placed(found: list[list[Finding]]) -> list[list[tuple]]:
    """What was found where, with what score: not which recognizer is credited. When the name model
    and the gazetteer find the same span with the same score, Presidio's de-duplication keeps either
    (it goes through a set, whose order follows the per-run string hash), so the credit varies from
    run to run, primed or not."""
    return [[(f.entity, f.span, f.text, f.score, f.where) for f in doc] for doc in found]


def _item(n: int, size: int) -> tuple[Item, Path]:
    return Item(f"a.mbox#{n:06d}", None, b"x" * size, Path("a.mbox")), Path(f"{n}.eml")


def test_chunks_keep_order_and_bounds() -> None:
    jobs = [_item(n, 1000) for n in range(300)] + [_item(300, CHUNK_BYTES + 1)] + [_item(301, 1000)]
    chunks = list(_chunks(iter(jobs), workers=2))
    assert [job for chunk in chunks for job in chunk] == jobs
    assert all(len(chunk) <= CHUNK_ITEMS for chunk in chunks)
    # small first chunks (every worker gets work in a small batch), doubling per round of workers;
    # the large item travels alone
    assert [len(chunk) for chunk in chunks] == [8, 8, 16, 16, 32, 32, 64, 64, 60, 1, 1]


def test_chunks_hold_at_most_chunk_bytes() -> None:
    jobs = [_item(n, CHUNK_BYTES // 4) for n in range(10)]
    chunks = list(_chunks(iter(jobs), workers=1))
    assert [len(chunk) for chunk in chunks] == [4, 4, 2]


def test_one_message_chunk_is_kept_parsed_between_analysis_and_burn() -> None:
    """A worker extracts a whole chunk before burning its first message: the e-mail handler keeps
    that many parsed messages, else it parses most of them twice."""
    assert KEPT_MESSAGES >= CHUNK_ITEMS and KEPT_BYTES >= CHUNK_BYTES


@pytest.mark.model
def test_an_html_body_differing_from_its_plain_text_only_in_white_space_is_analysed_once(
    tmp_path: Path, analyzers: tuple[CachingAnalyzer, CachingAnalyzer]
) -> None:
    _, analyzer = analyzers
    text = "Hej,\nGreta Holmberg (19121212-1212) ringde om ärendet.\nMed vänlig hälsning\nUlf Bergqvist"
    src = tmp_path / "alternative.eml"
    src.write_bytes(mail_samples.alternative_eml(text + "\n", "<p>" + text.replace("\n", "<br>") + "</p>"))
    doc = EmailHandler().extract(src, HandlerContext())
    bodies = [s for s in doc.segments if s.where.endswith(("text/plain", "text/html"))]
    assert len(bodies) == 2
    assert len({doc.text[s.start : s.end] for s in bodies}) == 2  # they do differ, at the ends
    analysed = {s.where: s.norm.text for s in segment_texts(doc)}
    assert analysed[bodies[0].where] == analysed[bodies[1].where]  # one cache entry for both
    misses = analyzer.misses
    findings = analyzer.analyze(doc)
    assert analyzer.misses - misses <= len(doc.segments) - 1
    for body in bodies:
        found = {f.text for f in findings if f.where == body.where}
        assert {"Greta Holmberg", "19121212-1212", "Ulf Bergqvist"} <= found
