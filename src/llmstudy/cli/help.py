"""`--help` in the learner's language. Typer draws the English help; in Chinese the commands
(``cli.base.HelpCommand`` and ``HelpGroup``) draw it from ``cli.help_zh``: the same usage, the
same options and commands, their help translated, wrapped by display width."""

import re
import sys
from typing import Any

from llmstudy.context import default_lang, parse_lang
from llmstudy.errors import UsageError

USAGE = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}
BUILT_IN = {"Show this message and exit.": "显示本帮助并退出。"}  # click's own help option
EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")


def argv_lang(argv: list[str]) -> str | None:
    """The language a command line asks for (``--lang``, before or after the command), if any:
    help is drawn before the options are applied."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if value is not None:
            try:
                return parse_lang(value)
            except UsageError:
                return None
    return None


def _extras(text: str) -> str:
    """Typer's notes after an option's help, in Chinese: ［必填］, ［默认：20］."""
    words = {"required": "必填", "default": "默认", "env var": "环境变量"}
    parts = []
    for part in text.split("; "):
        key, colon, value = part.partition(": ")
        name = words.get(key, key)
        parts.append(f"{name}：{value}" if colon else words.get(part, part))
    return "［" + "；".join(parts) + "］"


def chinese_help(cmd: Any, ctx: Any) -> str:
    """The help page of ``cmd`` (a click command built by typer) in Chinese."""
    from llmstudy.cli.help_zh import COMMANDS, OPTIONS
    from llmstudy.output.help_view import HelpPage, render

    path = " ".join(ctx.command_path.split()[1:])
    text = COMMANDS[path][1] if path in COMMANDS else cmd.help or ""
    pieces = [USAGE.get(p, p) for p in cmd.collect_usage_pieces(ctx)]
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in cmd.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, english = record
        own = getattr(param, "help", None) or ""
        extra = english[len(own) :] if own and english.startswith(own) else ""
        found = EXTRA.search(extra)
        zh = OPTIONS.get(own) or BUILT_IN.get(own) or own
        if found:
            zh += _extras(found.group(1))
        (arguments if param.param_type_name == "argument" else options).append((names, zh))
    commands: list[tuple[str, str]] = []
    for name in getattr(cmd, "list_commands", lambda _: [])(ctx):
        sub = cmd.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        key = f"{path} {name}".strip()
        commands.append((name, COMMANDS[key][0] if key in COMMANDS else sub.get_short_help_str()))
    page = HelpPage(f"{ctx.command_path} {' '.join(pieces)}", text, (("参数", arguments), ("选项", options), ("命令", commands)))
    return render(page)


def help_lang(applied: str | None) -> str:
    """The command line's ``--lang`` (help is drawn before the options are applied), else the
    language already applied (``applied``), else LLMSTUDY_LANG or the locale."""
    return argv_lang(sys.argv[1:]) or applied or default_lang()
