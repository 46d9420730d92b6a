"""The layering of DESIGN.md, checked on the source itself (imports read with ``ast``)."""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

from llmstudy.actions import results
from llmstudy.output import json_views, present

SRC = Path(__file__).resolve().parent.parent / "src" / "llmstudy"
HEAVY = {"openai", "sqlite_utils", "yaml", "pydantic", "rich", "typer", "fsrs", "platformdirs", "numpy"}


def imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def modules() -> dict[str, Path]:
    """Module name (``actions.quiz``) -> file, for the package's own code (not lab content)."""
    return {
        p.relative_to(SRC).with_suffix("").as_posix().replace("/", "."): p
        for p in SRC.rglob("*.py")
        if "content" not in p.relative_to(SRC).parts
    }


def layer(name: str) -> str:
    return name.split(".")[0]


def ours(path: Path) -> set[str]:
    """The llmstudy modules a file imports, as layer-relative names (``storage.store``)."""
    found = {i.removeprefix("llmstudy.") for i in imports(path, top_level_only=False) if i.startswith("llmstudy.")}
    return found - {"actions", "core", "output", "storage", "curriculum", "llm", "cli", "labs"}  # bare packages


def test_only_llm_imports_openai() -> None:
    for name, path in modules().items():
        if any(i.split(".")[0] == "openai" for i in imports(path, top_level_only=False)):
            assert layer(name) == "llm", name


def test_sql_lives_in_storage() -> None:
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE FROM|CREATE TABLE)\b")
    for name, path in modules().items():
        uses = {i.split(".")[0] for i in imports(path, top_level_only=False)}
        if layer(name) == "storage":
            continue
        assert not uses & {"sqlite3", "sqlite_utils"} or name == "cli.boundary", name
        assert not sql.search(path.read_text(encoding="utf-8")), name


def test_only_the_curriculum_edge_imports_yaml_and_pydantic() -> None:
    for name, path in modules().items():
        uses = {i.split(".")[0] for i in imports(path, top_level_only=False)}
        if uses & {"yaml", "pydantic"}:
            # the llm package validates model replies with pydantic; catalog_sync stores validated models
            assert layer(name) in {"curriculum", "llm"} or name == "storage.catalog_sync", name


def test_only_rich_views_and_the_prompter_import_rich() -> None:
    for name, path in modules().items():
        if {i.split(".")[0] for i in imports(path, top_level_only=False)} & {"rich"}:
            assert name in {"output.rich_views", "output.prompter"}, name


def test_layers_import_only_what_they_may() -> None:
    may_not = {
        "core": {"actions", "output", "cli", "llm", "storage", "curriculum", "context", "labs"},
        "actions": {"output", "cli", "llm", "context"},
        "output": {"storage", "cli", "llm", "curriculum", "context"},
        "storage": {"actions", "output", "cli", "llm", "context"},
        "curriculum": {"actions", "output", "cli", "llm", "storage", "context"},
        "llm": {"output", "cli", "storage", "context"},
        "labs": {"actions", "output", "cli", "llm", "storage", "curriculum", "context"},
    }
    for name, path in modules().items():
        forbidden = may_not.get(layer(name), set())
        bad = {i for i in ours(path) if layer(i) in forbidden}
        if layer(name) == "output":  # output may read the result types, nothing else of actions
            bad |= {i for i in ours(path) if layer(i) == "actions" and not i.startswith("actions.results")}
        assert not bad, (name, bad)


def test_nothing_below_the_cli_imports_typer_or_exits() -> None:
    for name, path in modules().items():
        if layer(name) == "cli":
            continue
        uses = {i.split(".")[0] for i in imports(path, top_level_only=False)}
        assert not uses & {"typer", "click"}, name
        if name not in {"main", "labs.harness"}:  # the harness is a child process's script
            assert "sys.exit(" not in path.read_text(encoding="utf-8"), name


def test_only_the_cli_and_context_read_the_clock() -> None:
    clock = re.compile(r"\b(date\.today|datetime\.now|dt\.date\.today|time\.time)\(")
    for name, path in modules().items():
        if layer(name) in {"actions", "core", "output"}:
            assert not clock.search(path.read_text(encoding="utf-8")), name


def test_ui_strings_use_one_mechanism() -> None:
    ternary = re.compile(r"""if (zh|lang == ["']zh["']|lang == ["']en["']) else""")
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if name == "core.records":  # Bi.get itself: the mechanism
            text = text.replace('return self.zh if lang == "zh" else self.en', "", 1)
        assert not ternary.search(text), name


def test_light_modules_import_nothing_heavy_at_top_level() -> None:
    light = [
        "main",
        "context",
        "errors",
        "cli.boundary",
        "actions.results",
        "actions.plan",
        "actions.tracking",
        "output.present",
        "output.plain",
        "output.terminal",
        "output.words",
        "output.json_views",
        "storage.store",
        "storage.tables",
        "curriculum.files",
        "labs.index",
        "labs.catalog",
        "labs.runner",
        "output.lab_views",
        "output.study_views",  # imported by present, on the hot path
        *[n for n in modules() if layer(n) == "core"],
    ]
    for name in light:
        tops = {i.split(".")[0] for i in imports(modules()[name], top_level_only=True)}
        assert not tops & HEAVY, (name, tops & HEAVY)


def test_every_result_has_a_json_view_and_a_text_view() -> None:
    import importlib

    from llmstudy.core.record import Record

    types = set(typing.get_args(results.Result))
    defined = {v for v in vars(results).values() if isinstance(v, type) and issubclass(v, Record) and v is not Record}
    assert types <= defined
    assert types == set(json_views.VIEWS)
    assert types == set(present.VIEWS)
    for module, name in present.VIEWS.values():
        assert module != "rich_views"  # no view needs rich: only a model's streamed Markdown
        assert callable(getattr(importlib.import_module(f"llmstudy.output.{module}"), name)), (module, name)


def test_no_import_cycle_between_modules() -> None:
    graph = {name: {i for i in ours(path) if i in modules()} for name, path in modules().items()}
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in graph[node]:
            assert seen.get(nxt) != 1, " -> ".join([*stack, node, nxt])
            if nxt not in seen:
                visit(nxt, [*stack, node])
        seen[node] = 2

    for node in graph:
        if node not in seen:
            visit(node, [])


def test_cli_is_thin() -> None:
    for name, path in modules().items():
        if layer(name) == "cli":
            assert len(path.read_text(encoding="utf-8").splitlines()) < 400, name
