"""Training-time registered functions. Nothing here is needed to load the shipped model.

``customize_tokenizer`` changes the tokenizer's prefix rules; spaCy serialises the resulting rules
with the pipeline, so ``spacy.load`` reproduces them without this module.
"""

from __future__ import annotations

import spacy
from spacy.util import compile_prefix_regex

EXTRA_PREFIXES = [r"/+"]  # e-mail sign-offs: "/Anna", "//Per"


def customize_tokenizer(nlp: spacy.Language) -> spacy.Language:
    """Split leading slashes off tokens so that a sign-off name is a token of its own."""
    prefixes = list(nlp.Defaults.prefixes or []) + EXTRA_PREFIXES
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


@spacy.registry.callbacks("skymma.customize_tokenizer.v1")
def create_customize_tokenizer():
    return customize_tokenizer


@spacy.registry.misc("skymma.sv_lemma_lookups.v1")
def create_sv_lemma_lookups():
    """spacy-lookups-data's Swedish lemma table, pruned from 660k to about 97k forms (x3 casings).

    Presidio lower-cases lemmas and by default matches a context word as a *substring* of a lemma.
    So forms that merely extend their lemma ("kvinnan" -> "kvinna": "kvinna" is already a
    substring of the unlemmatised token) add size without changing any match, and are dropped.
    Kept: forms whose stem changes ("telefonnumret" -> "telefonnummer", "hette" -> "heta"), each
    in lower, Capitalised and UPPER case. The lemmatizer falls back to the token text.
    """
    import gzip
    import json
    from pathlib import Path

    import spacy_lookups_data
    from spacy.lookups import Lookups

    path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(path) as handle:
        table = json.loads(handle.read())
    pruned = {k: v for k, v in table.items() if k == k.lower() and not k.startswith(v)}
    # The lookup lemmatizer matches token.text exactly: add Capitalised and UPPER keys so that
    # "Telefonnumret" at the start of a sentence and "TELEFONNUMRET" in a heading lemmatise too.
    for key, lemma in list(pruned.items()):
        pruned.setdefault(key.capitalize(), lemma)
        pruned.setdefault(key.upper(), lemma)
    lookups = Lookups()
    lookups.add_table("lemma_lookup", pruned)
    return lookups
