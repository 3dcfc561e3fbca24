"""The layers' import rules (pyproject's import-linter contracts) and no cycles between
modules of one layer, late imports inside functions included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["fittrack.services", "fittrack.repositories", "fittrack.domain", "fittrack.adapters"]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("fittrack", "functions", cache_dir=None)


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]


def _cycle(graph: grimp.ImportGraph, layer: str) -> list[str] | None:
    members = {m for m in graph.modules if m.startswith(layer + ".")}
    edges = {m: graph.find_modules_directly_imported_by(m) & members for m in members}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(members):
        if module not in state and (found := visit(module)):
            return found
    return None


@pytest.mark.parametrize("layer", LAYERS)
def test_no_import_cycles_inside_a_layer(graph: grimp.ImportGraph, layer: str) -> None:
    cycle = _cycle(graph, layer)
    assert cycle is None, " -> ".join(cycle or [])
