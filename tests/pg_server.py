"""A throwaway PostgreSQL server for the tests, from Debian's binaries.

``PgServer.start()`` runs ``initdb`` into a fresh temporary folder and ``pg_ctl start`` on a
Unix socket only (``listen_addresses=''``) with a free port number (it names the socket file);
``stop()`` stops it and removes the folder. As root, both run as the ``postgres`` user through
``runuser`` (PostgreSQL refuses to run as root); as anyone else, as that user.

Local connections as ``postgres`` are trusted; the role ``nmc_pw`` must give a password
(SCRAM), so a wrong password can be tested.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD_ROLE = "nmc_pw"
PASSWORD = "room-two-secret"
_names = itertools.count(1)


def pg_bin() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/*/bin`` holding initdb and pg_ctl, or None."""
    found = [
        p.parent
        for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")
        if p.with_name("pg_ctl").exists()
    ]
    return max(found, key=lambda p: int(p.parent.name)) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One running cluster; ``url(db)`` gives a libpq URL to a database on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="nmc-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = _free_port()
        self.log = self.root / "server.log"
        self._as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        if self._as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.root.chmod(0o755)
        done = self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()[-2000:]}")
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            f"local all {PASSWORD_ROLE} scram-sha-256\n" + hba.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        self.started = True
        self.sql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}' CREATEDB", db="postgres")

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres", user: str = "postgres") -> str:
        """``postgresql://USER@/DB?host=SOCKET_DIR&port=PORT`` (the socket: a local host)."""
        return f"postgresql://{user}@/{db}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self, owner: str = "postgres") -> str:
        """Create an empty database; return its URL."""
        name = f"nmc_{os.getpid()}_{next(_names)}"
        self.sql(f"CREATE DATABASE {name} OWNER {owner}")
        return self.url(name)

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        options = f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")


@contextlib.contextmanager
def running_server():
    """Start a server (None when no PostgreSQL binaries are installed); stop it afterwards."""
    bindir = pg_bin()
    if bindir is None:
        yield None
        return
    server = PgServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
