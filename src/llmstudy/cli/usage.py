"""Click's usage errors (a typo, a missing argument, a value of the wrong type) as every other
error of the program is shown: one line in the learner's language, then a hint.

Click writes them in English over four lines (usage, "Try …", a blank, "Error: …"). Its
message is rebuilt here from the exception's kind and its English text, whose few shapes are
below; a shape not known here keeps click's English words, still on one line.
"""

from __future__ import annotations

import re

from llmstudy.core.records import Bi
from llmstudy.errors import UsageError


def _shapes(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.S), zh) for pattern, zh in pairs)


# (click's English message, the same in Chinese): fields in {} come from the match's groups
_MESSAGES = _shapes(
    (r"No such command '(?P<name>.+?)'\.(?: Did you mean (?P<like>.+)\?)?", "没有名为 {name} 的命令{like}"),
    (r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<like>.+)\)| Did you mean (?P<like2>.+)\?)?", "没有名为 {name} 的选项{like}"),
    (r"Missing argument '(?P<name>.+?)'\.", "缺少参数 {name}"),
    (r"Missing option '(?P<name>.+?)'\.", "缺少选项 {name}"),
    (r"Option '(?P<name>.+?)' requires an argument\.", "选项 {name} 后面要跟一个值"),
    (r"Option '(?P<name>.+?)' does not take a value\.", "选项 {name} 不接受值"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.+)\)", "多余的参数：{name}"),
    (r"Invalid value for '(?P<name>.+?)': (?P<why>.+)", "{name} 的值无效：{why}"),
)
# why a value is invalid (click's type converters)
_REASONS = _shapes(
    (r"'(?P<value>.*)' is not a valid int(?:eger)?(?: range)?\.", "“{value}” 不是整数"),
    (r"'(?P<value>.*)' is not a valid float(?: range)?\.", "“{value}” 不是数字"),
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", "{value} 不在 {range} 的范围内"),
    (r"'(?P<value>.*)' is not one of (?P<range>.+)\.", "“{value}” 不是 {range} 之一"),
)
LIKE = Bi("（你是不是想用 {like}？）", "")
HINT = Bi("用法见 {path} --help", "see {path} --help")


def _chinese(english: str) -> str | None:
    for pattern, zh in _MESSAGES:
        found = pattern.fullmatch(english)
        if found is None:
            continue
        fields = {k: v or "" for k, v in found.groupdict().items()}
        like = fields.pop("like", "") + fields.pop("like2", "")  # click words a suggestion two ways
        why = fields.get("why")
        if why is not None:
            fields["why"] = next(
                (zh_why.format(**m.groupdict()) for p, zh_why in _REASONS if (m := p.fullmatch(why))), why
            )
        return zh.format(**fields, like=LIKE.format("zh", like=like) if like else "")
    return None


def usage_error(message: str, command_path: str) -> UsageError:
    """Click's usage error ``message`` (its English text) for the command at ``command_path``."""
    english = " ".join(message.split())
    hint = Bi(HINT.format("zh", path=command_path), HINT.format("en", path=command_path))
    return UsageError(Bi(_chinese(english) or english, english), hint=hint)
