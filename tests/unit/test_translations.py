"""The interface catalogue (issue 21): the .ts parses, matches the source, placeholders agree."""

from __future__ import annotations

import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n_extract  # noqa: E402

TS = ROOT / "resources" / "translations" / "consult_app_fr_CA.ts"
_PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{[a-z_]+\}")

# Widget calls whose string arguments the user reads.
_SHOWN = {
    "setText",
    "setToolTip",
    "setWindowTitle",
    "setPlaceholderText",
    "setAccessibleName",
    "addItem",
    "setTitle",
    "setStatusTip",
    "setHorizontalHeaderLabels",
    "setHeaderLabels",
    "setLabelText",
    "showMessage",
    "addTab",
    "setInformativeText",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "addRow",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "QMenu",
}


def _messages() -> list[ET.Element]:
    return list(ET.parse(TS).getroot().iter("message"))


def test_ts_parses_and_is_in_step_with_the_source() -> None:
    found = i18n_extract.scan()
    assert not found.errors
    # The strings, not their line numbers: an edit elsewhere in a file must not fail this.
    in_ts = {
        (ctx.findtext("name"), m.findtext("source"), m.findtext("comment"))
        for ctx in ET.parse(TS).getroot().iter("context")
        for m in ctx.iter("message")
        if (m.find("translation") is None or m.find("translation").get("type") != "vanished")
    }
    missing = sorted(set(found.messages) - in_ts, key=str)
    assert missing == [], "run: python tools/i18n_extract.py\n" + "\n".join(map(str, missing))
    assert len(found.messages) > 400


def test_translated_entries_keep_every_placeholder() -> None:
    checked = 0
    for msg in _messages():
        tr = msg.find("translation")
        assert tr is not None
        if tr.get("type") in ("unfinished", "vanished"):
            continue
        source = msg.findtext("source") or ""
        texts = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        for text in texts:
            assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), (
                source
            )
        checked += 1
    assert checked > 400


def test_every_string_is_translated_in_french() -> None:
    """No unfinished entry, and every form of every source string has a French text."""
    untranslated = []
    for msg in _messages():
        tr = msg.find("translation")
        assert tr is not None
        if tr.get("type") == "vanished":
            continue
        texts = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        if tr.get("type") == "unfinished" or not all(t.strip() for t in texts):
            untranslated.append(msg.findtext("source"))
    assert untranslated == [], "translate in the .ts:\n" + "\n".join(map(str, untranslated))


def test_french_typography_no_breakable_space_before_double_punctuation() -> None:
    """A space before : ; ? ! (or inside « ») is non-breaking, so the sign never starts a line."""
    bad = []
    for msg in _messages():
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("unfinished", "vanished"):
            continue
        for text in [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]:
            if re.search(r" [:;?!»]|« ", text):
                bad.append(text)
    assert bad == []


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", "").replace("&nbsp;", ""))
    return found.group(1).lower() if found else None


def test_french_mnemonics_are_unique_where_the_english_ones_are() -> None:
    """Within a context, two French texts share an Alt+ letter only where the English ones do."""
    clashes = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        seen: dict[str, tuple[str, str | None]] = {}
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            source = msg.findtext("source") or ""
            if tr is None or tr.get("type") == "vanished" or not tr.text:
                continue
            key = _mnemonic(tr.text)
            if key is None:
                continue
            other = seen.get(key)
            if other is not None and other[1] != _mnemonic(source):
                clashes.append(f"{ctx.findtext('name')}: {other[0]!r} / {tr.text!r}")
            seen[key] = (tr.text, _mnemonic(source))
    assert clashes == []


def _unwrapped(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name == "_tr" or (
                isinstance(node.func, ast.Attribute) and node.func.attr in ("translate", "tr")
            ):
                inside.update(id(s) for s in ast.walk(node))
        # Keys, not text: looked up with .get (the bilingual resources are looked up so too),
        # compared with a value, or indexing a mapping.
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and (node.func.attr == "get")
        ):
            inside.update(id(s) for a in node.args for s in ast.walk(a))
        if isinstance(node, ast.Compare):
            inside.update(id(s) for s in ast.walk(node))
        if isinstance(node, ast.Subscript):
            inside.update(id(s) for s in ast.walk(node.slice))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        if name not in _SHOWN:
            continue
        # addItem(text, userData): the data is a key, never shown.
        args = node.args[:1] if name == "addItem" else node.args
        for arg in args:
            for s in ast.walk(arg):
                if (
                    isinstance(s, ast.Constant)
                    and isinstance(s.value, str)
                    and id(s) not in inside
                    and re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>|%[A-Za-z]", "", s.value))
                ):
                    out.append(f"{path.relative_to(ROOT).as_posix()}: {s.value!r}")
    return out


# Shown as they are on purpose: each language's own name, and a country spelled the same in French.
_SAME_IN_FRENCH = {
    "consult_app/ui/dialogs/settings_dialog.py: 'Canada'",
}


def test_no_literal_string_reaches_a_widget_unwrapped() -> None:
    found = [
        hit
        for base in ("consult_app/ui", "consult_app/app")
        for p in sorted((ROOT / base).rglob("*.py"))
        for hit in _unwrapped(p)
    ]
    new = sorted(set(found) - _SAME_IN_FRENCH)
    assert new == [], "wrap in _tr(...), then python tools/i18n_extract.py:\n" + "\n".join(new)


def test_the_patient_sheet_has_one_french_name() -> None:
    """'Patient sheet' is the 'feuille d'information' everywhere, as the sheet's own French
    title says; 'fiche du patient' is the patient page on screen, never the sheet."""
    wrong = []
    for msg in _messages():
        tr = msg.find("translation")
        source = (msg.findtext("source") or "").replace("&", "").lower()
        if tr is None or tr.get("type") == "vanished" or "patient sheet" not in source:
            continue
        text = (tr.text or "").replace("&", "").lower()
        if "feuille" not in text or "fiche" in text:
            wrong.append(text)
    assert wrong == []
