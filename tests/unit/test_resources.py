import sys
from pathlib import Path

import pytest

from consult_app import resources


def test_source_checkout_root():
    root = resources.resource_root()
    assert (root / "fonts" / "DejaVuSans.ttf").is_file()
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()


def test_frozen_bundle_root(monkeypatch, tmp_path):
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts" / "x.ttf").write_bytes(b"x")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_root() == Path(tmp_path) / "resources"
    assert resources.resource_path("fonts", "x.ttf").read_bytes() == b"x"


def test_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("CONSULT_APP_RESOURCES", str(tmp_path))
    assert resources.resource_root() == tmp_path


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secret", "fonts/../../x"])
def test_rejects_escaping_paths(bad):
    with pytest.raises(ValueError):
        resources.resource_path(bad)


def test_missing_file_named():
    with pytest.raises(FileNotFoundError, match="nope.ttf"):
        resources.resource_path("fonts", "nope.ttf")


def test_font_licence_shipped():
    assert "Bitstream" in resources.resource_path("fonts", "LICENSE-DejaVu.txt").read_text()
