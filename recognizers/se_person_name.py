"""PERSON from word lists: Swedish first names (SCB) and surnames, until the NER model covers it.

The recognizer reads capitalised (or ALL-CAPS) words, gives each a role from the gazetteers, and
reads names off the sequence of roles:

- ``F``  a first name (SCB, >= 5 people go by it); ``Fw`` when it is also a common word ("Per", "Bo")
- ``S``  a known surname; ``Sw`` a known surname that is also a common word ("Berg", "Holm")
- ``M``  an unknown word that ends like a Swedish surname (-sson, -berg, -ström, -qvist, -gren ...)
- ``C``  any other capitalised word that is not a common word or a town
- ``P``  a particle inside a name (von, af, de, bin, al ...)

Hyphenated words ("Anna-Karin", "Svensson-Lind") take the role of their parts, a genitive -s
("Svenssons") the role of the word without it. Names may wrap to the next line.

Lower-case words are read too, where capitals say nothing: in a text without any capital letter
(a lower-cased e-mail, a chat log) every rule applies to its words; elsewhere only a lower-case
full name, a first name followed by a surname ("hej, jag heter anna svensson"). In lower case
only the gazetteers' sure cases count (``_lower_case_role``): first names and surnames that are
not also words, so a first name alone is proposed only when it is common and not a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult

from recognizers import gazetteers
from recognizers.base import SkymmaPatternRecognizer

_WORD = r"(?:\p{Lu}(?:['’]?\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?|\p{Lu}{2,})"
_PARTICLES = (
    "von", "af", "av", "de", "van", "der", "den", "da", "di", "del", "la", "le", "bin", "ibn", "al", "el",
)  # fmt: skip
TOKEN_REGEX = (
    rf"(?<![\p{{L}}\p{{N}}\-@.])(?:{_WORD}(?:-{_WORD})*|{'|'.join(_PARTICLES)})(?![\p{{L}}\p{{N}}@])"
)
_LOWER_WORD = r"\p{Ll}+(?:['’]\p{Ll}+)?"
_LOWER_TOKEN = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}\-@.]){_LOWER_WORD}(?:-{_LOWER_WORD})*(?![\p{{L}}\p{{N}}@]|\.\p{{L}})"
)
_LETTERS = r"[^\W\d_]+(?:['’][^\W\d_]+)?"
# every lower-case token and more (Python's re, faster than regex here), to skip texts with no name
_WORDS = re.compile(rf"(?<![^\W_])(?<![-@.]){_LETTERS}(?:-{_LETTERS})*(?![^\W_]|@|\.[^\W\d_])")
_SPACE_GAP = regex.compile(r"[ \t\u00a0]{1,3}")
_LINE_GAP = regex.compile(r"[ \t\u00a0]*\r?\n[ \t\u00a0]*")
_COMMA_GAP = regex.compile(r",[ \t\u00a0]{1,3}")
COMMON_FIRST_NAME_BEARERS = 2000
SURNAME_OVER_FIRST_NAME_BEARERS = 1000
COMMON_WORD_NAME_BEARERS = 1000  # a common word is a name only if this many people go by it
MAX_FIRST_NAMES = 3


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    role: str  # F, Fw, S, Sw, M, C, P or X (a word that is never part of a name)
    bearers: int  # people going by it as a first name (0 when not a first name)
    also_surname: bool  # a first name that is a known surname too ("Ali", "Martin")
    caps: bool


def _role_of_part(word: str) -> tuple[str, int, bool]:
    key = word.casefold()
    words = gazetteers.name_words()
    bearers = gazetteers.first_names().get(key, 0)
    known_surname = key in gazetteers.surnames()
    if known_surname and bearers < SURNAME_OVER_FIRST_NAME_BEARERS:  # "Nilsson" is a given name too
        return ("Sw" if key in words else "S"), 0, True
    if bearers and key in words:  # "Per" and "Bo" are names, "Del" and "Om" are words
        return ("Fw", bearers, known_surname) if bearers >= COMMON_WORD_NAME_BEARERS else ("X", 0, False)
    if bearers:
        return "F", bearers, known_surname
    if key in words or key in gazetteers.towns() or gazetteers.has_street_ending(word):
        return "X", 0, False
    if gazetteers.has_surname_ending(word):
        return "M", 0, False
    return "C", 0, False


def _role(word: str) -> tuple[str, int, bool]:
    """The role of a (possibly hyphenated, possibly genitive) capitalised word."""
    if word in _PARTICLES:
        return "P", 0, False
    parts = [_role_of_part(part) for part in word.split("-")]
    if len(parts) > 1:
        roles = {role for role, _, _ in parts}
        if roles <= {"F", "Fw"}:
            return ("F" if "F" in roles else "Fw"), max(b for _, b, _ in parts), False
        if roles & {"S", "M"}:
            return "S", 0, True
        return ("C" if "X" not in roles else "X"), 0, False
    role, bearers, also_surname = parts[0]
    if role == "C" and len(word) > 3 and word[-1] in "sS":  # an ordinary word ("This") is no genitive
        base = _role_of_part(word[:-1])  # genitive: "Svenssons", "Annas"
        if base[0] not in ("C", "X"):
            return base
    return role, bearers, also_surname


@lru_cache(maxsize=65_536)  # a text's words repeat; this is most of the lower-case reading's time
def _lower_case_role(word: str) -> tuple[str, int, bool]:
    """The role of a lower-case word. Without a capital to go by, only the gazetteers' sure cases
    count: a first name or a surname that is not also a word. An unknown word, one that merely ends
    like a surname, and a first name read as a genitive ("dans", "finns", "ritas" are words) are
    no names; a surname's genitive ("sjöbergs") still is."""
    if word in _PARTICLES:
        return "P", 0, False
    found = _role(word)
    if found[0] not in ("F", "S"):
        return "X", 0, False
    if found[0] == "F" and "-" not in word and _role_of_part(word)[0] == "C":
        return "X", 0, False  # "F" only as a genitive
    return found


class SePersonNameRecognizer(SkymmaPatternRecognizer):
    """Person names from first-name and surname gazetteers, in running text, lists and signatures.

    Score policy (before context words such as "Namn:", "handläggare", "Från:" add 0.35):
    ``full_name`` first name + known or surname-like word; ``ambiguous_full_name`` when every
    first name is also a common word ("Per Bengtsson"); ``first_name_unknown_surname`` first name
    + another capitalised word; ``surname_comma_first_name`` "Svensson, Anna"; ``common_first_name``
    a frequent first name alone; ``ambiguous_with_unknown_word`` ("Bo Polsten", "Per Capita"),
    ``rare_first_name`` and ``surname_alone`` need context or propagation to be proposed;
    ``ambiguous_alone`` ("Per", "Se", "Vid" alone) is 0: such words are only proposed when
    propagation carries them from a full name. A single ALL-CAPS word loses ``caps_penalty``.
    """

    ENTITY = "PERSON"
    ORIGIN = "gazetteer"
    SCORES: ClassVar[Mapping[str, float]] = {
        "full_name": 0.85,
        "surname_comma_first_name": 0.8,
        "ambiguous_full_name": 0.7,
        "first_name_unknown_surname": 0.6,
        "common_first_name": 0.4,
        "surname_alone": 0.3,
        "ambiguous_with_unknown_word": 0.3,
        "rare_first_name": 0.2,
        "ambiguous_alone": 0.0,
        "caps_penalty": 0.1,
    }
    PATTERNS = (Pattern("name_token", TOKEN_REGEX, 0.0),)

    def _analyze_patterns(self, text: str) -> list[RecognizerResult]:
        pattern, compiled = self._compiled[0]
        caseless = not any(c.isupper() for c in text)
        if not caseless:
            tokens = [
                _Token(m.start(), m.end(), *_role(m.group()), caps=m.group().isupper() and len(m.group()) > 1)
                for m in compiled.finditer(text, timeout=self.regex_timeout_seconds)
            ]
            found = self._names(tokens, text, full_names_only=False)
        else:
            found = []
        roles = {_lower_case_role(word)[0] for word in set(_WORDS.findall(text)) if word.islower()}
        worth_reading = bool(roles & {"F", "S"}) if caseless else {"F", "S"} <= roles  # (full names only)
        if not worth_reading:
            return [self._result(start, end, score, pattern) for start, end, score in found]
        lower = []  # words that are no name left out: their gap then keeps neighbours from joining
        for m in _LOWER_TOKEN.finditer(text, timeout=self.regex_timeout_seconds):
            role = _lower_case_role(m.group())
            if role[0] != "X":
                lower.append(_Token(m.start(), m.end(), *role, caps=False))
        found += self._names(lower, text, full_names_only=not caseless)
        return [self._result(start, end, score, pattern) for start, end, score in sorted(found)]

    def _names(self, tokens: list[_Token], text: str, full_names_only: bool) -> list[tuple[int, int, float]]:
        """(start, end, score) of the names read off ``tokens``; with ``full_names_only`` only names
        of a first name and a surname."""
        names = []
        index = 0
        while index < len(tokens):
            found = self._name_at(tokens, index, text)
            if found is None:
                index += 1
                continue
            last, score = found
            full_name = tokens[index].role in ("F", "Fw") and tokens[last].role in ("S", "Sw", "M")
            if score > 0 and (full_name or not full_names_only):
                names.append((tokens[index].start, tokens[last].end, score))
            index = last + 1
        return names

    def _name_at(self, tokens: list[_Token], i: int, text: str) -> tuple[int, float] | None:
        """(index of the name's last token, score) for a name starting at token ``i``, or None."""
        first = tokens[i]
        if first.role in ("F", "Fw"):
            return self._first_name_first(tokens, i, text)
        if first.role in ("S", "M", "Sw") and i + 1 < len(tokens):
            gap = text[first.end : tokens[i + 1].start]
            if _COMMA_GAP.fullmatch(gap) and tokens[i + 1].role in ("F", "Fw") and first.role != "Sw":
                last = self._extend(tokens, i + 1, text, ("F", "Fw"), MAX_FIRST_NAMES)
                return last, self.scores["surname_comma_first_name"]
        if first.role == "S":
            return i, self._alone(first, self.scores["surname_alone"])
        if first.role == "M":
            return i, self._alone(first, self.scores["surname_alone"] - 0.1)
        return None

    def _first_name_first(self, tokens: list[_Token], i: int, text: str) -> tuple[int, float]:
        last_first = self._extend(tokens, i, text, ("F", "Fw"), MAX_FIRST_NAMES)
        ambiguous = all(t.role == "Fw" for t in tokens[i : last_first + 1])
        before_surname = last_first
        while self._joined(tokens, before_surname, text) and tokens[before_surname + 1].role == "P":
            before_surname += 1  # "Carl von Essen", "Amal bin Said"
        if self._joined(tokens, before_surname, text):
            surname = tokens[before_surname + 1]
            same_line = "\n" not in text[tokens[before_surname].end : surname.start]
            if surname.role in ("S", "M", "Sw"):
                last = self._extend(tokens, before_surname + 1, text, ("S", "M", "Sw"), 2)
                if self._joined(tokens, last, text, same_line=True) and tokens[last + 1].role == "C":
                    last += 1  # a second, unknown surname: "Martha Henriksson Witt"
                return last, self._full_name_score(ambiguous, surname.role)
            if surname.role == "C" and same_line:
                score = self.scores["first_name_unknown_surname"]
                return before_surname + 1, self.scores["ambiguous_with_unknown_word"] if ambiguous else score
        if last_first > i and tokens[last_first].also_surname and not ambiguous:
            return last_first, self.scores["full_name"]  # "Ahmed Ali", "Anna Martin"
        bearers = max(t.bearers for t in tokens[i : last_first + 1])
        if ambiguous:
            score = self.scores["ambiguous_alone"]
        elif bearers >= COMMON_FIRST_NAME_BEARERS:
            score = self.scores["common_first_name"]
        else:
            score = self.scores["rare_first_name"]
        return last_first, self._alone(tokens[i], score) if last_first == i else score

    def _full_name_score(self, ambiguous_first: bool, surname_role: str) -> float:
        if not ambiguous_first:
            return self.scores["full_name"]
        if surname_role == "Sw":  # "Per Berg": both halves are common words
            return self.scores["ambiguous_with_unknown_word"]
        return self.scores["ambiguous_full_name"]

    def _extend(self, tokens: list[_Token], i: int, text: str, roles: tuple[str, ...], limit: int) -> int:
        """The last index of a run of up to ``limit`` joined tokens with ``roles`` starting at ``i``.

        Returns ``i - 1`` when token ``i`` itself does not qualify.
        """
        last = i - 1
        while last + 1 < len(tokens) and tokens[last + 1].role in roles and last + 1 - i < limit:
            if last >= i and not self._joined(tokens, last, text):
                break
            last += 1
        return last

    @staticmethod
    def _joined(tokens: list[_Token], i: int, text: str, same_line: bool = False) -> bool:
        """True when token ``i`` and the next one are separated by spaces (or one line break)."""
        if i < 0 or i + 1 >= len(tokens):
            return False
        gap = text[tokens[i].end : tokens[i + 1].start]
        return bool(_SPACE_GAP.fullmatch(gap) or (not same_line and _LINE_GAP.fullmatch(gap)))

    def _alone(self, token: _Token, score: float) -> float:
        return max(score - self.scores["caps_penalty"], 0.01) if token.caps else score
