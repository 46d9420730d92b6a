"""The Typer application object: global options, the command decorator and the error boundary.

Each command parses its options, builds the context, calls one action and hands the
result to ``present``. Logic lives below.
"""

import functools
import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from llmstudy import __version__
from llmstudy.cli.boundary import report
from llmstudy.context import Context, parse_lang

if TYPE_CHECKING:
    from llmstudy.actions.results import Result
    from llmstudy.core.records import Lang

F = TypeVar("F", bound=Callable[..., Any])


def _help(cmd: Any, ctx: Any, english: Callable[[Any], str]) -> str:
    from llmstudy.cli.help import chinese_help, help_lang

    # A command's help comes after the program's options were applied (the global --lang);
    # the program's own help comes before: this invocation has set no language yet.
    applied = CTX.lang_or_default() if ctx.parent is not None else None
    return chinese_help(cmd, ctx) if help_lang(applied) == "zh" else english(ctx)


class HelpCommand(TyperCommand):
    """A command whose help is drawn in Chinese when the learner reads Chinese (``cli.help``)."""

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx, super().get_help)


class HelpGroup(TyperGroup):
    """A group (the program, ``lab``, ``card``…) whose help is drawn like ``HelpCommand``'s.

    As the program, it also shows click's usage errors as the program's other errors: one line
    in the learner's language and a hint (``cli.usage``), exit code 2.
    """

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx, super().get_help)

    def main(  # type: ignore[override]  # the same parameters, by keyword
        self, args: Any = None, prog_name: str | None = None, *, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        # typer vendors click: its exceptions are reached through typer (pinned below 0.29)
        from typer._click import exceptions as click_errors

        if not standalone_mode:
            return super().main(args, prog_name, standalone_mode=False, **kwargs)
        CTX.reset()  # this invocation's options are not applied yet
        try:
            code = super().main(args, prog_name, standalone_mode=False, **kwargs)
        except click_errors.NoArgsIsHelpError as exc:  # `llmstudy lab`: the group's help
            exc.show()
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            from llmstudy.cli.usage import usage_error

            ctx = getattr(exc, "ctx", None)
            path = ctx.command_path if ctx is not None else "llmstudy"
            sys.exit(report(usage_error(exc.format_message(), path), _error_lang()))
        except typer.Abort:  # the end of input where a question waited for an answer
            report(KeyboardInterrupt(), _error_lang())
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _error_lang() -> str:
    """The language of an error found before or while the options were read."""
    from llmstudy.cli.help import argv_lang

    return argv_lang(sys.argv[1:]) or CTX.lang_or_default()


def command_group(help: str) -> typer.Typer:
    """A group of commands (``lab``, ``card``…), its help drawn in the learner's language."""
    return typer.Typer(help=help, no_args_is_help=True, cls=HelpGroup)


app = typer.Typer(
    name="llmstudy",
    cls=HelpGroup,
    help="A study companion for learning large language models: plan, log, quiz, look back.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CTX = Context()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print plain JSON instead of a view.")]
TopicArg = Annotated[str, typer.Argument(help="Topic id, alias or title (e.g. attention, 注意力).")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="zh or en (default: LLMSTUDY_LANG, else the locale).")]


def later(name: str) -> ModuleType:
    """The module ``name``, run on its first use. Help and shell completion import every
    command module, and need none of the actions behind the commands; so a command module
    names its actions module with this (and imports it under ``TYPE_CHECKING`` for types)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def present(result: "Result", as_json: bool, lang: "Lang") -> None:
    """Hand a command's result to the output layer (loaded here, on first use, for `later`'s reason)."""
    from llmstudy.output.present import present as show

    show(result, as_json, lang)


def context(lang: str | None = None) -> Context:
    """This invocation's context, with the command's own ``--lang`` applied."""
    return CTX.with_lang(lang)


def interactive() -> bool:
    """Whether a person is at the keyboard: a question may be asked (stdin and stdout are terminals)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def command(name: str | None = None, group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command wrapped in the one error boundary."""

    def deco(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except (typer.Exit, typer.Abort, SystemExit):
                raise
            except BaseException as exc:  # noqa: BLE001 - this is the error boundary
                raise typer.Exit(report(exc, CTX.lang_or_default())) from None

        (group or app).command(name, cls=HelpCommand)(wrapper)
        return fn

    return deco


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"llmstudy {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database file (default: $LLMSTUDY_HOME/llmstudy.db, else the user data dir).",
            metavar="PATH",
        ),
    ] = None,
    data: Annotated[
        str | None,
        typer.Option("--data", help="Curated data folder (default: the bundled data).", metavar="DIR"),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en for every command (default: LLMSTUDY_LANG, else the locale).")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Plan, log and test your study of large language models.

    Example: llmstudy next
    """
    CTX.reset(db, data, None if lang is None else parse_lang(lang))
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
