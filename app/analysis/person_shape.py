"""Does a person span proposed by the NER model look like a name? Trim it to the part that does.

The statistical model is trained on Swedish prose; on other text (English manuals, technical
vocabulary, PDF operator names) it proposes spans such as "DeviceRGB with", "This work would" or
"QPDF Manual". Masking those costs the reviewer time and, once propagated, masks every "to" and
"for" in the document. This module applies the orthographic rules a registrar would:

- a token with a digit, a CamelCase token ("DeviceRGB", "ChangeLog"), a lower-case stop word, or an
  unknown lower-case word is not part of a name; spans are split at such tokens and trimmed;
- a capitalised stop word (Swedish or English, unless 100+ people have it as a first name, such as
  "Per" or "May") may stand inside a name, never at its edge, like a particle ("Enligt Anna" gives
  "Anna");
- name particles ("von", "af", "de", "bin", "al") may stand inside a name, never at its edge;
- a run of tokens is kept when one of its tokens is a known first name or surname (or ends like a
  Swedish surname); a run of capitalised unknown words ("Zlatko Vujović") is kept with a lower
  score; an ALL-CAPS unknown word ("QPDF", "README") is an acronym, and a run of unknown words with
  an acronym in it is a product or a heading, not a name;
- in English text (English function words clearly outnumber Swedish ones) the model is out of its
  domain: only runs holding a known name are kept;
- a lower-case word counts only when it is a common first name or a listed surname ("anneli
  sjöberg" in a lower-cased e-mail), or a hyphenated word with such a name in it (the host name
  "henrik-stahl-laptop"), never when it is also an ordinary word.

Score policy (docs/recognizers.md): known name -> the model's score; capitalised unknown words ->
the model's score times ``UNKNOWN_NAME_FACTOR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.sv.stop_words import STOP_WORDS as SWEDISH_STOP_WORDS

from recognizers import gazetteers

UNKNOWN_NAME_FACTOR = 0.75
COMMON_FIRST_NAME = 100  # a stop word that this many people go by ("per", "may") may be a name
PARTICLES = frozenset(
    "af av von van der den de da di del della du la le bin ibn bint al el abu ben ter ten".split()
)
# Prefixes after which a capital letter inside a surname is normal: McDonald, DeLuca, MacArthur.
CAPITAL_PREFIXES = ("mc", "mac", "de", "di", "da", "la", "le", "van", "von", "du", "fitz", "o")
_TOKEN = regex.compile(r"[^\s,;:()\[\]{}\"“”«»/|.@]+\.?")  # a dot ends a token: "henrik-stahl.exempel.se"
_GENITIVE = regex.compile(r"(?:['’]s|:s)$")
_NAME_CHARS = regex.compile(r"^[\p{L}][\p{L}\-'’]*\.?$")
_WORDS = regex.compile(r"\p{L}+")
ENGLISH_MIN_STOP_WORDS = 3


@dataclass(frozen=True, slots=True)
class NamePart:
    """A trimmed part of a proposed span: offsets relative to the span's text, and a score factor."""

    start: int
    end: int
    factor: float


def name_parts(text: str, english: bool = False, caseless: bool = False) -> list[NamePart]:
    """The parts of ``text`` (a span the model called a person) that look like names.

    ``english`` says the surrounding text is English (see ``mostly_english``): the Swedish model is
    out of its domain there, so only runs holding a known name are kept. ``caseless`` says the
    surrounding text has no capitals at all (a lower-cased e-mail, a chat log): a lower-case word
    is then judged as a capitalised one would be.
    """
    tokens = [(m.start(), m.end(), _kind(m.group(), english, caseless)) for m in _TOKEN.finditer(text)]
    parts: list[NamePart] = []
    run: list[tuple[int, int, str]] = []
    for token in [*tokens, (len(text), len(text), "bad")]:
        if token[2] == "bad":
            part = _accept(run, english)
            if part is not None:
                parts.append(part)
            run = []
        else:
            run.append(token)
    return parts


def mostly_english(text: str) -> bool:
    """True when English function words clearly outnumber Swedish ones in ``text``."""
    english = swedish = 0
    for match in _WORDS.finditer(text):
        word = match.group().casefold()
        english += word in _english_only()
        swedish += word in _swedish_only()
    return english >= ENGLISH_MIN_STOP_WORDS and english > 2 * swedish


def _accept(run: list[tuple[int, int, str]], english: bool) -> NamePart | None:
    while run and run[0][2] in ("particle", "stop"):
        run = run[1:]
    while run and run[-1][2] in ("particle", "stop"):
        run = run[:-1]
    kinds = {kind for _, _, kind in run}
    if not run:
        return None
    if "known" in kinds:
        return NamePart(run[0][0], run[-1][1], 1.0)
    if "capitalised" in kinds and "acronym" not in kinds and not english:
        return NamePart(run[0][0], run[-1][1], UNKNOWN_NAME_FACTOR)
    return None  # only acronyms, initials or particles


def is_caseless(text: str) -> bool:
    """True when ``text`` has letters but no capitals (lower-cased text)."""
    return not any(c.isupper() for c in text) and any(c.isalpha() for c in text)


def _kind(token: str, english: bool, caseless: bool) -> str:
    """known | capitalised | acronym | stop | initial | particle | bad."""
    word = _GENITIVE.sub("", token).rstrip(".")
    folded = word.casefold()
    if not word or not _NAME_CHARS.match(token):
        return "bad"
    if len(word) == 1:
        return "initial" if word.isupper() else "bad"
    if folded in PARTICLES and word.islower():
        return "particle"
    known = is_known_name(word)
    if word.islower():
        if english or folded in _stop_words():
            return "bad"
        if caseless:
            return "known" if known else "capitalised"
        if "-" in folded:  # a host or user name built from a name: "henrik-stahl-laptop"
            return "known" if any(map(_is_common_name, folded.split("-"))) else "bad"
        return "known" if known and _is_common_name(folded) else "bad"
    if not all(_well_capitalised(piece) for piece in regex.split(r"[-'’]", word) if piece):
        return "bad"
    if _is_stop_word(folded):
        return "stop"
    if known:
        return "known"
    return "acronym" if word.isupper() else "capitalised"


def _well_capitalised(piece: str) -> bool:
    """ "Anna", "ANNA", "McDonald", "DeLuca", the "al" of "al-Sayed": not "DeviceRGB" or "aNNa"."""
    if piece.isupper() or (piece[0].isupper() and piece[1:].islower()):
        return True
    if piece.islower():
        return len(piece) == 1 or piece in PARTICLES
    folded = piece.casefold()
    return piece[0].isupper() and any(
        folded.startswith(prefix) and piece[len(prefix)].isupper() and piece[len(prefix) + 1 :].islower()
        for prefix in CAPITAL_PREFIXES
        if len(piece) > len(prefix) + 1
    )


def _is_common_name(folded: str) -> bool:
    """A surname, or a first name 100+ people have, that is not also an ordinary word."""
    if folded in gazetteers.name_words() or folded in _stop_words():
        return False
    return folded in gazetteers.surnames() or gazetteers.first_names().get(folded, 0) >= COMMON_FIRST_NAME


def _is_stop_word(folded: str) -> bool:
    return folded in _stop_words() and gazetteers.first_names().get(folded, 0) < COMMON_FIRST_NAME


def has_known_name(text: str) -> bool:
    """True when a word of ``text`` is a known name (see ``is_known_name``)."""
    return any(is_known_name(word) for word in _WORDS.findall(text))


def is_known_name(word: str) -> bool:
    """A listed first name or surname, a hyphenated or genitive form of one, or a surname-like word."""
    folded = word.casefold()
    if len(folded) > 3 and folded.endswith("s") and is_known_name(word[:-1]):
        return True  # genitive: "Svenssons", "Annas"
    if folded in gazetteers.first_names() or folded in gazetteers.surnames():
        return True
    pieces = [p for p in regex.split(r"[-'’]", folded) if len(p) >= 2]
    if len(pieces) > 1 and all(p in gazetteers.first_names() or p in gazetteers.surnames() for p in pieces):
        return True
    return gazetteers.has_surname_ending(word)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in SWEDISH_STOP_WORDS | ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def _english_only() -> frozenset[str]:
    return frozenset(w.casefold() for w in ENGLISH_STOP_WORDS - SWEDISH_STOP_WORDS)


@lru_cache(maxsize=1)
def _swedish_only() -> frozenset[str]:
    return frozenset(w.casefold() for w in SWEDISH_STOP_WORDS - ENGLISH_STOP_WORDS)
