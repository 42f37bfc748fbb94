"""The package's layout: imports inside `summarize/` run one way and never in a circle.

cli -> library / ingest / evaluation -> core (the modules at `summarize/`'s top level); the
library may use ingest (it stores `Article` records), nothing below the cli imports it, and the
core imports none of the wings. Every import counts, including those inside functions and under
`TYPE_CHECKING`: a lazy import is still a dependency, and a circle through one is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "summarize"

ALLOWED = {
    "core": {"core"},
    "ingest": {"core", "ingest"},
    "evaluation": {"core", "evaluation"},
    "library": {"core", "ingest", "library"},
    "cli": {"core", "ingest", "library", "evaluation", "cli"},
}
"""Which wings each wing may import from."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level:
        base = base[: len(base) - (level - 1)]
        return ".".join(base + ([name] if name else []))
    return name or ""


def imports_of(module: str) -> set[str]:
    """The `summarize` modules that `module` imports anywhere in its source."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            # `from pkg import sub` imports the submodule when there is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("summarize") and target != module:
                found.add(target)
    return found


def wing(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED and parts[1] != "core"):
        return parts[1]
    return "core"


GRAPH = {module: imports_of(module) for module in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_wings_exist() -> None:
    assert {wing(m) for m in MODULES} == set(ALLOWED)


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    own = wing(module)
    wrong = {target for target in GRAPH[module]
             if wing(target) not in ALLOWED[own] and target != "summarize"}
    assert not wrong, f"{module} ({own}) imports {sorted(wrong)}"


def test_the_direction_check_sees_a_lazy_import(tmp_path: Path) -> None:
    """An import inside a function is found too (the store's feed imports used to be lazy)."""
    source = "def f():\n    from ..library.store import Library\n"
    tree = ast.parse(source)
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert _resolve("summarize.ingest.feeds", False, node.level, node.module) == "summarize.library.store"
