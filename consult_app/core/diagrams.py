"""Injection-map diagrams and default points, as protocol data (issue 18, case-format 1.1).

``resources/protocol/diagrams/diagrams.toml`` holds one schematic per region: line art
(``outline``) and the muscle zones (one shape per area and side). ``patterns.toml`` holds each
indication's usual injection points (x, y in 0-1 on the region's diagram, units, source).
Everything that draws a map (the SVG files, the app's map, the PDFs) draws these same shapes, so
screen and paper agree; :func:`to_svg` writes the SVG (``tools/make_diagrams.py`` keeps the files
in ``resources/protocol/diagrams/`` equal to it).

Pure: no Qt, no file access (the caller passes the bytes).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from consult_app.core.errors import ProtocolError
from consult_app.core.protocol import Protocol
from consult_app.core.sides import LEFT, MIDLINE, RIGHT, side_units

__all__ = [
    "SIZE",
    "VIEWS",
    "Diagram",
    "Diagrams",
    "PatternPoint",
    "PlacedPoint",
    "Shape",
    "Zone",
    "default_points",
    "load_diagrams",
    "to_svg",
]

SIZE: Final = 200.0
"""Every diagram is SIZE x SIZE units; point coordinates are fractions of it."""

VIEWS: Final = ("front", "back", "palms")
_KINDS: Final = ("ellipse", "polygon", "polyline")


@dataclass(frozen=True, slots=True)
class Shape:
    """An ellipse ``(cx, cy, rx, ry)``, or a polygon/polyline ``(x1, y1, x2, y2, ...)``."""

    kind: str
    values: tuple[float, ...]

    def contains(self, x: float, y: float) -> bool:
        """True when the point (diagram units) is inside (a polyline contains nothing)."""
        v = self.values
        if self.kind == "ellipse":
            cx, cy, rx, ry = v
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0
        if self.kind != "polygon":
            return False
        inside = False
        pts = list(zip(v[0::2], v[1::2], strict=True))
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    def centre(self) -> tuple[float, float]:
        """The shape's centre (an ellipse's centre, a polygon's vertex mean)."""
        if self.kind == "ellipse":
            return self.values[0], self.values[1]
        xs, ys = self.values[0::2], self.values[1::2]
        return sum(xs) / len(xs), sum(ys) / len(ys)


@dataclass(frozen=True, slots=True)
class Zone:
    """One area on one side of a diagram."""

    area: str
    side: str
    shape: Shape


@dataclass(frozen=True, slots=True)
class Diagram:
    """One region's schematic.

    Attributes:
        region: region ID.
        view: ``front``, ``back`` or ``palms`` (which way the patient faces).
        outline: line art.
        zones: the areas, in hit-test order.
    """

    region: str
    view: str
    outline: tuple[Shape, ...]
    zones: tuple[Zone, ...]

    def zone_at(self, x: float, y: float) -> Zone | None:
        """Return the zone under a point given in 0-1 coordinates, or None."""
        px, py = x * SIZE, y * SIZE
        return next((z for z in self.zones if z.shape.contains(px, py)), None)

    @property
    def patient_left_on_viewer_right(self) -> bool:
        """True for front and palm views."""
        return self.view != "back"


@dataclass(frozen=True, slots=True)
class PatternPoint:
    """One usual injection point of an indication's pattern."""

    region: str
    area: str
    side: str
    x: float
    y: float
    units: float


@dataclass(frozen=True, slots=True)
class PlacedPoint:
    """A point with its units: a default proposed for the plan, or one given."""

    region: str
    area: str
    side: str
    units: float
    x: float | None
    y: float | None


@dataclass(frozen=True, slots=True)
class Diagrams:
    """Every region's diagram and every indication's default points.

    Attributes:
        regions: region ID -> diagram.
        patterns: indication ID -> its usual points.
        pattern_sources: indication ID -> references for its points.
    """

    regions: Mapping[str, Diagram]
    patterns: Mapping[str, tuple[PatternPoint, ...]]
    pattern_sources: Mapping[str, tuple[str, ...]]

    def region_of_area(self, area: str) -> str | None:
        """Return the region whose diagram holds the area's zones."""
        return next(
            (r for r, d in self.regions.items() if any(z.area == area for z in d.zones)), None
        )


def _shape(item: Mapping[str, Any], where: str, errors: list[str]) -> Shape | None:
    kinds = [k for k in _KINDS if k in item]
    if len(kinds) != 1:
        errors.append(f"{where}: expected one of ellipse, polygon or polyline")
        return None
    kind = kinds[0]
    raw = item[kind]
    if not isinstance(raw, list) or not all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in raw
    ):
        errors.append(f"{where}.{kind}: expected a list of numbers")
        return None
    values = tuple(float(n) for n in raw)
    if kind == "ellipse" and (len(values) != 4 or values[2] <= 0 or values[3] <= 0):
        errors.append(f"{where}.ellipse: expected [cx, cy, rx, ry] with positive radii")
        return None
    if kind != "ellipse" and (len(values) < 4 or len(values) % 2):
        errors.append(f"{where}.{kind}: expected pairs of coordinates")
        return None
    if kind == "ellipse":
        cx, cy, rx, ry = values
        extent: tuple[float, ...] = (cx - rx, cx + rx, cy - ry, cy + ry)
    else:
        extent = values
    if not all(0 <= n <= SIZE for n in extent):
        errors.append(f"{where}.{kind}: coordinates must be within 0-{SIZE:g}")
        return None
    return Shape(kind, values)


def _diagram(region: str, table: Any, protocol: Protocol, errors: list[str]) -> Diagram | None:
    where = f"diagrams.toml: regions.{region}"
    if region not in protocol.regions:
        errors.append(f"{where}: unknown region")
        return None
    if not isinstance(table, dict) or table.get("view") not in VIEWS:
        errors.append(f"{where}.view: expected one of {', '.join(VIEWS)}")
        return None
    outline = []
    for i, item in enumerate(table.get("outline", [])):
        shape = _shape(item, f"{where}.outline[{i}]", errors) if isinstance(item, dict) else None
        if shape is not None:
            outline.append(shape)
    zones = []
    for i, item in enumerate(table.get("zones", [])):
        at = f"{where}.zones[{i}]"
        area = item.get("area") if isinstance(item, dict) else None
        if not isinstance(area, str) or area not in protocol.areas:
            errors.append(f"{at}.area: {area!r} is not an area of region {region}")
            continue
        if protocol.areas[area].region != region:
            errors.append(f"{at}.area: {area!r} is not an area of region {region}")
            continue
        allowed = (LEFT, RIGHT) if protocol.areas[area].bilateral else (MIDLINE,)
        if item.get("side") not in allowed:
            errors.append(f"{at}.side: expected {' or '.join(allowed)}")
            continue
        shape = _shape(item, at, errors)
        if shape is not None:
            zones.append(Zone(area, item["side"], shape))
    return Diagram(region, table["view"], tuple(outline), tuple(zones))


def _patterns(
    doc: Mapping[str, Any], regions: Mapping[str, Diagram], protocol: Protocol, errors: list[str]
) -> tuple[dict[str, tuple[PatternPoint, ...]], dict[str, tuple[str, ...]]]:
    patterns: dict[str, tuple[PatternPoint, ...]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for iid, table in (doc.get("patterns") or {}).items():
        where = f"patterns.toml: patterns.{iid}"
        if iid not in protocol.indications or not isinstance(table, dict):
            errors.append(f"{where}: unknown indication")
            continue
        source = table.get("source")
        if not source:
            errors.append(f"{where}.source: required")
        sources[iid] = tuple(source) if isinstance(source, list) else (str(source),)
        points = []
        for i, item in enumerate(table.get("points", [])):
            at = f"{where}.points[{i}]"
            try:
                region, area, side = item["region"], item["area"], item["side"]
                x, y, units = float(item["x"]), float(item["y"]), float(item["units"])
            except (KeyError, TypeError, ValueError):
                errors.append(f"{at}: expected region, area, side, x, y and units")
                continue
            diagram = regions.get(region)
            zone = diagram.zone_at(x, y) if diagram is not None else None
            if zone is None or (zone.area, zone.side) != (area, side):
                errors.append(f"{at}: ({x}, {y}) is not on {area} ({side}) of {region}")
                continue
            points.append(PatternPoint(region, area, side, x, y, units))
        patterns[iid] = tuple(points)
    return patterns, sources


def load_diagrams(diagrams_toml: bytes, patterns_toml: bytes, protocol: Protocol) -> Diagrams:
    """Read and check the diagrams and the default points against the protocol.

    Raises:
        ProtocolError: listing every problem (``diagrams.toml: regions.jaw.zones[0].area: ...``),
            including a default point that does not lie on its own area and side.
    """
    errors: list[str] = []
    docs = []
    for name, data in (("diagrams.toml", diagrams_toml), ("patterns.toml", patterns_toml)):
        try:
            docs.append(tomllib.loads(data.decode("utf-8")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ProtocolError([f"{name}: {exc}"]) from None
    regions: dict[str, Diagram] = {}
    for region, table in (docs[0].get("regions") or {}).items():
        diagram = _diagram(region, table, protocol, errors)
        if diagram is not None:
            regions[region] = diagram
    patterns, sources = _patterns(docs[1], regions, protocol, errors)
    if errors:
        raise ProtocolError(errors)
    return Diagrams(regions, patterns, sources)


def default_points(
    diagrams: Diagrams,
    protocol: Protocol,
    indications: Iterable[str],
    plan: Mapping[str, float],
    plan_sides: Mapping[str, Any] | None = None,
) -> list[PlacedPoint]:
    """Return the usual points for the planned areas, the plan's units spread over them.

    Each planned area and side takes the points of the first indication whose pattern has points
    there; the planned units of that side are shared evenly among them (so the PREEMPT plan of
    155 U gives 31 points of 5 U). Areas without pattern points get none.
    """
    patterns = [diagrams.patterns.get(i, ()) for i in indications]
    placed: list[PlacedPoint] = []
    for area, total in plan.items():
        for side, units in side_units(protocol, area, total, plan_sides):
            if units <= 0:
                continue
            spots: Sequence[PatternPoint] = next(
                (
                    found
                    for pattern in patterns
                    if (found := [p for p in pattern if p.area == area and p.side == side])
                ),
                [],
            )
            for spot in spots:
                placed.append(
                    PlacedPoint(spot.region, area, side, units / len(spots), spot.x, spot.y)
                )
    return placed


def _fmt(value: float) -> str:
    return f"{value:g}"


def _svg_shape(shape: Shape, attrs: str) -> str:
    v = shape.values
    if shape.kind == "ellipse":
        return (
            f'<ellipse cx="{_fmt(v[0])}" cy="{_fmt(v[1])}" rx="{_fmt(v[2])}" ry="{_fmt(v[3])}"'
            f" {attrs}/>"
        )
    points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in zip(v[0::2], v[1::2], strict=True))
    return f'<{shape.kind} points="{points}" {attrs}/>'


def to_svg(diagram: Diagram) -> str:
    """Return the diagram as SVG text.

    Line art, then the zones (each area a group whose id is the area ID, one shape per side with
    ``data-side``), then the patient's side letters (R/D, L/G) in the bottom corners.
    """
    size = _fmt(SIZE)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}"'
        f' width="{size}" height="{size}" data-region="{diagram.region}"'
        f' data-view="{diagram.view}">',
        f"<title>{diagram.region} ({diagram.view} view)</title>",
        '<g id="outline" fill="none" stroke="#5f6b75" stroke-width="1.4"'
        ' stroke-linejoin="round" stroke-linecap="round">',
        *(f"  {_svg_shape(s, '')}" for s in diagram.outline),
        "</g>",
    ]
    areas = list(dict.fromkeys(z.area for z in diagram.zones))
    for area in areas:
        lines.append(
            f'<g id="{area}" class="zone" fill="#2a6f97" fill-opacity="0.12" stroke="#2a6f97"'
            ' stroke-width="0.8" stroke-dasharray="3 2">'
        )
        for zone in (z for z in diagram.zones if z.area == area):
            side = f'data-side="{zone.side}"'
            lines.append(f"  {_svg_shape(zone.shape, side)}")
        lines.append("</g>")
    left_right = ("R/D", "L/G") if diagram.patient_left_on_viewer_right else ("L/G", "R/D")
    lines.append(
        '<g id="sides" font-family="DejaVu Sans, sans-serif" font-size="11" fill="#5f6b75">'
    )
    lines.append(f'  <text x="4" y="196">{left_right[0]}</text>')
    lines.append(f'  <text x="196" y="196" text-anchor="end">{left_right[1]}</text>')
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"
