"""What counts as a diagnosis before a therapeutic treatment (case-format 1.1).

1.1 makes ``diagnosis`` ("the diagnosis and who examined") required before consent for any
therapeutic indication: a medical examination and a diagnosis come before a therapeutic
prescription. A placeholder is not a diagnosis, so a text counts only when it names something:

* at least 3 letters, of at least 2 different letters ("TMD", "Bruxism" and "Torticollis
  (left), examined by Dr Roy" count; "x", "nn", "1", "--" and "xxxx" do not);
* not only placeholder words ("test", "none", "n/a", "tbd", "unknown", "à venir"...).

The case runner (through screening: ``diagnosis`` stays in ``missing``, exit 4) and the GUI (beside
the diagnosis box) both call :func:`diagnosis_shortfall`, so they can never disagree.
"""

from __future__ import annotations

import re
import unicodedata

from consult_app.core.texts import Text

MIN_LETTERS = 3
"""Letters (any alphabet) a diagnosis needs at least."""

PLACEHOLDERS = frozenset(
    {
        "test",
        "testing",
        "none",
        "nil",
        "na",
        "n",
        "a",
        "no",
        "nothing",
        "x",
        "tbd",
        "tba",
        "todo",
        "unknown",
        "pending",
        "later",
        "see",
        "chart",
        "notes",
        "not",
        "recorded",
        "asdf",
        "aucun",
        "aucune",
        "inconnu",
        "inconnue",
        "venir",
        "voir",
        "dossier",
        "non",
        "consigne",
    }
)
"""Words that say nothing about the patient: a text made of these only is not a diagnosis."""

_WORD = re.compile(r"[^\W\d_]+")


def _letters_only(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def diagnosis_counts(text: str | None) -> bool:
    """Return whether ``text`` is a diagnosis (see the module's rule)."""
    return diagnosis_shortfall(text) is None


def diagnosis_shortfall(text: str | None) -> Text | None:
    """Say why ``text`` is not yet a diagnosis, in English and French; ``None`` when it counts.

    Args:
        text: the diagnosis as typed (``None`` or blank: none yet).

    Returns:
        ``None`` when it counts, else a short sentence naming what is missing.
    """
    words = _WORD.findall(_letters_only(text or ""))
    letters = "".join(words)
    if not (text or "").strip():
        return Text(
            "Therapeutic use: the diagnosis and who examined are required before consent.",
            "Usage thérapeutique : le diagnostic et qui a examiné sont requis avant le "
            "consentement.",
        )
    if len(letters) < MIN_LETTERS or len(set(letters)) < 2:
        return Text(
            "Not a diagnosis: name the condition (at least 3 letters), and who examined.",
            "Ce n'est pas un diagnostic : nommez l'affection (au moins 3 lettres) et qui a "
            "examiné.",
        )
    if all(w in PLACEHOLDERS for w in words):
        return Text(
            "Not a diagnosis: a placeholder such as 'test' or 'none' does not name the condition.",
            "Ce n'est pas un diagnostic : un texte comme « test » ou « aucun » ne nomme pas "
            "l'affection.",
        )
    return None
