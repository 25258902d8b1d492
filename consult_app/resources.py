"""The one way to find bundled files, in a source checkout and in the PyInstaller bundle.

Override with the environment variable ``CONSULT_APP_RESOURCES`` (tests, development).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

RESOURCES_ENV = "CONSULT_APP_RESOURCES"


def resource_root() -> Path:
    """Return the folder holding ``protocol/``, ``fonts/``, ``icons/`` and ``translations/``."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled file.

    Args:
        *parts: relative path components, e.g. ``("fonts", "DejaVuSans.ttf")``.

    Returns:
        The absolute path of the file.

    Raises:
        ValueError: a part is absolute or climbs out with ``..``.
        FileNotFoundError: the file is not there.
    """
    for part in parts:
        pure = PurePosixPath(part.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or part.startswith(("/", "\\")):
            raise ValueError(f"resource path part must be relative: {part!r}")
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)} (looked in {path})")
    return path
