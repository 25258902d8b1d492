"""``consult-app protocol check [DIR]``: validate a protocol folder (the bundled one by default).

Prints every problem to stderr as ``file: key: message`` and exits 2, or prints
``protocol OK: version ..., hash ...`` to stdout and exits 0 (case-format.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consult_app.core.errors import ProtocolError
from consult_app.core.protocol import load_protocol_dir
from consult_app.resources import resource_path

EXIT_OK = 0
EXIT_INVALID = 2


def run(args: argparse.Namespace) -> int:
    """Check the protocol folder ``args.dir`` (``None``: the bundled protocol).

    Args:
        args: parsed arguments with ``dir`` (a path or ``None``).

    Returns:
        0 when the protocol is valid, 2 when it is not (or the folder cannot be read).
    """
    folder: Path | None = getattr(args, "dir", None)
    if folder is None:
        try:
            folder = resource_path("protocol")
        except FileNotFoundError as exc:
            sys.stderr.write(f"{exc}\n")
            return EXIT_INVALID
    try:
        protocol = load_protocol_dir(Path(folder))
    except ProtocolError as exc:
        for error in exc.errors:
            sys.stderr.write(f"{error}\n")
        return EXIT_INVALID
    sys.stdout.write(f"protocol OK: version {protocol.version}, hash {protocol.hash}\n")
    return EXIT_OK
