"""Layering rules, checked from the source (every import, also inside functions):
the core never imports the UI or Qt, the UI never reaches past the core into the database or
cryptography libraries, the core's packages form no import cycle (store imports no service),
the SQLModel tables match the migrated schema, and the translations match the code."""

from __future__ import annotations

import ast
import contextlib
import os
import pkgutil
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import reviewer_app

ROOT = Path(__file__).resolve().parent.parent
HEAVY_FOR_STARTUP = ("sqlmodel", "sqlalchemy", "reportlab", "pyhanko", "cryptography", "pyrage", "PIL")
QT = ("PySide6", "shiboken6", "ui")
BELOW_THE_CORE = ("sqlalchemy", "sqlmodel", "sqlite3", "cryptography", "pyrage")


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return result.stdout.strip()


# --- imports read from the source ---------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> Iterator[tuple[str, int]]:
    """Every module `path` imports (absolute names; `from a import b` yields a and a.b), anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield module, node.lineno
            yield from ((f"{module}.{alias.name}", node.lineno) for alias in node.names)


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def offending_imports(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted({f"{path.relative_to(ROOT)}:{line} imports {module}" for path in sources(folder)
                   for module, line in imports_of(path) if module.split(".")[0] in forbidden})  # fmt: skip


def test_core_never_imports_the_ui_or_qt() -> None:
    assert len(sources("reviewer_app")) > 40
    assert offending_imports("reviewer_app", QT) == []


def test_ui_never_reaches_past_the_core() -> None:
    assert offending_imports("ui", BELOW_THE_CORE) == []


def test_the_source_check_sees_lazy_imports(tmp_path: Path) -> None:
    sample = ROOT / "reviewer_app" / "__arch_sample__.py"
    try:
        sample.write_text("def late():\n    from ui.paths import resolve_data_root\n    from . import keys\n", encoding="utf-8")
        found = dict(imports_of(sample))
        assert "ui.paths" in found and "reviewer_app.keys" in found
    finally:
        sample.unlink()


def core_graph() -> dict[str, dict[str, str]]:
    """{part: {part it imports: where}} over reviewer_app's subpackages and top-level modules."""
    parts = {p.name.removesuffix(".py") for p in (ROOT / "reviewer_app").iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    graph: dict[str, dict[str, str]] = {}
    for path in sources("reviewer_app"):
        names = module_name(path).split(".")
        if len(names) < 2:
            continue
        for module, line in imports_of(path):
            target = module.split(".")
            if target[0] == "reviewer_app" and len(target) > 1 and target[1] in parts and target[1] != names[1]:
                graph.setdefault(names[1], {}).setdefault(target[1], f"{path.relative_to(ROOT)}:{line}")
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in graph.get(node, {}):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_the_core_packages() -> None:
    graph = core_graph()
    assert "store" in graph and "services" in graph
    assert [[(a, b, graph[a][b]) for a in component for b in graph.get(a, {}) if b in component] for component in cycles(graph)] == []


def test_the_store_imports_no_service_or_format() -> None:
    """The store keeps rows; it may use the plain review types, never what uses the store."""
    assert {b: w for b, w in core_graph()["store"].items() if b in ("services", "export", "org", "bundle", "demo_setup")} == {}


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b": ""}, "b": {"c": ""}, "c": {"a": ""}, "d": {"a": ""}}) == [["a", "b", "c"]]


# --- the same rules at run time ------------------------------------------------------------------


def test_core_imports_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(reviewer_app.__path__, "reviewer_app.")]
    assert "reviewer_app.store.database" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6') or m.split('.')[0] == 'ui'))"
    )
    assert run_python(code) == "[]"


def test_gui_start_up_path_imports_nothing_heavy() -> None:
    code = (
        "import sys, ui.launcher, ui.app, ui.main_window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY_FOR_STARTUP!r})))"
    )
    assert run_python(code) == "[]"


# --- the database schema ------------------------------------------------------------------------


def sqlite_type(column_type: object) -> str:
    """The type a migration declares for a SQLModel column type (SQLite stores dates as text)."""
    from sqlalchemy import Boolean, Float, Integer, LargeBinary, Numeric, String
    from sqlalchemy.types import DateTime, TypeDecorator

    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    for kind, declared in ((Boolean, "INTEGER"), (Integer, "INTEGER"), ((Float, Numeric), "REAL"), (LargeBinary, "BLOB"), ((String, DateTime), "TEXT")):
        if isinstance(column_type, kind):
            return declared
    raise AssertionError(f"no SQLite type known for {column_type!r}")


def test_the_tables_match_the_migrated_schema(tmp_path: Path) -> None:
    import importlib

    from sqlmodel import SQLModel

    import reviewer_app.store
    from reviewer_app.store.database import open_store

    for module in pkgutil.walk_packages(reviewer_app.store.__path__, "reviewer_app.store."):
        importlib.import_module(module.name)  # every table registers itself on import
    open_store(tmp_path / "schema.db").close()
    with contextlib.closing(sqlite3.connect(tmp_path / "schema.db")) as connection:
        migrated = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        tables = {table.name: table for table in SQLModel.metadata.sorted_tables}
        assert sorted(tables) == sorted(migrated)
        differences = []
        for name, table in tables.items():
            # PRAGMA table_info: (cid, name, type, notnull, default, pk)
            actual = {row[1]: (row[2].upper(), bool(row[3]) or bool(row[5]), bool(row[5])) for row in connection.execute(f"PRAGMA table_info({name})")}
            expected = {c.name: (sqlite_type(c.type), not c.nullable or c.primary_key, c.primary_key) for c in table.columns}
            differences += [(name, column, expected.get(column), actual.get(column)) for column in sorted(set(actual) | set(expected))
                            if expected.get(column) != actual.get(column)]  # fmt: skip
    assert differences == []


# --- translations ---------------------------------------------------------------------------------


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "") for context in root.iter("context") for message in context.iter("message")}


@pytest.mark.slow
def test_translations_are_in_sync_with_the_code(tmp_path: Path) -> None:
    """lupdate over the sources finds nothing new, changed or gone in resources/translations/*.ts."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    assert lupdate.exists() or shutil.which("pyside6-lupdate"), "pyside6-lupdate is part of PySide6"
    sources_list = sorted(str(p.relative_to(ROOT)) for folder in ("reviewer_app", "ui") for p in sources(folder))
    checked = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    assert checked
    for ts in checked:
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        subprocess.run([str(lupdate) if lupdate.exists() else "pyside6-lupdate", "-no-obsolete", "-locations", "none", *sources_list, "-ts", str(copy)],
                       cwd=ROOT, check=True, capture_output=True, timeout=300, env={**os.environ})  # fmt: skip
        before, after = messages(ts), messages(copy)
        assert sorted(after - before) == [], f"{ts.name}: strings in the code but not in the file; run tools/translations.py update"
        assert sorted(before - after) == [], f"{ts.name}: strings in the file that the code no longer has; run tools/translations.py update"
        unfinished = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message") if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
        assert unfinished == [], f"{ts.name}: messages without a translation"
