"""Clinicians as users (issue 24): add, change, deactivate, sign in, reset a PIN.

The PIN is stored only as ``core.credentials.hash_pin``'s salted scrypt text; it is never kept,
logged, audited or put in an exception. Five wrong PINs in a row lock that clinician for five
minutes (the count and the lock are stored, so restarting the app does not clear them). A
clinician is never deleted (the audit refers to them; a trigger refuses DELETE): deactivated.
Every change and every sign-in is audited with ids only. A PIN is reset only with another active
prescriber's PIN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from consult_app.core import credentials
from consult_app.core.clinicians import Clinician, NewClinician, SignIn, SignInResult
from consult_app.core.credentials import AttemptState, PinProblem
from consult_app.storage import audit
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.db import transaction

__all__ = ["BadPin", "UserNotFound", "UserRepository", "UserRefused"]

_COLUMNS: Final = "id, name, credentials, licence, may_prescribe, active"


class UserNotFound(LookupError):  # noqa: N818 - reads as a domain fact
    """No clinician has this id."""


class BadPin(ValueError):  # noqa: N818 - reads as a domain fact
    """A new PIN the policy refuses (``problem`` says why; the PIN is not in the message)."""

    def __init__(self, problem: PinProblem) -> None:
        super().__init__(f"PIN refused: {problem.value}")
        self.problem = problem


class UserRefused(ValueError):  # noqa: N818 - reads as a domain fact
    """A change refused: a duplicate name, the last active clinician, a missing confirmation."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _row(row: Any) -> Clinician:
    values = tuple(row)
    return Clinician(
        id=int(values[0]),
        name=str(values[1]),
        credentials=str(values[2]),
        licence=str(values[3]),
        may_prescribe=bool(values[4]),
        active=bool(values[5]),
    )


def _clean(clinician: NewClinician) -> NewClinician:
    name = " ".join(clinician.name.split())
    if not name:
        raise UserRefused("a clinician needs a name")
    return NewClinician(
        name=name,
        credentials=clinician.credentials.strip(),
        licence=clinician.licence.strip(),
        may_prescribe=bool(clinician.may_prescribe),
    )


class UserRepository:
    """The clinicians of this data folder."""

    def __init__(
        self,
        conn: Connection,
        *,
        now: Callable[[], dt.datetime] = _utc_now,
        pin_cost: int = 2**15,
    ) -> None:
        self._conn = conn
        self._now = now
        self._cost = pin_cost

    # -- reading ---------------------------------------------------------------------------
    def count(self, *, active_only: bool = True) -> int:
        """How many clinicians there are (active ones by default)."""
        sql = "SELECT count(*) FROM users" + (" WHERE active = 1" if active_only else "")
        return int(self._conn.execute(sql).fetchone()[0])

    def clinicians(self, *, active_only: bool = True) -> list[Clinician]:
        """The clinicians by name (active ones by default)."""
        where = " WHERE active = 1" if active_only else ""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM users{where} ORDER BY lower(name), id"  # noqa: S608
        ).fetchall()
        return [_row(r) for r in rows]

    def get(self, user_id: int) -> Clinician:
        """One clinician (active or not)."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM users WHERE id = ?",  # noqa: S608
            (user_id,),
        ).fetchone()
        if row is None:
            raise UserNotFound(user_id)
        return _row(row)

    def find_by_name(self, name: str) -> Clinician | None:
        """The active clinician with this name (case and spacing ignored), or None."""
        key = " ".join(name.split()).lower()
        if not key:
            return None
        for clinician in self.clinicians():
            if clinician.name.lower() == key:
                return clinician
        return None

    def attempts(self, user_id: int) -> AttemptState:
        """A clinician's wrong PINs in a row and the lock, as stored."""
        row = self._conn.execute(
            "SELECT failures, locked_until FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFound(user_id)
        until = dt.datetime.fromisoformat(str(row[1])) if row[1] else None
        return AttemptState(failures=int(row[0]), locked_until=until)

    # -- changing --------------------------------------------------------------------------
    def _stamp(self) -> str:
        return self._now().astimezone(dt.UTC).isoformat(timespec="microseconds")

    def _hash(self, pin: str) -> str:
        problem = credentials.pin_problem(pin)
        if problem is not None:
            raise BadPin(problem)
        return credentials.hash_pin(pin, n=self._cost)

    def _name_taken(self, name: str, but: int | None = None) -> bool:
        row = self._conn.execute(
            "SELECT id FROM users WHERE lower(trim(name)) = lower(trim(?)) AND id "
            + ("IS DISTINCT FROM ?" if is_postgres(self._conn) else "IS NOT ?"),
            (name, but),
        ).fetchone()
        return row is not None

    def create(self, clinician: NewClinician, pin: str) -> int:
        """Add a clinician with a PIN; return the id.

        Raises:
            BadPin: the PIN does not meet the policy.
            UserRefused: no name, or the name is already a clinician's.
        """
        clinician = _clean(clinician)
        pin_hash = self._hash(pin)
        stamp = self._stamp()
        with transaction(self._conn):
            if self._name_taken(clinician.name):
                raise UserRefused("another clinician already has this name")
            cur = self._conn.execute(
                "INSERT INTO users (name, credentials, licence, may_prescribe, pin_hash,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    clinician.name,
                    clinician.credentials,
                    clinician.licence,
                    int(clinician.may_prescribe),
                    pin_hash,
                    stamp,
                    stamp,
                ),
            )
            user_id = int(cur.lastrowid or 0)
            # The first clinician creates themselves; later ones are added by the signed-in one.
            by = audit.actor(self._conn) or user_id
            audit.append(self._conn, "user_created", detail=f"user:{user_id}", user_id=by)
        return user_id

    def update(self, user_id: int, clinician: NewClinician) -> None:
        """Change a clinician's name, credentials, licence or prescribing right.

        Raises:
            UserRefused: no name, a name already taken, or the last active prescriber would
                stop prescribing.
        """
        clinician = _clean(clinician)
        with transaction(self._conn):
            old = self.get(user_id)
            if self._name_taken(clinician.name, but=user_id):
                raise UserRefused("another clinician already has this name")
            if old.may_prescribe and not clinician.may_prescribe and old.active:
                self._keep_a_prescriber(user_id)
            self._conn.execute(
                "UPDATE users SET name = ?, credentials = ?, licence = ?, may_prescribe = ?,"
                " updated_at = ? WHERE id = ?",
                (
                    clinician.name,
                    clinician.credentials,
                    clinician.licence,
                    int(clinician.may_prescribe),
                    self._stamp(),
                    user_id,
                ),
            )
            audit.append(self._conn, "user_changed", detail=f"user:{user_id}")

    def _keep_a_prescriber(self, leaving: int) -> None:
        others = self._conn.execute(
            "SELECT count(*) FROM users WHERE active = 1 AND may_prescribe = 1 AND id != ?",
            (leaving,),
        ).fetchone()[0]
        if not int(others):
            raise UserRefused("the clinic must keep at least one active prescriber")

    def set_active(self, user_id: int, active: bool) -> None:
        """Deactivate (never delete) or reactivate a clinician.

        Raises:
            UserRefused: deactivating the last active clinician or the last active prescriber.
        """
        with transaction(self._conn):
            old = self.get(user_id)
            if old.active == active:
                return
            if not active:
                others = self._conn.execute(
                    "SELECT count(*) FROM users WHERE active = 1 AND id != ?", (user_id,)
                ).fetchone()[0]
                if not int(others):
                    raise UserRefused("the clinic must keep at least one active clinician")
                if old.may_prescribe:
                    self._keep_a_prescriber(user_id)
            self._conn.execute(
                "UPDATE users SET active = ?, updated_at = ? WHERE id = ?",
                (int(active), self._stamp(), user_id),
            )
            event = "user_reactivated" if active else "user_deactivated"
            audit.append(self._conn, event, detail=f"user:{user_id}")

    def reset_pin(
        self, user_id: int, new_pin: str, *, confirmer_id: int, confirmer_pin: str
    ) -> None:
        """Give a clinician a new PIN, confirmed by another active prescriber's PIN.

        A wrong confirming PIN counts against the confirmer (the same five-wrong-PINs lock).
        The reset also clears the clinician's own lock.

        Raises:
            BadPin: the new PIN does not meet the policy.
            UserRefused: the confirmer is the clinician themselves, not an active prescriber,
                gave a wrong PIN or is locked.
        """
        pin_hash = self._hash(new_pin)
        if confirmer_id == user_id:
            raise UserRefused("another prescriber must confirm the reset")
        confirmer = self.get(confirmer_id)
        if not (confirmer.active and confirmer.may_prescribe):
            raise UserRefused("the confirming clinician must be an active prescriber")
        answer = self.check(confirmer_id, confirmer_pin)
        if not answer.ok:
            raise UserRefused(f"confirmation refused: {answer.outcome.value}")
        self.get(user_id)
        with transaction(self._conn):
            self._conn.execute(
                "UPDATE users SET pin_hash = ?, failures = 0, locked_until = NULL,"
                " updated_at = ? WHERE id = ?",
                (pin_hash, self._stamp(), user_id),
            )
            audit.append(self._conn, "pin_reset", detail=f"user:{user_id}:by:{confirmer_id}")

    # -- signing in ------------------------------------------------------------------------
    def check(self, user_id: int, pin: str) -> SignInResult:
        """Check a clinician's PIN, counting a wrong one (five in a row lock for five minutes).

        Signs nobody in: ``sign_in`` does. A refusal is audited (``sign_in_refused``).
        """
        now = self._now().astimezone(dt.UTC)
        row = self._conn.execute(
            "SELECT pin_hash, active FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFound(user_id)
        state = self.attempts(user_id)
        if not bool(row[1]):
            return SignInResult(SignIn.INACTIVE)
        if credentials.is_locked(state, now):
            return SignInResult(SignIn.LOCKED, locked_until=state.locked_until)
        if credentials.check_pin(pin, str(row[0])):
            if state.failures or state.locked_until:
                with transaction(self._conn):
                    self._conn.execute(
                        "UPDATE users SET failures = 0, locked_until = NULL WHERE id = ?",
                        (user_id,),
                    )
            return SignInResult(SignIn.OK)
        after = credentials.after_failure(state, now)
        with transaction(self._conn):
            self._conn.execute(
                "UPDATE users SET failures = ?, locked_until = ? WHERE id = ?",
                (
                    after.failures,
                    after.locked_until.isoformat() if after.locked_until else None,
                    user_id,
                ),
            )
            audit.append(
                self._conn,
                "sign_in_refused",
                detail="locked" if after.locked_until else "wrong_pin",
                user_id=user_id,
            )
        if after.locked_until is not None:
            return SignInResult(SignIn.LOCKED, locked_until=after.locked_until)
        return SignInResult(
            SignIn.WRONG_PIN, attempts_left=credentials.LOCKOUT_FAILURES - after.failures
        )

    def sign_in(self, user_id: int, pin: str) -> SignInResult:
        """Check the PIN; when right, make this clinician the actor of every later audit entry."""
        answer = self.check(user_id, pin)
        if answer.ok:
            audit.set_actor(self._conn, user_id)
            audit.append(self._conn, "signed_in", user_id=user_id)
        return answer

    def sign_out(self, *, locked: bool = False) -> None:
        """Nobody is signed in any more (``locked``: the screen was locked, idle or Ctrl+L)."""
        who = audit.actor(self._conn)
        if who is None:
            return
        audit.append(self._conn, "screen_locked" if locked else "signed_out", user_id=who)
        audit.set_actor(self._conn, None)

    @property
    def signed_in(self) -> int | None:
        """The clinician signed in on this connection, or None."""
        return audit.actor(self._conn)
