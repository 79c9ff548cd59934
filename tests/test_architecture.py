"""The structure the code keeps: a dialogue core that imports no storage, and no import cycles.

The import graph is read from the source (every `import` and `from … import`, including those
inside functions, which run sooner or later), not from what a test run happened to import.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import pytest

ROOT: Final = Path(__file__).resolve().parent.parent
PACKAGES: Final = ("bot", "directory")
STORAGE_LIBRARIES: Final = ("sqlalchemy", "alembic", "psycopg")
CHANNEL_LIBRARIES: Final = ("telegram", "starlette", "uvicorn", "aiohttp")
# The README's "core" and "domain" layers: pure rules, no storage and no channel.
PURE_LAYERS: Final = (
    "bot.dialogue",
    "bot.render",
    "bot.protocol",
    "bot.screening",
    "bot.crisis_type",
    "bot.language",
    "bot.gazetteer_places",
    "bot.understanding",
    "directory.referral",
    "directory.emergency",
    "directory.crisis",
    "directory.places",
    "directory.gazetteer",
    "directory.cyrillic",
    "directory.polish",
    "directory.folding",
    "directory.morphology",
    "directory.fields",
    "directory.validation",
    "directory.hours",
    "directory.phones",
    "directory.visibility",
    "directory.vocabulary",
    "directory.kinds",
    "directory.clock",
    "directory.i18n",
    "directory.seed_data",
)


def modules_of(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    """Every module of `packages` under `root`, by dotted name (a package by its __init__)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _ancestors(name: str) -> Iterator[str]:
    parts = name.split(".")
    for end in range(1, len(parts)):
        yield ".".join(parts[:end])


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: anywhere, except under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _import_nodes(ast.Module(body=node.orelse, type_ignores=[]))
            continue
        yield from _import_nodes(node)


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The dotted names an import statement loads (a package's __init__ for each submodule)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    return {source, *(f"{source}.{alias.name}" for alias in node.names)}


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Which of `modules` each one imports, directly.

    Importing `a.b.c` runs the packages `a` and `a.b` first, so those count too, except the
    importing module's own packages: they are always under way before it runs.
    """
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        own_packages = set(_ancestors(name))
        for node in _import_nodes(tree):
            for target in _imported(name, path.name == "__init__.py", node):
                loaded = {target, *_ancestors(target)} - own_packages
                graph[name] |= {m for m in loaded if m in modules and m != name}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a cycle or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def modules_loaded_by(*modules: str) -> list[str]:
    """The modules a fresh interpreter holds after importing `modules` alone."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


@pytest.mark.parametrize(
    "core", ["bot.dialogue", "directory.referral", "directory.emergency", "directory.seed_data"]
)
def test_the_core_imports_no_storage(core: str) -> None:
    loaded = modules_loaded_by(core)
    assert core in loaded
    storage = [m for m in loaded if m.split(".")[0] in STORAGE_LIBRARIES]
    assert storage == [], f"{core} loads {storage[:5]}"
    assert "directory.models" not in loaded
    assert "directory.db" not in loaded


def test_the_core_and_domain_layers_load_no_storage_and_no_channel() -> None:
    loaded = modules_loaded_by(*PURE_LAYERS)
    assert set(PURE_LAYERS) <= set(loaded)
    libraries = STORAGE_LIBRARIES + CHANNEL_LIBRARIES
    outside = [m for m in loaded if m.split(".")[0] in libraries]
    assert outside == [], f"the pure layers load {outside[:5]}"
    assert "directory.models" not in loaded


def test_the_storage_side_does_load_storage() -> None:
    # The check above sees what it claims to see: the store itself loads SQLAlchemy.
    loaded = modules_loaded_by("directory.store")
    assert "sqlalchemy" in loaded
    assert "directory.models" in loaded


def test_bot_and_directory_have_no_import_cycle() -> None:
    found = cycles(import_graph(modules_of(ROOT, PACKAGES)))
    assert [sorted(group) for group in found] == []


def test_the_cycle_finder_sees_a_cycle_hidden_inside_a_function(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("def late() -> None:\n    from pkg import high\n")
    (package / "high.py").write_text("from pkg.low import late\n")
    (package / "alone.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import high\n"
    )
    graph = import_graph(modules_of(tmp_path, ("pkg",)))
    assert graph["pkg.alone"] == set()
    assert cycles(graph) == [frozenset({"pkg.low", "pkg.high"})]


def test_the_cycle_finder_counts_the_package_a_submodule_is_imported_through(
    tmp_path: Path,
) -> None:
    # `outside` imports pkg.part, which runs pkg/__init__, which imports `outside`: a cycle.
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg import part\nimport outside\n")
    (package / "part.py").write_text("from pkg import sibling\n")
    (package / "sibling.py").write_text("")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "__init__.py").write_text("from pkg.part import x\n")
    graph = import_graph(modules_of(tmp_path, ("pkg", "outside")))
    assert "pkg" not in graph["pkg.part"]  # its own package is under way before it runs
    assert cycles(graph) == [frozenset({"pkg", "outside"})]
