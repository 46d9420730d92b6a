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

GLOBAL_OPTIONS = {"--db": "db", "--data": "data"}
FAST_COMMANDS: dict[str, dict[str, object]] = {
    # option -> (dest, takes a value)
    "next": {
        "options": {"--track": ("track", True), "--json": ("json", False), "--lang": ("lang", True)},
        "positionals": (),
    },
    "log": {
        "options": {
            "--date": ("date", True),
            "--week": ("week", True),
            "--note": ("note", True),
            "--json": ("json", False),
            "--lang": ("lang", True),
        },
        "positionals": ("duration", "topic"),
    },
}


def parse_fast(argv: list[str]) -> tuple[str, dict[str, str | None], dict[str, object]] | None:
    """Return (command, global options, command options) or None to let typer handle it."""
    glob: dict[str, str | None] = {"db": None, "data": None}
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
        if tok.startswith("-"):
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
        if not week.isdigit():
            return None
        values["week"] = int(week)
    return command, glob, values


def main() -> None:
    parsed = parse_fast(sys.argv[1:])
    if parsed is None:
        from llmstudy.cli import main as cli_main

        cli_main()
        return
    command, glob, values = parsed
    from llmstudy.app import Ctx, check_lang, default_lang
    from llmstudy.boundary import report

    ctx = Ctx(db=glob["db"], data=glob["data"])
    try:
        lang_value = values.get("lang")
        lang = check_lang(str(lang_value)) if lang_value else default_lang()
        from llmstudy import hot

        as_json = bool(values.get("json", False))
        if command == "next":
            hot.run_next(ctx, lang, as_json, values.get("track"))  # type: ignore[arg-type]
        else:
            hot.run_log(
                ctx,
                lang,
                as_json,
                str(values["duration"]),
                values.get("topic"),  # type: ignore[arg-type]
                values.get("date"),  # type: ignore[arg-type]
                values.get("week"),  # type: ignore[arg-type]
                values.get("note"),  # type: ignore[arg-type]
            )
        sys.stdout.flush()
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        sys.exit(report(exc))
