"""The plan step's injection map, kept in step with the units grid (issue 18).

The points live in the draft's ``extra.map_points`` (``core.map_plan`` dicts). The first time a
plan is shown they come from the indications' usual patterns. A change on the map sets the
planned units of the areas it touches (per side: ``core.map_plan.plan_from_points``); a change
in the grid shares the area's new units over its points again (``spread_units``), so the grid and
the map always show the same plan.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from consult_app.core.diagrams import Diagrams
from consult_app.core.map_plan import initial_points, plan_from_points, spread_units
from consult_app.ui.widgets.injection_map import InjectionMap

if TYPE_CHECKING:
    from consult_app.ui.steps.product_step import ProductStep

__all__ = ["PlanMap"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanMap", text)


class PlanMap(QGroupBox):
    """The map box of the plan step."""

    def __init__(self, step: ProductStep) -> None:
        super().__init__()
        self.step = step
        self.map = InjectionMap()
        self._synced: dict[str, Any] | None = None
        self._cid = 0
        layout = QVBoxLayout(self)
        layout.addWidget(self.map)
        self.map.pointsChanged.connect(self._on_points_changed)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setTitle(_tr("Injection map"))
        self.map.retranslate_ui()

    def _plan(self) -> dict[str, Any]:
        return dict(self.step.case.get("plan") or {})

    def _regions(self, plan: dict[str, Any]) -> list[str]:
        areas = self.step.protocol.areas
        return list(dict.fromkeys(areas[a].region for a in plan if a in areas))

    def show_draft(self) -> None:
        """Show the draft's points (the usual ones the first time a plan is shown)."""
        step = self.step
        diagrams = step.service.diagrams()
        plan = self._plan()
        if self._cid != step.consultation_id:
            self._cid, self._synced = step.consultation_id, None
        if diagrams is None or step.case.get("product") not in step.protocol.products or not plan:
            self.hide()
            return
        extra = step.draft["extra"]
        if not isinstance(extra.get("map_points"), list):
            extra["map_points"] = initial_points(
                diagrams, step.protocol, step.case.get("indications") or [], plan
            )
        elif self._synced is not None and plan != self._synced:
            extra["map_points"] = self._spread(diagrams, plan, extra["map_points"])
        self._synced = copy.deepcopy(plan)
        self.map.set_data(
            diagrams, step.protocol, step.language, extra["map_points"], self._regions(plan)
        )
        self.show()

    def _spread(
        self, diagrams: Diagrams, plan: dict[str, Any], points: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Share each area's units the grid changed (since the last sync) over its points."""
        step = self.step
        old = self._synced or {}
        indications = step.case.get("indications") or []
        for area in list(dict.fromkeys([*old, *plan])):
            if old.get(area) != plan.get(area) and area in step.protocol.areas:
                points = spread_units(
                    diagrams, step.protocol, indications, points, area, plan.get(area)
                )
        return points

    def before_emit(self) -> None:
        """The grid may have changed the plan: share each changed area's units over its points."""
        step = self.step
        diagrams = step.service.diagrams()
        plan = self._plan()
        if diagrams is None or self._synced is None or plan == self._synced:
            return
        points = self._spread(diagrams, plan, list(step.draft["extra"].get("map_points") or []))
        step.draft["extra"]["map_points"] = points
        self._synced = copy.deepcopy(plan)
        self.map.set_data(diagrams, step.protocol, step.language, points, self._regions(plan))

    def _on_points_changed(self, points: list[dict[str, Any]]) -> None:
        step = self.step
        if step.read_only:
            return
        step.draft["extra"]["map_points"] = points
        plan = plan_from_points(step.protocol, points, self._plan())
        step.case["plan"] = plan
        self._synced = copy.deepcopy(plan)
        step.refresh_from_map()
