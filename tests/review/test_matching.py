"""Normal forms decide which mentions are the same datum (staff, protected persons, case-wide)."""

from __future__ import annotations

import pytest

from app.domain.model import EntityType
from app.review.matching import normal_form


@pytest.mark.parametrize(
    ("a", "b", "entity"),
    [
        ("Anna Svensson", "anna  svensson", EntityType.PERSON),
        ("Anna\nSvensson", "ANNA SVENSSON", EntityType.PERSON),
        ("Sjo\u0308berg", "Sjöberg", EntityType.PERSON),
        ("Ka\u00adrin", "Karin", EntityType.PERSON),
        ("19121212-1212", "121212 1212", EntityType.PERSONNUMMER),
        ("070-123 45 67", "0701234567", EntityType.PHONE),
    ],
)
def test_mentions_of_the_same_datum_match(a: str, b: str, entity: EntityType) -> None:
    assert normal_form(a, entity) == normal_form(b, entity)


@pytest.mark.parametrize(
    ("a", "b", "entity"),
    [
        ("Anna Svensson", "Anna Svenson", EntityType.PERSON),
        ("19121212-1212", "19121212-1213", EntityType.PERSONNUMMER),
    ],
)
def test_different_data_do_not_match(a: str, b: str, entity: EntityType) -> None:
    assert normal_form(a, entity) != normal_form(b, entity)
