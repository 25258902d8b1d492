"""What counts as a reason for going on despite a CAUTION (case-format 1.1).

A reason counts only with at least two words and at least 12 characters other than spaces:
"x", "nn" or "test" are not reasons. The case runner (through screening) and the GUI (beside the
reason box) both call :func:`reason_shortfall`, so they can never disagree.
"""

from __future__ import annotations

from consult_app.core.texts import Text

MIN_WORDS = 2
MIN_CHARACTERS = 12
"""Characters other than spaces."""


def reason_counts(text: str | None) -> bool:
    """Return whether ``text`` is a reason (two words and 12 non-space characters at least)."""
    return reason_shortfall(text) is None


def reason_shortfall(text: str | None) -> Text | None:
    """Say what a reason still lacks, in English and French; ``None`` when it counts.

    Args:
        text: the reason as typed (``None`` or blank: no reason yet).

    Returns:
        ``None`` when the reason counts, else a short sentence naming what is missing.
    """
    words = (text or "").split()
    characters = sum(len(w) for w in words)
    if not words:
        return Text(
            f"A reason is required: at least {MIN_WORDS} words and {MIN_CHARACTERS} characters.",
            f"Une justification est requise : au moins {MIN_WORDS} mots et "
            f"{MIN_CHARACTERS} caractères.",
        )
    lacking_en: list[str] = []
    lacking_fr: list[str] = []
    if len(words) < MIN_WORDS:
        lacking_en.append(f"at least {MIN_WORDS} words")
        lacking_fr.append(f"au moins {MIN_WORDS} mots")
    if characters < MIN_CHARACTERS:
        more = MIN_CHARACTERS - characters
        lacking_en.append(f"{more} more character{'s' if more > 1 else ''}")
        lacking_fr.append(f"{more} caractère{'s' if more > 1 else ''} de plus")
    if not lacking_en:
        return None
    return Text(
        "Reason too short: " + " and ".join(lacking_en) + " needed.",
        "Justification trop courte : il faut " + " et ".join(lacking_fr) + ".",
    )
