"""Builds the services the app hands to the UI and the command line (protocol, stores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consult_app.resources import resource_path


def protocol_dir(override: Path | None) -> Path:
    """The protocol folder: a clinic's own (``--protocol DIR``) or the bundled one."""
    return Path(override) if override else resource_path("protocol")


def load_protocol_for(override: Path | None) -> Any:
    """Load and validate the protocol folder; raises ``ProtocolError`` naming each problem."""
    from consult_app.core.protocol import load_protocol, read_protocol_files

    return load_protocol(read_protocol_files(protocol_dir(override)))


def load_diagrams_for(protocol: Any) -> Any:
    """Load the bundled injection-map diagrams and default points, checked against ``protocol``.

    Raises:
        ProtocolError: a zone or a default point does not fit the protocol's areas.
    """
    from consult_app.core.diagrams import load_diagrams

    folder = resource_path("protocol", "diagrams")
    return load_diagrams(
        (folder / "diagrams.toml").read_bytes(), (folder / "patterns.toml").read_bytes(), protocol
    )
