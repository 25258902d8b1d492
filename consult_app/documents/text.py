"""Turn user and content strings into safe reportlab paragraph markup, in the bundled fonts.

Every string printed by the documents goes through :func:`para` (or :func:`runs` for text drawn
directly on the canvas):

* Control characters other than newline and tab are dropped; a tab becomes a space. Invisible
  format characters (category ``Cf``, e.g. zero-width joiners) that no bundled font has are
  dropped too.
* **Every script of a Canadian or US clinic's patients prints in its own bundled font**: DejaVu
  Sans for Latin, Greek and Cyrillic, and the fallbacks of :mod:`consult_app.documents.fonts` for
  Arabic, Hebrew, Devanagari, Korean, Chinese and Japanese. Each run of characters DejaVu lacks is
  wrapped in ``<font name="...">`` of the first fallback that has them.
* **Right-to-left text is shaped and ordered**: Arabic letters take their joined forms
  (``arabic_reshaper``) and each line is put in display order with the Unicode bidirectional
  algorithm (``python-bidi``, base direction left-to-right, as the documents are English or
  French). Text extraction (``pdftotext``) gives the logical order back; Arabic comes back as
  presentation forms, equal to what was typed after NFKC normalisation.
* Devanagari runs are shaped with HarfBuzz (conjuncts, vowel signs): :func:`needs_shaping` tells
  the paragraph builder to use a shaping style.
* A character no bundled font has is never drawn as a box: it is replaced by a visible marker
  ``[U+XXXX]`` naming its code point, and :func:`unsupported_characters` lets the GUI warn before
  a document is produced.
* The result is escaped with :func:`xml.sax.saxutils.escape` (``<``, ``>``, ``&``), then newlines
  become ``<br/>``, so ``Zoë O'Brien-Łukasiewicz <b> & Co`` prints exactly as typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics

from consult_app.documents.fonts import FALLBACKS, FONT_BOLD, FONT_FILES, FONT_REGULAR

MARKER_FORMAT = "[U+{:04X}]"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
#: Fallback fonts that need HarfBuzz shaping, by name.
_SHAPED = frozenset(f.name for f in FALLBACKS if f.shaped)
_SHAPED_MARKUP = re.compile(
    "|".join(re.escape(f'<font name="{name}') for name in sorted(_SHAPED)) or "(?!)"
)
#: Characters that stay in the run they follow when its font has them (spaces, marks, joiners).
_STICKY = frozenset({"Zs", "Mn", "Mc", "Me", "Cf", "Po", "Pd"})


@functools.cache
def _covered() -> frozenset[int]:
    """Code points present in every registered DejaVu face (fonts must be registered)."""
    sets: list[set[int]] = []
    for name in FONT_FILES:
        font = pdfmetrics.getFont(name)
        char_to_glyph: dict[int, int] = font.face.charToGlyph
        sets.append(set(char_to_glyph))
    return frozenset(set.intersection(*sets))


@functools.cache
def _fallback_cover() -> tuple[tuple[str, frozenset[int]], ...]:
    """(fallback name, code points of its regular and bold faces), in the order tried."""
    covers: list[tuple[str, frozenset[int]]] = []
    for fallback in FALLBACKS:
        regular = set(pdfmetrics.getFont(fallback.name).face.charToGlyph)
        bold = set(pdfmetrics.getFont(fallback.bold_name).face.charToGlyph)
        covers.append((fallback.name, frozenset(regular & bold)))
    return tuple(covers)


_DEJAVU = ""  # run key of the document's own font


@functools.cache
def font_for(char: str) -> str | None:
    """The run key of the font drawing ``char``: ``""`` for DejaVu, a fallback name, or None."""
    code = ord(char)
    if unicodedata.category(char) == "Cc":
        return None  # some fonts map control characters to a glyph: never drawn
    if code in _covered():
        return _DEJAVU
    for name, cover in _fallback_cover():
        if code in cover:
            return name
    return None


#: Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation forms: lines that need bidi.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _visual(line: str) -> str:
    """One line in display order: Arabic joined, right-to-left runs reversed (UAX #9)."""
    if line.isascii() or not _RTL.search(line):
        return line
    if _ARABIC.search(line):
        line = arabic_reshaper.reshape(line)
    return str(get_display(line, base_dir="L"))


def unsupported_characters(text: str) -> list[str]:
    """Return the distinct visible characters of ``text`` no bundled font can draw.

    Requires :func:`consult_app.documents.fonts.register_fonts` to have been called.

    Args:
        text: any text.

    Returns:
        The characters, in order of first appearance.
    """
    found: dict[str, None] = {}
    for char in text:
        if font_for(char) is not None or char.isspace():
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):
            continue  # turned into a space / dropped by clean()
        found.setdefault(char, None)
    return list(found)


def clean(text: str) -> str:
    """Return ``text`` in display order, control characters removed, undrawable ones marked.

    Args:
        text: any text.

    Returns:
        Text every character of which a bundled font can draw (newlines kept).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    covered = _covered()
    out: list[str] = []
    for char in text:
        if ord(char) in covered and char.isprintable() or char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif font_for(char) is not None:
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            continue
        elif char.isspace():
            out.append(" ")
        else:
            out.append(MARKER_FORMAT.format(ord(char)))
    lines = "".join(out).split("\n")
    return "\n".join(_visual(line) for line in lines)


def _split(text: str) -> list[tuple[str, str]]:
    """Cleaned text as (run key, text) runs; spaces and marks stay with the run before them."""
    covered = _covered()
    if all(ord(char) in covered or char == "\n" for char in text):
        return [(_DEJAVU, text)] if text else []
    result: list[tuple[str, str]] = []
    key: str | None = None
    chars: list[str] = []
    for char in text:
        wanted = font_for(char) if char != "\n" else None
        if wanted is None:  # a newline (clean() left only drawable characters otherwise)
            wanted = key if key is not None else _DEJAVU
        if key is not None and wanted != key and unicodedata.category(char) in _STICKY:
            cover = dict(_fallback_cover()).get(key)
            if key == _DEJAVU or (cover is not None and ord(char) in cover):
                wanted = key
        if wanted != key and chars:
            result.append((key or _DEJAVU, "".join(chars)))
            chars = []
        key = wanted
        chars.append(char)
    if chars:
        result.append((key or _DEJAVU, "".join(chars)))
    return result


def _markup(text: str) -> str:
    """Escaped markup of cleaned text, each fallback run in its ``<font>``."""
    parts: list[str] = []
    for key, run in _split(text):
        escaped = escape(run)
        parts.append(f'<font name="{key}">{escaped}</font>' if key else escaped)
    return "".join(parts).replace("\n", "<br/>")


def plain(text: str) -> str:
    """Return one line of clean text (newlines -> spaces), for metadata-free canvas strings."""
    return " ".join(clean(text).split())


def meta(text: str) -> str:
    """Return ``text`` for PDF metadata: one line, logical order, no control characters."""
    kept = (c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c in "\t\n")
    return " ".join("".join(kept).split())


def runs(text: str, bold: bool = False) -> list[tuple[str, str, bool]]:
    """One line of text as ``(font name, text, shaped)`` runs for drawing on the canvas.

    Args:
        text: any text (cleaned here).
        bold: draw in the bold faces.

    Returns:
        The runs, in display order.
    """
    fallbacks = {f.name: f for f in FALLBACKS}
    result: list[tuple[str, str, bool]] = []
    for key, run in _split(plain(text)):
        if not key:
            result.append((FONT_BOLD if bold else FONT_REGULAR, run, False))
        else:
            fallback = fallbacks[key]
            result.append((fallback.bold_name if bold else fallback.name, run, fallback.shaped))
    return result


def needs_shaping(markup: str) -> bool:
    """Whether paragraph ``markup`` holds a run in a font that must be shaped (Devanagari)."""
    return bool(_SHAPED_MARKUP.search(markup))


def para(text: str) -> str:
    """Return paragraph markup that prints ``text`` exactly, newlines as line breaks.

    Args:
        text: any text (user input, content wording or labels).

    Returns:
        Escaped reportlab paragraph markup.
    """
    return _markup(clean(text))


def fill(template: str, **values: str) -> str:
    """Escape ``template`` and substitute ``{key}`` placeholders with escaped values, literally.

    ``str.format`` is not used, so braces in user text can never break or leak anything.

    Args:
        template: label template, e.g. ``"Dear {name},"``.
        **values: placeholder values.

    Returns:
        Escaped paragraph markup.
    """
    escaped = {key: para(value) for key, value in values.items()}

    def substitute(match: re.Match[str]) -> str:
        return escaped.get(match.group(1), match.group(0))

    return _PLACEHOLDER.sub(substitute, para(template))
