"""Document models of the chart (issue 18): the administration block of the record and the map.

Plain frozen dataclasses with already-resolved strings, like ``core.report_model`` (which holds
them in ``RecordModel.administration`` and ``HandoutModel.maps``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consult_app.core.diagrams import Diagram
    from consult_app.core.report_model import LabeledValue

__all__ = ["AdministrationRecord", "ChartTable", "MapPoint", "RegionMap"]


@dataclass(frozen=True, slots=True)
class ChartTable:
    """A small table: header, rows and relative column widths (summing to 1)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One point drawn on a region map: where (0-1), its label (units) and its number."""

    x: float
    y: float
    label: str
    number: int = 0


@dataclass(frozen=True, slots=True)
class RegionMap:
    """One region's diagram with the points to draw on it.

    Attributes:
        region: region ID (the diagram file is ``diagrams/<region>.svg``).
        title: the region's name in the document's language.
        note: what the diagram's orientation is (``The patient's left is on your right``).
        points: the points to draw.
        diagram: the shapes to draw (the same as the SVG file's).
    """

    region: str
    title: str
    note: str
    points: tuple[MapPoint, ...]
    diagram: Diagram


@dataclass(frozen=True, slots=True)
class AdministrationRecord:
    """What was given, as the record prints it.

    Attributes:
        heading: the section heading.
        fields: time, injector, status, wasted units, reason not given, notes.
        vials: the vials table (empty rows when none).
        comparison: planned against given per area and side, with the difference and a total.
        points: every point: number, area, side, units, position on the map.
        maps: the region maps with the points drawn.
    """

    heading: str
    fields: tuple[LabeledValue, ...]
    vials: ChartTable | None
    comparison: ChartTable | None
    points: ChartTable | None
    maps: tuple[RegionMap, ...] = ()
