"""Write resources/protocol/diagrams/<region>.svg from diagrams.toml (run after editing it).

    .venv/bin/python tools/make_diagrams.py

tests/unit/test_chart_diagrams.py fails while a file differs from what this writes.
"""

from consult_app.app.services import load_diagrams_for, load_protocol_for
from consult_app.core.diagrams import to_svg
from consult_app.resources import resource_path

folder = resource_path("protocol", "diagrams")
for region, diagram in load_diagrams_for(load_protocol_for(None)).regions.items():
    (folder / f"{region}.svg").write_text(to_svg(diagram), encoding="utf-8")
    print(f"wrote {region}.svg")
