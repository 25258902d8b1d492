"""The layers stay apart (design.md section 4, style.md 2.1), checked on the source with ast."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "consult_app"

# layer -> top-level modules it must never import
FORBIDDEN = {
    "core": (
        "PySide6",
        "shiboken6",
        "sqlite3",
        "reportlab",
        "consult_app.storage",
        "consult_app.documents",
        "consult_app.ui",
        "consult_app.app",
        "consult_app.delivery",
        "consult_app.exchange",
        "fhir",
        "pydantic",
    ),
    "storage": (
        "PySide6",
        "shiboken6",
        "reportlab",
        "consult_app.ui",
        "consult_app.app",
        "consult_app.documents",
    ),
    "documents": (
        "PySide6",
        "shiboken6",
        "sqlite3",
        "consult_app.ui",
        "consult_app.app",
        "consult_app.storage",
    ),
    "delivery": (
        "PySide6",
        "shiboken6",
        "sqlite3",
        "reportlab",
        "consult_app.ui",
        "consult_app.app",
    ),
    "ui": ("sqlite3", "reportlab", "consult_app.app"),
    # the FHIR export (fhir.resources) reads storage and the protocol; nothing above it
    "exchange": ("PySide6", "shiboken6", "reportlab", "consult_app.ui", "consult_app.app"),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _violations(layer: str):
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for lineno, name in _imports(path):
            for banned in FORBIDDEN[layer]:
                if name == banned or name.startswith(banned + "."):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{lineno} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    assert (PACKAGE / layer).is_dir() or layer == "delivery"
    assert _violations(layer) == []


def test_checker_catches_a_violation(tmp_path, monkeypatch):
    fake = tmp_path / "consult_app" / "core"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("import sqlite3\nfrom PySide6.QtCore import Qt\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path / "consult_app")
    assert len(_violations("core")) == 2


def test_resources_module_is_stdlib_only():
    names = {name for _, name in _imports(PACKAGE / "resources.py")}
    assert not any(n.startswith(("PySide6", "sqlite3", "reportlab")) for n in names)
