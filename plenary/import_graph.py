"""The import graph between our apps, and the rule it must keep: imports point down only.

    python -m plenary.import_graph

prints every app with the apps it imports, and exits with status 1, naming the modules, when an
import points up or sideways. A test runs the same check (tests/plenary/test_import_graph.py).
"""

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. An app may import the apps of lower layers only: the core never knows about
# the features built on it, and features do not import each other (they meet in the core,
# through signals and the core's extension points, or in the project package).
LAYERS: list[tuple[str, frozenset[str]]] = [
    ("core: staff accounts", frozenset({"accounts"})),
    ("core: conferences", frozenset({"conference"})),
    ("core: delegations", frozenset({"delegations"})),
    (
        "features",
        frozenset(
            {
                "accreditation",
                "clearance",
                "diplomacy",
                "messaging",
                "pledges",
                "registration",
                "sessions",
            }
        ),
    ),
    # Features that read the programme: bilaterals check that no attendee speaks meanwhile;
    # the floor's lists of speakers hang on sessions.
    ("features on the programme", frozenset({"bilaterals", "floor"})),
    ("demo data", frozenset({"demo"})),
    ("project", frozenset({"plenary"})),
]
LAYER_OF = {app: rank for rank, (_name, apps) in enumerate(LAYERS) for app in apps}


@dataclass(frozen=True)
class Edge:
    importer: str  # the importing module, e.g. "accreditation.badges"
    imported: str  # the imported module, e.g. "delegations.models"

    @property
    def from_app(self) -> str:
        return self.importer.split(".")[0]

    @property
    def to_app(self) -> str:
        return self.imported.split(".")[0]

    def points_down(self) -> bool:
        return LAYER_OF[self.from_app] > LAYER_OF[self.to_app]


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(tree: ast.AST) -> set[str]:
    """Every absolute module an import statement names, at any depth (local imports too)."""
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def app_edges(root: Path = ROOT) -> list[Edge]:
    """Every import from one of our apps into another, migrations included."""
    edges = []
    for app in LAYER_OF:
        for path in sorted((root / app).rglob("*.py")):
            importer = _module_name(path, root)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for imported in sorted(_imported_modules(tree)):
                target = imported.split(".")[0]
                if target in LAYER_OF and target != app:
                    edges.append(Edge(importer, imported))
    return edges


def wrong_way(edges: list[Edge]) -> list[Edge]:
    return [edge for edge in edges if not edge.points_down()]


def report(edges: list[Edge]) -> str:
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        graph[edge.from_app].add(edge.to_app)
    lines = []
    for name, apps in reversed(LAYERS):
        lines.append(f"{name}:")
        for app in sorted(apps):
            imports = ", ".join(sorted(graph[app], key=lambda a: -LAYER_OF[a])) or "nothing"
            lines.append(f"  {app} -> {imports}")
    bad = wrong_way(edges)
    if bad:
        lines.append("")
        lines.append("Imports that point up or sideways:")
        lines.extend(f"  {edge.importer} imports {edge.imported}" for edge in bad)
    return "\n".join(lines)


def main() -> int:
    edges = app_edges()
    print(report(edges))
    return 1 if wrong_way(edges) else 0


if __name__ == "__main__":
    sys.exit(main())
