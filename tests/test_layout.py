"""The floors of the house: each imports only the floors below it (scrapers < warehouse < assets <
orchestration), nothing below assets/ imports Dagster, and no function outside the tests is longer than
80 lines."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ["scrapers", "warehouse", "assets", "orchestration"]
MAX_FUNCTION_LINES = 80


def imported_packages(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("floor", FLOORS)
def test_a_floor_imports_only_the_floors_below(floor):
    above = set(FLOORS[FLOORS.index(floor) + 1:])
    if floor in ("scrapers", "warehouse"):
        above |= {"dagster", "dagster_webserver"}  # domain code is free of Dagster
    upward = {str(p.relative_to(ROOT)): sorted(imported_packages(p) & above)
              for p in (ROOT / floor).rglob("*.py")}
    assert {k: v for k, v in upward.items() if v} == {}


def test_no_function_is_over_80_lines():
    long = []
    for floor in FLOORS:
        for path in (ROOT / floor).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    if node.end_lineno - first + 1 > MAX_FUNCTION_LINES:
                        long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert long == []
