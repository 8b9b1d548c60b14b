"""The batch's chunked hand-off: a chunk's e-mail primed into the analyzer's cache in one call gives
exactly the findings each message gets on its own; chunks keep order and respect their bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.batch.cached_analyzer import CachingAnalyzer
from app.batch.runner import CHUNK_BYTES, CHUNK_ITEMS, _chunks
from app.batch.sources import Item
from app.domain.model import Finding
from app.formats.base import HandlerContext
from app.formats.email import EmailHandler
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
    jobs = [_item(n, 1000) for n in range(20)] + [_item(20, CHUNK_BYTES + 1)] + [_item(21, 1000)]
    chunks = list(_chunks(iter(jobs)))
    assert [job for chunk in chunks for job in chunk] == jobs
    assert all(len(chunk) <= CHUNK_ITEMS for chunk in chunks)
    assert [len(chunk) for chunk in chunks] == [8, 8, 4, 1, 1]  # the large item travels alone
