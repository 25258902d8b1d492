"""Turn user and content strings into safe reportlab paragraph markup.

Every string printed by the documents goes through :func:`para` (or :func:`plain` for text drawn
directly on the canvas):

* Control characters other than newline and tab are dropped; a tab becomes a space. Invisible
  format characters (category ``Cf``, e.g. zero-width joiners) that the font lacks are dropped too.
* **Characters the bundled DejaVu Sans cannot draw are never printed as boxes.** Each one is
  replaced by a visible marker ``[U+XXXX]`` naming its code point (e.g. a CJK name prints as
  ``[U+5F20][U+4F1F]``), so the reader sees that something could not be printed and what it was.
  :func:`unsupported_characters` lets the GUI warn before a document is produced. The supported
  scripts are those of DejaVu Sans: Latin (with accents), Greek, Cyrillic and common symbols.
  Arabic/Hebrew shaping and CJK are not supported.
* The result is escaped with :func:`xml.sax.saxutils.escape` (``<``, ``>``, ``&``), then newlines
  become ``<br/>``, so ``Zoë O'Brien-Łukasiewicz <b> & Co`` prints exactly as typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from consult_app.documents.fonts import FONT_FILES

MARKER_FORMAT = "[U+{:04X}]"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@functools.cache
def _covered() -> frozenset[int]:
    """Code points present in every registered DejaVu face (fonts must be registered)."""
    sets: list[set[int]] = []
    for name in FONT_FILES:
        font = pdfmetrics.getFont(name)
        char_to_glyph: dict[int, int] = font.face.charToGlyph
        sets.append(set(char_to_glyph))
    return frozenset(set.intersection(*sets))


def _is_drawable(char: str) -> bool:
    return ord(char) in _covered()


def unsupported_characters(text: str) -> list[str]:
    """Return the distinct visible characters of ``text`` the bundled fonts cannot draw.

    Requires :func:`consult_app.documents.fonts.register_fonts` to have been called.

    Args:
        text: any text.

    Returns:
        The characters, in order of first appearance.
    """
    found: dict[str, None] = {}
    for char in text:
        if _is_drawable(char) or char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue  # drawn, or turned into a space / dropped by clean()
        found.setdefault(char, None)
    return list(found)


def clean(text: str) -> str:
    """Return ``text`` with control characters removed and undrawable characters marked.

    Args:
        text: any text.

    Returns:
        Text every character of which DejaVu Sans can draw (newlines kept).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif _is_drawable(char):
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            continue
        elif char.isspace():
            out.append(" ")
        else:
            out.append(MARKER_FORMAT.format(ord(char)))
    return "".join(out)


def plain(text: str) -> str:
    """Return one line of clean text for drawing directly on the canvas (newlines -> spaces)."""
    return " ".join(clean(text).split())


def para(text: str) -> str:
    """Return paragraph markup that prints ``text`` exactly, newlines as line breaks.

    Args:
        text: any text (user input, content wording or labels).

    Returns:
        Escaped reportlab paragraph markup.
    """
    return escape(clean(text)).replace("\n", "<br/>")


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
