"""Entry point. `next` and `log` skip typer (and rich) on the common path.

Typer costs about 6x a bare Python start here, which is the whole budget for
the two commands typed most. So this reads their simple, well-formed command
lines itself and calls the very functions the typer commands call. Anything
else (help, a typo, an unknown option, any other command) goes to typer, which
owns usage errors and help. A test checks that the options known here are
exactly the typer commands' options.
"""

from __future__ import annotations

import sys

GLOBAL_OPTIONS = {"--db": "db", "--data": "data", "--lang": "lang"}
FAST_COMMANDS: dict[str, dict[str, object]] = {
    # option -> (dest, takes a value)
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
    },
}


def parse_fast(argv: list[str]) -> tuple[str, dict[str, str | None], dict[str, object]] | None:
    """Return (command, global options, command options) or None to let typer handle it."""
    glob: dict[str, str | None] = {"db": None, "data": None, "lang": None}
    i = 0
    while i < len(argv) and argv[i].startswith("--"):
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
    if i >= len(argv) or argv[i] not in FAST_COMMANDS:
        return None
    command = argv[i]
    spec = FAST_COMMANDS[command]
    options: dict[str, tuple[str, bool]] = spec["options"]  # type: ignore[assignment]
    positionals: tuple[str, ...] = spec["positionals"]  # type: ignore[assignment]
    values: dict[str, object] = {}
    pos: list[str] = []
    rest = argv[i + 1 :]
    j = 0
    while j < len(rest):
        tok = rest[j]
        if tok.startswith("-") and not (command == "log" and not pos and tok[1:2].isdigit()):
            name, eq, value = tok.partition("=")
            if name not in options:
                return None  # --help, -h, --, typos, negative numbers: typer decides
            dest, takes_value = options[name]
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
                values[dest] = True
        else:
            pos.append(tok)
        j += 1
    if len(pos) > len(positionals) or (positionals and not pos):
        return None
    values.update(zip(positionals, pos, strict=False))
    if "week" in values:
        week = str(values["week"])
        if not (week.isascii() and week.isdigit() and len(week) <= 4):
            return None  # typer reports it
        values["week"] = int(week)
    return command, glob, values


def main() -> None:
    parsed = parse_fast(sys.argv[1:])
    if parsed is None:
        from llmstudy.cli.app import main as cli_main

        cli_main()
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
    today, now = ctx.clock
    if command == "next":
        from llmstudy.actions.plan import next_topic

        with ctx.store() as store:
            present(next_topic(store, today, now, _str(values.get("track"))), as_json, ctx.lang)
        return
    if command == "today":
        from llmstudy.actions.plan import today_summary

        with ctx.store() as store:
            present(today_summary(store, today, now), as_json, ctx.lang)
        return
    from llmstudy.actions import tracking

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


def _str(value: object) -> str | None:
    return None if value is None else str(value)
