"""Extract the interface's translatable strings into resources/translations/*.ts (Qt Linguist).

Why not ``pyside6-lupdate`` alone: every module translates through a small ``_tr(text)`` helper
that calls ``QCoreApplication.translate("<Context>", text, ...)`` with the module's one stable
context (style.md 2.5). lupdate sees ``_tr`` only as an alias of ``tr`` and files those strings
under an empty context, which the running app never asks for. This script reads the context from
each module's helper instead, with ``ast``, and writes the same Qt Linguist XML lupdate writes, so
Qt Linguist, ``pyside6-lrelease`` and the tests read it as usual.

It merges: a string already in the .ts keeps its translation; a new one is added as
``type="unfinished"``; one no longer in the source is marked ``type="vanished"`` (kept for
reference, not compiled). Plurals (a third argument ``n``) get ``numerus="yes"``.

Usage (from the repository root)::

    python tools/i18n_extract.py            # refresh resources/translations/consult_app_fr_CA.ts
    python tools/i18n_extract.py --check    # exit 1 if the .ts would change (a string is missing)
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "consult_app" / "ui", ROOT / "consult_app" / "app")
TS_FILES = (ROOT / "resources" / "translations" / "consult_app_fr_CA.ts",)
LANGUAGES = {"consult_app_fr_CA.ts": "fr_CA"}


@dataclass(frozen=True, slots=True)
class Message:
    """One source string as the running app asks for it."""

    context: str
    source: str
    comment: str | None  # Qt's disambiguation
    numerus: bool
    location: str  # file:line of the first use


@dataclass(slots=True)
class _Found:
    messages: dict[tuple[str, str, str | None], Message] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _helper_contexts(tree: ast.Module) -> dict[str, str]:
    """Map each module-level helper name (``_tr``...) to the context it passes to translate()."""
    helpers: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Call)
                and _call_name(sub) == "translate"
                and sub.args
                and isinstance(sub.args[0], ast.Constant)
                and isinstance(sub.args[0].value, str)
            ):
                helpers[node.name] = sub.args[0].value
    return helpers


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _const_str(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _arg(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def scan_file(path: Path, found: _Found) -> None:
    """Add every translatable string of one module to ``found``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helpers = _helper_contexts(tree)
    rel = path.relative_to(ROOT).as_posix()
    helper_defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in helpers]
    skip: set[int] = set()
    for d in helper_defs:
        skip.update(id(sub) for sub in ast.walk(d))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in skip:
            continue
        name = _call_name(node)
        if name in helpers and isinstance(node.func, ast.Name):
            context, offset = helpers[name], 0
        elif name == "translate" and _const_str(_arg(node, 0, "context")) is not None:
            context, offset = str(_const_str(_arg(node, 0, "context"))), 1
        else:
            continue
        src_node = _arg(node, offset, "text" if offset == 0 else "sourceText")
        source = _const_str(src_node)
        if source is None:
            if src_node is not None:
                # Translated from a variable: its literals must be extracted where they are
                # defined (QT_TRANSLATE_NOOP); reported, not fatal.
                found.warnings.append(f"{rel}:{node.lineno}: a non-literal string is translated")
            continue
        comment = _const_str(_arg(node, offset + 1, "disambiguation"))
        n_node = _arg(node, offset + 2, "n")
        numerus = n_node is not None and not (isinstance(n_node, (ast.UnaryOp, ast.Constant)))
        key = (context, source, comment)
        if key not in found.messages:
            found.messages[key] = Message(context, source, comment, numerus, f"{rel}:{node.lineno}")


def scan() -> _Found:
    """Every translatable string of ui/ and app/."""
    found = _Found()
    for base in SOURCES:
        for path in sorted(base.rglob("*.py")):
            scan_file(path, found)
    return found


def _read_existing(ts: Path) -> dict[tuple[str, str, str | None], ET.Element]:
    existing: dict[tuple[str, str, str | None], ET.Element] = {}
    if not ts.exists():
        return existing
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        cname = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            comment = msg.findtext("comment")
            existing[(cname, src, comment)] = msg
    return existing


def build_ts(messages: dict[tuple[str, str, str | None], Message], ts: Path, language: str) -> str:
    """The merged .ts text for ``messages`` and the translations already in ``ts``."""
    existing = _read_existing(ts)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    keys = sorted(set(messages) | set(existing), key=lambda k: (k[0], k[1], k[2] or ""))
    contexts: dict[str, ET.Element] = {}
    for key in keys:
        cname = key[0]
        if cname not in contexts:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = cname
            contexts[cname] = ctx
        ctx = contexts[cname]
        msg_in = messages.get(key)
        old = existing.get(key)
        msg = ET.SubElement(ctx, "message")
        numerus = msg_in.numerus if msg_in else (old is not None and old.get("numerus") == "yes")
        if numerus:
            msg.set("numerus", "yes")
        if msg_in:
            file, line = msg_in.location.rsplit(":", 1)
            # Relative to the .ts file, as lupdate writes it.
            ET.SubElement(msg, "location", filename="../../" + file, line=line)
        ET.SubElement(msg, "source").text = key[1]
        if key[2] is not None:
            ET.SubElement(msg, "comment").text = key[2]
        tr = ET.SubElement(msg, "translation")
        old_tr = old.find("translation") if old is not None else None
        if old_tr is not None:
            forms = old_tr.findall("numerusform")
            if numerus:
                if forms:
                    for f in forms:
                        ET.SubElement(tr, "numerusform").text = f.text or ""
                else:
                    for _ in range(2):
                        ET.SubElement(tr, "numerusform").text = old_tr.text or ""
            else:
                tr.text = old_tr.text or (forms[0].text if forms else "")
            state = old_tr.get("type")
            if msg_in is None:
                tr.set("type", "vanished")
            elif state == "unfinished" or not _has_text(tr):
                tr.set("type", "unfinished")
        else:
            if numerus:
                for _ in range(2):
                    ET.SubElement(tr, "numerusform")
            tr.set("type", "unfinished" if msg_in else "vanished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def _has_text(tr: ET.Element) -> bool:
    forms = tr.findall("numerusform")
    if forms:
        return all((f.text or "").strip() for f in forms)
    return bool((tr.text or "").strip())


def main(argv: list[str] | None = None) -> int:
    """Refresh (or with --check, compare) every .ts file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a .ts would change")
    args = parser.parse_args(argv)
    found = scan()
    for err in [*found.errors, *found.warnings]:
        print(err, file=sys.stderr)  # noqa: T201
    changed = False
    for ts in TS_FILES:
        text = build_ts(found.messages, ts, LANGUAGES[ts.name])
        old = ts.read_text(encoding="utf-8") if ts.exists() else ""
        if text != old:
            changed = True
            if not args.check:
                ts.parent.mkdir(parents=True, exist_ok=True)
                ts.write_text(text, encoding="utf-8")
    n = len(found.messages)
    print(f"{n} strings; {'changed' if changed else 'up to date'}")  # noqa: T201
    return 1 if (args.check and changed) or found.errors else 0


if __name__ == "__main__":
    sys.exit(main())
