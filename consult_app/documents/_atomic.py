"""Write a file atomically: a temporary file in the target folder, then ``os.replace``.

A failure while rendering removes the temporary file, so the target folder never holds half a PDF
and an existing target is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` and move the result onto ``target``.

    Args:
        target: the final file.
        write: writes the complete file to the path it is given.

    Raises:
        Exception: whatever ``write`` raises; the temporary file is removed first.
    """
    target = Path(target)
    folder = target.parent
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        temp.replace(target)  # os.replace: atomic on the same filesystem
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
