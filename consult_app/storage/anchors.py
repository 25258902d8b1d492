"""Anchors of the audit chain outside the database file (issue 14, point 5).

Whoever holds the database file can rewrite a consent, fix its audit entry and recompute the whole
SHA-256 chain, or cut its tail; nothing inside the file can show it. Two anchors live elsewhere:

- **A keyed MAC** (HMAC-SHA256) on every audit entry appended, with a key kept in the operating
  system's keyring (Windows Credential Manager, macOS Keychain, Secret Service) under the
  database file's path. The keyring entry also holds ``since``, the first entry keyed, so
  ``verify`` knows every later entry must carry a valid MAC: a chain recomputed without the key
  fails, and so does a tail cut below ``since``. Where no keyring backend exists (a headless
  server), nothing is keyed and ``verify`` says so. ``CONSULT_APP_NO_KEYRING=1`` turns the
  keyring off (the test suite does, so it never writes to a developer's keychain).
- **The chain head** (entry number and hash, with its MAC when keyed) appended to
  ``audit-anchors.jsonl`` in the folder of every backup written (``backups/`` or the clinic's
  backup folder, which a clinic points at another disk), and printed on every record PDF. A
  restore appends a line saying which entry the restored chain continues from, so anchors of the
  abandoned history are not held against it.

Every folder an anchor was written to is remembered outside the data folder, in the user's
config folder (``anchor-folders.json``, keyed by the database file), and ``verify`` reads them all
whatever the backup-folder setting now says: that setting lives in the database and in
``clinic.toml``, within reach of whoever holds the data folder, and an older copy of the database
put back in place carries its older setting. A restore line counts only when the chain holds the
``database_restored`` entry it names (``read_anchors(..., restored=...)``), so a forged one
cannot excuse the replay of an older file.

``verify`` checks the chain against every anchor it can reach and names them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

__all__ = [
    "ANCHOR_FILE",
    "Anchor",
    "AuditKey",
    "append_anchor",
    "audit_key",
    "entry_mac",
    "read_anchors",
    "remember_folder",
    "remembered_folders",
]

logger = logging.getLogger(__name__)

ANCHOR_FILE: Final = "audit-anchors.jsonl"
REGISTRY_FILE: Final = "anchor-folders.json"
KEYRING_SERVICE: Final = "Neuromodulator Consult audit key"

_keys: dict[str, AuditKey | None] = {}
_NO_BACKEND: Final = object()
_backend: list[Any] = []  # [keyring module] or [_NO_BACKEND] once looked up


@dataclass(frozen=True, slots=True)
class AuditKey:
    """The audit MAC key of one database file and the first entry it keyed."""

    key: bytes
    since: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """One line of ``audit-anchors.jsonl``.

    Attributes:
        seq: the chain head's entry number when written.
        hash: its hash.
        at: when it was written (UTC ISO text).
        source: the file it was read from.
        base_seq: for a restore line, the entry the restored chain continues from.
        mac: its MAC under the keyring key, when there was one.
        root: the hash of the chain's first entry (which database it anchors).
    """

    seq: int
    hash: str
    at: str
    source: Path
    base_seq: int | None = None
    mac: str | None = None
    root: str | None = None


def entry_mac(key: bytes, seq: int, digest: str) -> str:
    """Return the MAC of audit entry ``seq`` with chain hash ``digest``."""
    return hmac.new(key, f"{seq}:{digest}".encode("ascii"), hashlib.sha256).hexdigest()


def _username(db_path: Path) -> str:
    return str(db_path.resolve())


def audit_key(db_path: Path | None, *, create_since: int | None = None) -> AuditKey | None:
    """Return the keyring's audit key for a database file (cached per process).

    Args:
        db_path: the database file (None: in memory, never keyed).
        create_since: create a key when there is none, keying from this entry on.

    Returns:
        The key, or None when there is no keyring backend or no key.
    """
    if db_path is None or os.environ.get("CONSULT_APP_NO_KEYRING"):
        return None
    if _keyring() is None:
        return None
    name = _username(db_path)
    if name in _keys and (_keys[name] is not None or create_since is None):
        return _keys[name]
    found = _read_key(name)
    if found is None and create_since is not None:
        found = _create_key(name, create_since)
    _keys[name] = found
    return found


def forget_cached_keys() -> None:
    """Drop the per-process cache (tests, and after a restore)."""
    _keys.clear()
    _backend.clear()


def _keyring() -> Any | None:
    if not _backend:
        _backend.append(_find_backend())
    return None if _backend[0] is _NO_BACKEND else _backend[0]


def _find_backend() -> Any:
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - no keyring at all is a supported setup
        return _NO_BACKEND
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return _NO_BACKEND
    if isinstance(backend, fail.Keyring):
        return _NO_BACKEND
    return keyring


def _read_key(name: str) -> AuditKey | None:
    ring = _keyring()
    if ring is None:
        return None
    try:
        text = ring.get_password(KEYRING_SERVICE, name)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: not keyed
        logger.warning("the keyring could not be read; the audit chain is not keyed")
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
        return AuditKey(bytes.fromhex(str(data["key"])), int(data["since"]))
    except (ValueError, KeyError, TypeError):
        logger.warning("the keyring's audit key is unreadable")
        return None


def _create_key(name: str, since: int) -> AuditKey | None:
    ring = _keyring()
    if ring is None:
        return None
    key = AuditKey(secrets.token_bytes(32), since)
    try:
        ring.set_password(
            KEYRING_SERVICE, name, json.dumps({"key": key.key.hex(), "since": key.since})
        )
    except Exception:  # noqa: BLE001
        logger.warning("the keyring could not be written; the audit chain is not keyed")
        return None
    logger.info("audit chain keyed from entry %d", since)
    return key


def append_anchor(
    folder: Path,
    head: tuple[int, str] | None,
    key: AuditKey | None,
    *,
    root: str | None = None,
    base_seq: int | None = None,
) -> Path | None:
    """Append the chain head to ``folder/audit-anchors.jsonl`` (created 0600).

    Args:
        folder: the backup's folder.
        head: the chain head ``(seq, hash)``; None (an empty log) writes nothing.
        key: the audit key, to MAC the line.
        root: the hash of the chain's first entry.
        base_seq: for a restore, the entry the restored chain continues from.

    Returns:
        The anchor file, or None when nothing was written.

    Raises:
        OSError: the folder cannot be written.
    """
    if head is None:
        return None
    seq, digest = head
    line: dict[str, Any] = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "seq": seq,
        "hash": digest,
    }
    if root is not None:
        line["root"] = root
    if base_seq is not None:
        line["restored_from_seq"] = base_seq
    if key is not None:
        line["mac"] = entry_mac(key.key, seq, digest)
    target = folder / ANCHOR_FILE
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (json.dumps(line, sort_keys=True) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def _config_dir() -> Path:
    """The user's config folder for the app (outside any data folder)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / "consult-app"


def _registry() -> dict[str, list[str]]:
    try:
        data = json.loads((_config_dir() / REGISTRY_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): [str(f) for f in v if isinstance(f, str)]
        for k, v in data.items()
        if isinstance(v, list)
    }


def remember_folder(db_path: Path | None, folder: Path) -> None:
    """Remember that an anchor of ``db_path``'s chain was written in ``folder``.

    A failure is logged, not raised (the anchor itself was written).
    """
    if db_path is None:
        return
    name, where = _username(db_path), str(folder.resolve())
    registry = _registry()
    known = registry.setdefault(name, [])
    if where in known:
        return
    known.append(where)
    target = _config_dir() / REGISTRY_FILE
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(registry, indent=1, sort_keys=True).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(target)
    except OSError:
        logger.warning("the folder of an audit anchor could not be remembered")
        with contextlib.suppress(OSError):
            temp.unlink()


def remembered_folders(db_path: Path | None) -> list[Path]:
    """Every folder an anchor of ``db_path``'s chain was written to (``remember_folder``)."""
    if db_path is None:
        return []
    return [Path(f) for f in _registry().get(_username(db_path), [])]


def read_anchors(
    folders: Iterable[Path], *, restored: Callable[[Anchor], bool] | None = None
) -> tuple[list[Anchor], list[str]]:
    """Read the anchors in ``folders`` that still apply, oldest first.

    A restore line drops the anchors written before it for entries after the one the restored
    chain continues from (they belong to the history the restore replaced).

    Args:
        folders: where to read ``audit-anchors.jsonl``.
        restored: when given, a restore line counts only when this returns True for it (the
            chain holds its ``database_restored`` entry); otherwise it is an ordinary anchor.

    Returns:
        (anchors, files read).
    """
    found: list[Anchor] = []
    used: list[str] = []
    seen: set[Path] = set()
    for folder in folders:
        target = folder / ANCHOR_FILE
        with contextlib.suppress(OSError):
            resolved = target.resolve()
            if resolved in seen or not target.is_file():
                continue
            seen.add(resolved)
            lines = target.read_text("utf-8", errors="replace").splitlines()
            used.append(str(target))
            found += [a for a in (_parse(text, target) for text in lines) if a is not None]
    anchors: list[Anchor] = []
    for anchor in sorted(found, key=lambda a: a.at):
        if anchor.base_seq is not None and (restored is None or restored(anchor)):
            # a restore: the earlier history after its base is gone
            base = anchor.base_seq
            anchors = [a for a in anchors if a.seq <= base and a.root == anchor.root]
        anchors.append(anchor)
    return anchors, used


def _parse(text: str, source: Path) -> Anchor | None:
    try:
        data = json.loads(text)
        base = data.get("restored_from_seq")
        return Anchor(
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            at=str(data.get("at", "")),
            source=source,
            base_seq=int(base) if base is not None else None,
            mac=str(data["mac"]) if data.get("mac") else None,
            root=str(data["root"]) if data.get("root") else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
