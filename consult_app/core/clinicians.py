"""Clinicians as users (issue 24): who may sign in, and what a sign-in attempt answered (pure).

A clinician is never deleted (the audit log refers to them): they are deactivated. The PIN itself
lives only as a salted scrypt hash in storage (``core.credentials``).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

__all__ = ["Clinician", "NewClinician", "SignIn", "SignInResult", "display_name"]


@dataclass(frozen=True, slots=True)
class NewClinician:
    """What is asked to add a clinician (the PIN is passed on its own, never kept)."""

    name: str
    credentials: str = ""  # MD, NP, RN, DDS...
    licence: str = ""
    may_prescribe: bool = False


@dataclass(frozen=True, slots=True)
class Clinician:
    """A stored clinician."""

    id: int
    name: str
    credentials: str
    licence: str
    may_prescribe: bool
    active: bool


def display_name(clinician: Clinician | NewClinician) -> str:
    """The name as the documents print it: ``Dr A. Martin, MD`` (credentials after a comma)."""
    name = clinician.name.strip()
    credentials = clinician.credentials.strip()
    return f"{name}, {credentials}" if credentials and credentials not in name else name


class SignIn(enum.Enum):
    """What a sign-in attempt answered."""

    OK = "ok"
    WRONG_PIN = "wrong_pin"
    LOCKED = "locked"  # five wrong PINs: refused until ``locked_until``
    INACTIVE = "inactive"


@dataclass(frozen=True, slots=True)
class SignInResult:
    """A sign-in attempt's answer; ``attempts_left`` before the lock, ``locked_until`` (UTC)."""

    outcome: SignIn
    attempts_left: int = 0
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        """Whether the clinician is now signed in."""
        return self.outcome is SignIn.OK
