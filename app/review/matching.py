"""Normal forms for matching data across findings, documents and lists without comparing raw text.

Two mentions match when their normal forms are equal: NFKC, case-folded, soft hyphens dropped and
whitespace collapsed; numbers by their digits (personnummer and samordningsnummer by their last ten,
so ``19121212-1212`` matches ``121212-1212``). Stored as keyed hashes (``Keyring.keyed_hash``).
"""

from __future__ import annotations

import unicodedata

from app.domain.model import EntityType

TEN_DIGIT_NUMBERS = frozenset({EntityType.PERSONNUMMER, EntityType.SAMORDNINGSNUMMER})


def normal_form(text: str, entity: EntityType | None = None) -> str:
    folded = unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()
    if entity is not None and entity.is_numeric:
        digits = "".join(ch for ch in folded if ch.isdigit())
        return digits[-10:] if entity in TEN_DIGIT_NUMBERS else digits
    return " ".join(folded.split())
