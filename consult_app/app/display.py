"""Is there a display to open the window on? Asked before Qt, which would otherwise abort.

Without one, Qt's xcb plugin ends in a misleading "xcb-cursor0 is needed" and ``abort()`` (a core
dump). We say plainly what is missing and how to run instead. Only Linux/BSD with no platform
chosen (``QT_QPA_PLATFORM``) is checked; anything we cannot judge is left to Qt.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

HOW_TO_RUN = (
    "Start it from a desktop session, or under a virtual display: xvfb-run make run "
    "(Debian/Ubuntu package xvfb)."
)


def _x11_reachable(display: str) -> bool | None:
    """True/False when DISPLAY can be judged, None when it cannot (left to Qt)."""
    match = re.fullmatch(r"(?P<host>[^:]*):(?P<number>\d+)(\.\d+)?", display)
    if match is None:
        return None
    number = int(match["number"])
    host = match["host"]
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        for address in (path, "\0" + path):  # the file, then Linux's abstract socket
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1.0)
                try:
                    sock.connect(address)
                except OSError:
                    continue
                return True
        return False
    if "/" in host:  # e.g. launchd sockets on macOS: not ours to judge
        return None
    try:
        with socket.create_connection((host, 6000 + number), timeout=1.0):
            return True
    except OSError:
        return False


def _wayland_reachable(environ: Mapping[str, str]) -> bool:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(environ.get("XDG_RUNTIME_DIR", "/")) / name
    return path.exists()


def display_problem(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """An explanation when no display can be reached, else ``""``."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if environ.get("QT_QPA_PLATFORM"):
        return ""  # chosen by the user (offscreen, wayland, vnc...): Qt reports its own problems
    if _wayland_reachable(environ):
        return ""
    display = environ.get("DISPLAY", "")
    if not display:
        return f"no display was found (DISPLAY and WAYLAND_DISPLAY are not set). {HOW_TO_RUN}"
    if _x11_reachable(display) is False:
        return f"the display {display} cannot be reached (DISPLAY={display}). {HOW_TO_RUN}"
    return ""
