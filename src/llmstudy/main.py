"""Entry point. The commands typed most skip typer on the common path.

Typer (with click) costs about 5x a bare Python start here, half the budget of any command.
So this reads simple, well-formed command lines itself and calls the very functions the
typer commands call: `next`, `today`, `log`, `quiz`, `review` and the reading commands
(`topics`, `show`, `roadmap`, `timeline`, `resources`, `tree`, `stats`, `sessions`,
`lab list`, `search`, `notes`, `card list`, `timer status`). Anything else (help, a typo, an unknown option, a value typer would convert or
refuse, any other command) goes to typer, which owns usage errors and help. A test checks
that the options and arguments known here are exactly the typer commands'.
"""

from __future__ import annotations

import sys

GLOBAL_OPTIONS = {"--db": "db", "--data": "data", "--lang": "lang"}
_COMMON = {"--json": ("json", False), "--lang": ("lang", True)}
FAST_COMMANDS: dict[str, dict[str, object]] = {
    # option -> (dest, takes a value[, the value a flag sets: True unless given])
    "next": {
        "options": {"--track": ("track", True), "--json": ("json", False), "--lang": ("lang", True)},
        "positionals": (),
    },
    "today": {
        "options": {"--json": ("json", False), "--lang": ("lang", True)},
        "positionals": (),
    },
    "log": {
        "options": {
            "--date": ("date", True),
            "--week": ("week", True),
            "--note": ("note", True),
            "--force": ("force", False),
            "--json": ("json", False),
            "--lang": ("lang", True),
        },
        "positionals": ("duration", "topic"),
        "required": 1,
    },
    "roadmap": {"options": {"--track": ("track", True), **_COMMON}, "positionals": ()},
    "topics": {"options": _COMMON, "positionals": ()},
    "show": {"options": _COMMON, "positionals": ("topic",), "required": 1},
    "timeline": {
        "options": {
            "--from": ("from", True),
            "--to": ("to", True),
            "--era": ("era", True),
            "--search": ("search", True),
            "--topic": ("topic", True),
            **_COMMON,
        },
        "positionals": (),
    },
    "resources": {"options": {"--kind": ("kind", True), **_COMMON}, "positionals": ("topic",)},
    "tree": {"options": _COMMON, "positionals": ()},
    "lab list": {"options": _COMMON, "positionals": ()},
    "stats": {"options": {"--streak-minutes": ("streak_minutes", True), **_COMMON}, "positionals": ()},
    "search": {"options": {"--kind": ("kind", True), "-n": ("n", True), **_COMMON}, "positionals": ("query",), "required": 1},
    "notes": {"options": _COMMON, "positionals": ("topic",)},
    "card list": {"options": _COMMON, "positionals": ("topic",)},
    "timer status": {"options": _COMMON, "positionals": ()},
    "quiz": {
        "options": {
            "-n": ("n", True),
            "--llm": ("llm", False, True),
            "--offline": ("llm", False, False),
            "--seed": ("seed", True),
            "--bilingual": ("bilingual", False),
            **_COMMON,
        },
        "positionals": ("topic",),
        "required": 1,
    },
    "review": {
        "options": {
            "-n": ("n", True),
            "--limit": ("limit", True),
            "--forecast": ("forecast", False),
            "--seed": ("seed", True),
            **_COMMON,
        },
        "positionals": (),
    },
    "sessions": {
        "options": {
            "--topic": ("topic", True),
            "--week": ("week", True),
            "--from": ("from", True),
            "--to": ("to", True),
            "--limit": ("limit", True),
            "--all": ("all", False),
            **_COMMON,
        },
        "positionals": (),
    },
}
# Whole numbers typer would convert; anything but plain ASCII digits goes to typer (with the
# lowest value typer accepts: below it, typer reports the error).
_INTS = {"week": 0, "streak_minutes": 1, "limit": 0, "n": 0, "seed": 0}
# Commands that only read: (module, function, what to pass after the store: "@today", "@now"
# or an option's value, None when it is absent), exactly as their typer commands call them.
_READERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "next": ("llmstudy.actions.plan", "next_topic", ("@today", "@now", "track")),
    "today": ("llmstudy.actions.plan", "today_summary", ("@today", "@now")),
    "roadmap": ("llmstudy.actions.catalog", "roadmap", ("track",)),
    "topics": ("llmstudy.actions.catalog", "topic_list", ()),
    "show": ("llmstudy.actions.catalog", "topic_detail", ("topic",)),
    "timeline": ("llmstudy.actions.catalog", "timeline", ("from", "to", "era", "search", "topic")),
    "resources": ("llmstudy.actions.catalog", "resources", ("topic", "kind")),
    "tree": ("llmstudy.actions.catalog", "tree", ()),
    "lab list": ("llmstudy.actions.labs", "list_labs", ()),
    "stats": ("llmstudy.actions.tracking", "stats", ("@today", "@now", "streak_minutes")),
    "search": ("llmstudy.actions.search", "search", ("query", "kind", "n")),
    "notes": ("llmstudy.actions.notebook", "list_notes", ("topic",)),
    "card list": ("llmstudy.actions.cards", "list_cards", ("topic",)),
    "timer status": ("llmstudy.actions.tracking", "timer_status", ("@now",)),
}


def split_globals(argv: list[str]) -> tuple[dict[str, str | None], int] | None:
    """The global options before the command and the command's index, or None if one is not
    plain (``--help``, ``--version``, a typo, a missing value)."""
    glob: dict[str, str | None] = {"db": None, "data": None, "lang": None}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        name, eq, value = argv[i].partition("=")
        if name not in GLOBAL_OPTIONS:
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        glob[GLOBAL_OPTIONS[name]] = value
        i += 1
    return glob, i


def command_word(argv: list[str]) -> str | None:
    """The command typed, or None when there is none to find."""
    split = split_globals(argv)
    return argv[split[1]] if split is not None and split[1] < len(argv) else None


def parse_fast(argv: list[str]) -> tuple[str, dict[str, str | None], dict[str, object]] | None:
    """Return (command, global options, command options) or None to let typer handle it."""
    split = split_globals(argv)
    if split is None:
        return None
    glob, i = split
    command = " ".join(argv[i : i + 2])  # a group's command ("lab list"), or a command
    if command not in FAST_COMMANDS:
        command = argv[i] if i < len(argv) else ""
    if command not in FAST_COMMANDS:
        return None
    spec = FAST_COMMANDS[command]
    options: dict[str, tuple[str, bool, *tuple[bool, ...]]] = spec["options"]  # type: ignore[assignment]
    positionals: tuple[str, ...] = spec["positionals"]  # type: ignore[assignment]
    values: dict[str, object] = {}
    pos: list[str] = []
    rest = argv[i + len(command.split()) :]
    j = 0
    while j < len(rest):
        tok = rest[j]
        if tok.startswith("-") and not (command == "log" and not pos and tok[1:2].isdigit()):
            name, eq, value = tok.partition("=")
            if name not in options:
                return None  # --help, -h, --, typos, negative numbers: typer decides
            dest, takes_value, *flag = options[name]
            if dest in values:
                return None
            if takes_value:
                if not eq:
                    if j + 1 >= len(rest):
                        return None
                    j += 1
                    value = rest[j]
                values[dest] = value
            elif eq:
                return None
            else:
                values[dest] = flag[0] if flag else True
        else:
            pos.append(tok)
        j += 1
    required = int(spec.get("required", 0))  # type: ignore[call-overload]
    if len(pos) > len(positionals) or len(pos) < required:
        return None
    values.update(zip(positionals, pos, strict=False))
    for dest, lowest in _INTS.items():
        if dest in values:
            number = str(values[dest])
            if not (number.isascii() and number.isdigit() and len(number) <= 4) or int(number) < lowest:
                return None  # typer reports it
            values[dest] = int(number)
    return command, glob, values


def main() -> None:
    parsed = parse_fast(sys.argv[1:])
    if parsed is None:
        from llmstudy.cli.app import main as cli_main

        cli_main(command_word(sys.argv[1:]))
        return
    command, glob, values = parsed
    from llmstudy.cli.boundary import report

    try:
        run_fast(command, glob, values)
        sys.stdout.flush()
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        sys.exit(report(exc, lang_of_argv(glob, values)))


def run_fast(command: str, glob: dict[str, str | None], values: dict[str, object]) -> None:
    """The same steps as the typer command: context, action, present."""
    from llmstudy.context import Context
    from llmstudy.output.present import present

    ctx = Context(db=glob["db"], data=glob["data"]).with_lang(glob["lang"]).with_lang(_str(values.get("lang")))
    as_json = bool(values.get("json", False))
    today, now = ctx.clock.today, ctx.clock.now
    if command in _READERS:
        import importlib

        module, name, params = _READERS[command]
        action = getattr(importlib.import_module(module), name)
        clock: dict[str, object] = {"@today": today, "@now": now}
        with ctx.store() as store:
            result = action(store, *(clock[p] if p in clock else values.get(p) for p in params))
        present(result, as_json, ctx.lang)
        return
    if command in ("quiz", "review"):
        from llmstudy.cli import quiz_steps

        n, seed, llm = _int(values.get("n")), _int(values.get("seed")), values.get("llm")
        assert llm is None or isinstance(llm, bool)
        if command == "quiz":
            size = quiz_steps.QUIZ_SIZE if n is None else n
            code = quiz_steps.run_quiz(ctx, str(values["topic"]), size, llm, seed, bool(values.get("bilingual")), as_json)
        else:
            code = quiz_steps.run_review(ctx, n, _int(values.get("limit")), bool(values.get("forecast")), seed, as_json)
        if code:
            sys.stdout.flush()
            sys.exit(code)
        return
    from llmstudy.actions import tracking

    if command == "sessions":
        limit, week = values.get("limit"), values.get("week")
        assert (limit is None or isinstance(limit, int)) and (week is None or isinstance(week, int))
        first, last, topic = _str(values.get("from")), _str(values.get("to")), _str(values.get("topic"))
        with ctx.store() as store:
            shown = tracking.session_limit(limit, bool(values.get("all")), as_json)
            result = tracking.list_sessions(store, today, topic, week, first, last, shown)
        present(result, as_json, ctx.lang)
        return
    duration, topic, date, note = str(values["duration"]), _str(values.get("topic")), _str(values.get("date")), _str(values.get("note"))
    week = values.get("week")
    assert week is None or isinstance(week, int)
    tracking.check_fields(today, duration, date, week, note)  # before opening anything
    with ctx.store() as store:
        result = tracking.log_time(store, today, duration, topic, date, week, note, bool(values.get("force")))
    present(result, as_json, ctx.lang)


def lang_of_argv(glob: dict[str, str | None], values: dict[str, object]) -> str:
    """The language to report an error in, even when the error is about the language."""
    from llmstudy.context import default_lang

    for value in (values.get("lang"), glob.get("lang")):
        if isinstance(value, str) and value.strip().lower()[:2] in ("zh", "en"):
            return value.strip().lower()[:2]
    return default_lang()


def _int(value: object) -> int | None:
    assert value is None or isinstance(value, int)
    return value


def _str(value: object) -> str | None:
    return None if value is None else str(value)
