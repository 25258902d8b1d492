"""What a patient can be found by, and what a typed query asks for (pure, no storage).

A patient is stored with a set of **search terms** (``search_terms(name, phone)``):

- every part of the name, folded (case and accents removed, ``Ł`` -> ``l``, ``ß`` -> ``ss``):
  parts are split on spaces, hyphens and apostrophes, and each hyphen-part is also kept with its
  apostrophes removed and each space-part with everything joined, so ``Rossi-O'Brien`` gives
  ``rossiobrien``, ``rossi``, ``obrien``, ``o`` and ``brien``;
- in Chinese and Japanese names (no spaces between the parts of a name), every tail starting at
  a CJK character, so ``小明`` finds ``王小明``; Korean, Arabic, Hebrew, Cyrillic... are found by
  the start of a word, like Latin names (Arabic and Hebrew vowel marks are ignored);
- ``#`` + phone digits: the whole number, its last 10, last 7 and last 4 digits, so
  ``604555``, ``555-1234`` and ``1234`` all find ``+1 604-555-1234``.

A query (``parse_query``) asks for any of: every name token is the start of some term (tokens
split like names; apostrophes inside a token are dropped, so ``o'b`` is ``ob``); a chart-number
prefix; a birth date (ISO or its prefix, the clinic's day/month order with ``/ . -``, or a month
name in English or French: ``9 mars 1984``, ``March 9, 1984``, ``mars 1984``); phone digits (3+).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "DATE_ORDERS",
    "PHONE_MARK",
    "SearchQuery",
    "days",
    "fold",
    "name_words",
    "parse_date_query",
    "parse_query",
    "phone_terms",
    "search_terms",
]

#: The clinic's order of day and month in dates typed with ``/`` (setting ``date_order``).
DATE_ORDERS: Final = ("dmy", "mdy")
#: Phone terms start with this mark, which no name term can start with.
PHONE_MARK: Final = "#"
MAX_QUERY: Final = 200  # characters of a query that are looked at

# Letters that Unicode does not decompose into a base letter plus accent.
_EXTRA_FOLDS: Final = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
# Search only: more letters without a decomposition, Arabic letter variants and the tatweel.
_SEARCH_FOLDS: Final = str.maketrans(
    {"ŀ": "l", "ŋ": "n", "ð": "d", "ŧ": "t", "ĸ": "k", "ſ": "s", "ƒ": "f",
     "ى": "ي", "ة": "ه", "ـ": None}
)  # fmt: skip
_APOSTROPHES: Final = "'’‘ʼ`´ʹ′"
_APOS_RE: Final = re.compile(f"[{_APOSTROPHES}]")
_SPLIT_RE: Final = re.compile(f"[^\\w{_APOSTROPHES}]+|_")
_NOT_WORD: Final = re.compile(r"[\W_]+")
_CJK: Final = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
_EPOCH: Final = dt.date(1970, 1, 1)


def fold(text: str) -> str:
    """Return ``text`` case-folded without accents (``"Zoë"`` -> ``"zoe"``).

    Also the identity key of a patient (``find_same``): do not change what it returns.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _search_fold(text: str) -> str:
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)  # lone surrogates
    return fold(text.translate(_SEARCH_FOLDS))


def name_words(name: str) -> set[str]:
    """Return the folded terms a name can be found by (see the module docstring)."""
    words: set[str] = set()
    for chunk in _search_fold(name).split():
        joined = "".join(p for p in _NOT_WORD.split(chunk) if p)
        if joined:
            words.add(joined)
        for part in _SPLIT_RE.split(chunk):
            pieces = [p for p in _APOS_RE.split(part) if p]
            if pieces:
                words.add("".join(pieces))
                words.update(pieces)
    for word in list(words):
        for match in _CJK.finditer(word):
            if match.start() > 0:
                words.add(word[match.start() :])
    return words


def phone_terms(phone: str | None) -> set[str]:
    """Return the phone terms (``#`` + digits) a phone number can be found by."""
    digits = "".join(ch for ch in phone or "" if ch.isascii() and ch.isdigit())
    if len(digits) < 3:
        return set()
    tails = {digits, digits[-10:], digits[-7:], digits[-4:]}
    return {PHONE_MARK + t for t in tails if len(t) >= 3}


def search_terms(name: str, phone: str | None) -> set[str]:
    """Every term a patient is stored with: name words and phone terms."""
    return name_words(name) | phone_terms(phone)


def days(date: dt.date | None) -> int:
    """Days since 1970-01-01 (0 for None): the visit rank stored with each term."""
    return 0 if date is None else (date - _EPOCH).days


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What a typed query asks for; a patient matching any of the parts is a result.

    Attributes:
        text: the query as typed (trimmed, at most ``MAX_QUERY`` characters).
        name_tokens: every token must be the start of one of the patient's name terms.
        chart: a chart-number prefix (case-insensitive), or None.
        dates: birth-date prefixes (a full ``YYYY-MM-DD`` is an exact date).
        phone: phone-term prefixes (``#`` + digits).
    """

    text: str
    name_tokens: tuple[str, ...] = ()
    chart: str | None = None
    dates: tuple[str, ...] = ()
    phone: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """Nothing to look for."""
        return not (self.name_tokens or self.chart or self.dates or self.phone)


def query_tokens(query: str) -> list[str]:
    """The folded name tokens of a query (split like names; apostrophes dropped)."""
    folded = _APOS_RE.sub("", _search_fold(query))
    return [t for t in _NOT_WORD.split(folded) if t]


def parse_query(query: str, date_order: str = "dmy") -> SearchQuery:
    """Read what the user typed (see the module docstring); never raises."""
    text = "".join(ch for ch in query.strip()[:MAX_QUERY] if ch.isprintable() or ch == " ")
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF).strip()
    if not text:
        return SearchQuery(text="")
    return SearchQuery(
        text=text,
        name_tokens=tuple(query_tokens(text)),
        chart=text,
        dates=tuple(parse_date_query(text, date_order)),
        phone=tuple(_phone_query(text)),
    )


_PHONE_QUERY: Final = re.compile(r"\+?[\d\s().\-/]+")


def _phone_query(text: str) -> list[str]:
    if not _PHONE_QUERY.fullmatch(text):
        return []
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    if len(digits) < 3:
        return []
    out = [PHONE_MARK + digits]
    if len(digits) > 10:  # a country code typed in front of a 10-digit number
        out.append(PHONE_MARK + digits[-10:])
    return out


# --- dates -------------------------------------------------------------------------------------
_MONTHS: Final[dict[str, int]] = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # French (folded: février -> fevrier, août -> aout, décembre -> decembre)
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_ISO_PREFIX: Final = re.compile(r"\d{4}(-(\d{1,2}(-\d{0,2})?)?)?")
_ISO_FULL: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC: Final = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})")
_ORDINAL: Final = re.compile(r"(\d{1,2})(?:er|re|st|nd|rd|th|e)?")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        this_year = dt.date.today().year % 100
        value += 1900 if value > this_year else 2000
    return value


def parse_date_query(text: str, date_order: str = "dmy") -> list[str]:
    """Birth-date prefixes a query stands for (empty when it is not a date).

    ``1984``, ``1984-03`` and ``1984-03-09`` are ISO prefixes; ``09/03/1984`` (or with ``.``,
    ``-`` or a space, 2-digit years allowed) is read in the clinic's ``date_order``, the other
    order only when that gives no date; ``9 mars 1984``, ``March 9, 1984``, ``1er mars 1984``
    and ``mars 1984`` name the month in English or French.
    """
    text = text.strip()
    if _ISO_PREFIX.fullmatch(text):
        parts = text.split("-")
        if len(parts) == 3 and parts[2]:
            exact = _iso(int(parts[0]), int(parts[1]), int(parts[2]))
            out = [exact] if exact else []
            if len(parts[2]) == 1 and len(parts[1]) == 2:  # still typing the day
                out.append(text)
            return out
        if len(parts) == 3 and len(parts[1]) == 1:
            return [f"{parts[0]}-0{parts[1]}-"]
        return [text]
    match = _ISO_FULL.fullmatch(text)
    if match:
        exact = _iso(*(int(g) for g in match.groups()))
        return [exact] if exact else []
    match = _NUMERIC.fullmatch(text)
    if match:
        first, second, year_text = match.groups()
        year = _year(year_text)
        orders = [date_order, "mdy" if date_order == "dmy" else "dmy"]
        for order in orders:
            day, month = (first, second) if order == "dmy" else (second, first)
            exact = _iso(year, int(month), int(day))
            if exact:
                return [exact]
        return []
    return _named_month(text)


def _named_month(text: str) -> list[str]:
    words = [w for w in re.split(r"[\s,./\-]+", fold(text)) if w]
    if not 2 <= len(words) <= 3:
        return []
    month = day = year = None
    for word in words:
        if word in _MONTHS and month is None:
            month = _MONTHS[word]
        elif re.fullmatch(r"\d{4}", word) and year is None:
            year = int(word)
        elif (m := _ORDINAL.fullmatch(word)) and day is None:
            day = int(m.group(1))
        else:
            return []
    if month is None or year is None:
        return []
    if day is None:
        return [f"{year:04d}-{month:02d}-"]
    exact = _iso(year, month, day)
    return [exact] if exact else []


def exact_terms(tokens: Iterable[str], terms: Iterable[str]) -> int:
    """How many of ``tokens`` equal one of ``terms`` (the ranking's exact matches)."""
    stored = set(terms)
    return sum(1 for t in tokens if t in stored)
