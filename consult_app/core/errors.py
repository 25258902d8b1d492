"""Errors raised by the core layer."""

from __future__ import annotations


class ProtocolError(Exception):
    """The clinical protocol files are invalid.

    Attributes:
        errors: one message per problem, each naming the file and key,
            e.g. ``indications.toml: bruxism.areas[1]: unknown area 'masetter'``.
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors) if self.errors else "invalid protocol")


class CaseError(Exception):
    """A consultation case file is invalid; ``str(exc)`` names the field by its path."""
