"""The layering of DESIGN.md, checked on the imports themselves."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "llmstudy"


def imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules() -> dict[str, Path]:
    return {p.relative_to(SRC).with_suffix("").as_posix().replace("/", "."): p for p in SRC.rglob("*.py")}


def test_only_llm_client_imports_openai() -> None:
    for name, path in modules().items():
        if any(i.split(".")[0] == "openai" for i in imports(path, top_level_only=False)):
            assert name == "llm_client", name


def test_sql_lives_in_the_store() -> None:
    allowed = {"store", "migrations", "loader"}
    for name, path in modules().items():
        uses = {i.split(".")[0] for i in imports(path, top_level_only=False)}
        if uses & {"sqlite_utils"}:
            assert name in {"migrations", "loader"}, name
        if "sqlite3" in uses:
            assert name in allowed | {"boundary"}, name


def test_nothing_below_the_cli_imports_typer_or_exits() -> None:
    for name, path in modules().items():
        if name.startswith("cli"):
            continue
        uses = {i.split(".")[0] for i in imports(path, top_level_only=False)}
        assert not uses & {"typer", "click"}, name
        text = path.read_text(encoding="utf-8")
        if name != "launch":
            assert "sys.exit(" not in text, name


def test_errors_and_pure_modules_import_little() -> None:
    light = {
        "errors": set(),
        "durations": {"llmstudy.errors"},
        "planner": {"llmstudy.domain", "llmstudy.durations"},
        "stats": {"llmstudy.domain", "llmstudy.planner"},
    }
    for name, allowed in light.items():
        ours = {i for i in imports(modules()[name], top_level_only=False) if i.startswith("llmstudy")}
        assert ours <= allowed, (name, ours - allowed)


def test_hot_modules_import_nothing_heavy_at_top_level() -> None:
    heavy = {"openai", "sqlite_utils", "yaml", "pydantic", "rich", "typer", "fsrs", "platformdirs"}
    hot = [
        "launch",
        "app",
        "hot",
        "store",
        "domain",
        "planner",
        "paths",
        "lookup",
        "term",
        "dates",
        "durations",
        "errors",
        "boundary",
        "datafiles",
    ]
    for name in hot:
        tops = {i.split(".")[0] for i in imports(modules()[name], top_level_only=True)}
        assert not tops & heavy, (name, tops & heavy)


def test_cli_is_thin() -> None:
    for name, path in modules().items():
        if name.startswith("cli"):
            assert len(path.read_text(encoding="utf-8").splitlines()) < 400, name
