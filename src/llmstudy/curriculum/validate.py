"""Read and validate the curated data (``data/*.yaml``) into one ``Catalog``.

Shape is checked by the pydantic models; everything that needs more than one
item at a time (unique ids, references, cycles, hours adding up) is checked
here. Any problem becomes one ``DataError`` naming the file, the path inside
it and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from llmstudy.core.records import Bi
from llmstudy.curriculum.files import QUESTIONS_DIR, RESOURCES, ROADMAP, TIMELINE, content_hash
from llmstudy.curriculum.schema import (
    ZH_KEY,
    Question,
    QuestionFile,
    Resource,
    ResourceFile,
    Roadmap,
    TimelineFile,
)
from llmstudy.errors import DataError

M = TypeVar("M", bound=BaseModel)
FIX_DATA = Bi("修正数据文件", "fix the data file")

# pydantic's own complaints (English) in Chinese, by error type; its context fills the blanks.
# A type not listed keeps pydantic's words in both languages.
_PYDANTIC_ZH = {
    "missing": "缺少这一项",
    "extra_forbidden": "不认识这一项（拼写错了？）",
    "string_type": "应当是文本",
    "string_too_short": "至少要有 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不对，应当符合 {pattern}",
    "int_type": "应当是整数",
    "int_parsing": "应当是整数",
    "int_from_float": "应当是整数",
    "float_type": "应当是数字",
    "float_parsing": "应当是数字",
    "bool_type": "应当是 true 或 false",
    "bool_parsing": "应当是 true 或 false",
    "list_type": "应当是列表",
    "dict_type": "应当是映射",
    "model_type": "应当是映射",
    "model_attributes_type": "应当是映射",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "literal_error": "应当是 {expected} 之一",
    "greater_than_equal": "应当不小于 {ge}",
    "less_than_equal": "应当不大于 {le}",
    "greater_than": "应当大于 {gt}",
    "less_than": "应当小于 {lt}",
}


# PyYAML's problems (libyaml's words, then the pure-Python parser's) in Chinese; the pattern's
# first group fills {0}. A problem not listed keeps PyYAML's words in both languages.
_TAB_ZH = "缩进里有制表符（YAML 只能用空格缩进）"
_YAML_ZH = (
    (r"mapping values are not allowed (?:here|in this context)", "这里不能写映射的值（冒号后少了空格，或缩进不对？）"),
    (r"block sequence entries are not allowed (?:here|in this context)", "这里不能开始列表项（缩进不对？）"),
    (r"could not find expected ':'", "找不到应有的冒号"),
    (r"found a tab character that violates indentation", _TAB_ZH),
    (r"found character '?(.*?)'? ?that cannot start any token", "这里的字符不能开始一个值"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
    (r"did not find expected node content|expected the node content, but found .*", "这里缺少值"),
    (r"did not find expected key|expected <block end>, but found .*", "缩进不对：这里应当是同一层的键"),
    (r"did not find expected '-' indicator", "这里应当是以“-”开头的列表项"),
    (r"did not find expected ',' or '\]'|expected ',' or '\]', but got .*", "列表里缺少逗号或“]”"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}', but got .*", "映射里缺少逗号或“}”"),
    (r"did not find expected comment or line break|expected a comment or a line break, but found .*", "值的后面应当换行（或写注释）"),
    (r"found unknown escape character.*", "引号里有不认识的转义字符"),
    (r"found undefined alias.*", "引用了没有定义的锚点（*名字）"),
    (r"found undefined tag handle.*", "用了没有定义的标签"),
    (r"could not determine a constructor for the tag (.*)", "不支持的标签 {0}"),
    (r"found unhashable key", "这个键不能当作映射的键"),
    (r"found duplicate %?YAML directive", "%YAML 指令写了两次"),
    (r"second occurrence", "同一个锚点（&名字）定义了两次"),
    (r"invalid YAML", "YAML 格式不对"),
)


def yaml_problem(exc: Exception, text: str) -> Bi:
    """The problem of a ``yaml.YAMLError`` raised on ``text``, in both languages. libyaml does
    not say which character cannot start a token; a tab there is the usual cause, so it is named."""
    import re

    problem = str(getattr(exc, "problem", None) or "invalid YAML")
    mark = getattr(exc, "problem_mark", None)
    at = text[mark.index : mark.index + 1] if mark is not None and isinstance(mark.index, int) else ""
    if at == "\t" and problem.endswith("that cannot start any token"):
        return Bi(_TAB_ZH, problem)
    for pattern, zh in _YAML_ZH:
        m = re.fullmatch(pattern, problem, re.S)
        if m:
            return Bi(zh.replace("{0}", m.group(1)) if "{0}" in zh else zh, problem)
    return Bi(problem, problem)


def pydantic_problem(err: Any) -> Bi:
    """One pydantic error's message in both languages: our validators' own (``schema.invalid``),
    or pydantic's by its type."""
    en = str(err["msg"]).removeprefix("Value error, ")
    ctx = err.get("ctx") or {}
    if err["type"] == "llmstudy":
        return Bi(str(ctx[ZH_KEY]), en)
    zh = _PYDANTIC_ZH.get(err["type"])
    if zh is None:
        return Bi(en, en)
    try:
        return Bi(zh.format(**{k: str(v) for k, v in ctx.items()}), en)
    except (KeyError, IndexError, ValueError):
        return Bi(en, en)


@dataclass(frozen=True)
class Catalog:
    roadmap: Roadmap
    resources: list[Resource]
    timeline: TimelineFile
    questions: list[Question]
    content_hash: str


def load(data_dir: Path) -> Catalog:
    if not data_dir.is_dir():
        raise DataError(
            Bi(f"数据文件夹 {data_dir} 不存在", f"data folder {data_dir} does not exist"),
            hint=Bi(
                "--data 要指向一个包含 roadmap.yaml、resources.yaml 和 timeline.yaml 的文件夹",
                "point --data at a folder with roadmap.yaml, resources.yaml and timeline.yaml",
            ),
        )
    roadmap = _read_model(data_dir / ROADMAP, Roadmap)
    resources = _read_model(data_dir / RESOURCES, ResourceFile).resources
    timeline = _read_model(data_dir / TIMELINE, TimelineFile)
    questions: list[Question] = []
    question_files: list[tuple[str, list[Question]]] = []
    qdir = data_dir / QUESTIONS_DIR
    if qdir.is_dir():
        for path in sorted(qdir.glob("*.yaml")):
            qs = _read_model(path, QuestionFile).questions
            question_files.append((f"{QUESTIONS_DIR}/{path.name}", qs))
            questions += qs
    catalog = Catalog(roadmap, resources, timeline, questions, content_hash(data_dir))
    cross_check(catalog, question_files)
    return catalog


def _read_model(path: Path, model: type[M]) -> M:
    import yaml

    from llmstudy.curriculum.files import read_data_file

    data = read_data_file(path)
    if data is None:
        raise DataError(Bi(f"{path.name}：{path.parent} 里没有这个文件", f"{path.name}: file is missing from {path.parent}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(Bi(f"{path.name}：无法读取（{exc}）", f"{path.name}: cannot read it ({exc})")) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = yaml_problem(exc, text)
        line = f"第 {mark.line + 1} 行：" if mark is not None else ""
        raise DataError(
            Bi(f"{path.name}：{line}{problem.zh}", f"{path.name}:{where}: {problem.en}"), hint=Bi("修正 YAML 语法", "fix the YAML syntax")
        ) from None
    if not isinstance(raw, dict):
        raise DataError(Bi(f"{path.name}：文件顶层应当是映射", f"{path.name}: expected a mapping at the top of the file"))
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        more = len(exc.errors()) - 1
        suffix = Bi(f"（还有 {more} 处问题）", f" (and {more} more problem{'s' if more > 1 else ''})") if more else Bi("", "")
        loc = format_loc(err["loc"], raw)
        problem = pydantic_problem(err)
        raise DataError(
            Bi(f"{path.name}：{loc}：{problem.zh}{suffix.zh}", f"{path.name}: {loc}: {problem.en}{suffix.en}"), hint=FIX_DATA
        ) from None


def format_loc(loc: Sequence[int | str], raw: Any) -> str:
    """``('topics', 3, 'title', 'en')`` → ``topics[3] (attention).title.en``."""
    out = ""
    node: Any = raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(top level)"


def _dupes(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dup: list[str] = []
    for i in ids:
        if i in seen and i not in dup:
            dup.append(i)
        seen.add(i)
    return dup


def cross_check(catalog: Catalog, question_files: Sequence[tuple[str, list[Question]]] = ()) -> None:
    """Raise ``DataError`` for the first cross-reference problem found."""
    rm = catalog.roadmap
    topic_ids = {t.id for t in rm.topics}

    def fail(file: str, where: str, problem: Bi) -> None:
        raise DataError(Bi(f"{file}：{where}：{problem.zh}", f"{file}: {where}: {problem.en}"), hint=FIX_DATA)

    def unknown_topic(tid: str) -> Bi:
        return Bi(f"没有主题 {tid!r}", f"unknown topic {tid!r}")

    def duplicate(zh: str, en: str, d: str) -> Bi:
        return Bi(f"{zh}编号 {d!r} 重复", f"duplicate {en} id {d!r}")

    for d in _dupes(t.id for t in rm.topics):
        fail(ROADMAP, "topics", duplicate("主题", "topic", d))
    for d in _dupes(t.id for t in rm.tracks):
        fail(ROADMAP, "tracks", duplicate("路线", "track", d))
    if rm.default_track not in {t.id for t in rm.tracks}:
        fail(ROADMAP, "default_track", Bi(f"没有路线 {rm.default_track!r}", f"no track {rm.default_track!r}"))

    names: dict[str, str] = {t.id: t.id for t in rm.topics}
    for i, t in enumerate(rm.topics):
        for j, alias in enumerate(t.aliases):
            key = alias.strip().lower()
            owner = names.get(key)
            if owner is not None and owner != t.id:
                fail(ROADMAP, f"topics[{i}] ({t.id}).aliases[{j}]", Bi(f"{alias!r} 已经是 {owner!r} 的别名", f"{alias!r} already names {owner!r}"))
            names[key] = t.id
        for j, p in enumerate(t.prerequisites):
            if p == t.id:
                fail(ROADMAP, f"topics[{i}] ({t.id}).prerequisites[{j}]", Bi("主题不能以自己为前置", "a topic cannot need itself"))
            if p not in topic_ids:
                fail(ROADMAP, f"topics[{i}] ({t.id}).prerequisites[{j}]", unknown_topic(p))
    cycle = find_cycle({t.id: t.prerequisites for t in rm.topics})
    if cycle:
        fail(ROADMAP, "topics", Bi("前置关系成环：" + " → ".join(cycle), "prerequisite cycle: " + " → ".join(cycle)))

    for i, track in enumerate(rm.tracks):
        seen: set[str] = set()
        for j, stage in enumerate(track.stages):
            where = f"tracks[{i}] ({track.id}).stages[{j}]"
            if stage.number != j + 1:
                fail(ROADMAP, f"{where}.number", Bi(f"应为 {j + 1}，实际是 {stage.number}", f"expected {j + 1}, found {stage.number}"))
            for k, st in enumerate(stage.topics):
                if st.topic not in topic_ids:
                    fail(ROADMAP, f"{where}.topics[{k}]", unknown_topic(st.topic))
                if st.topic in seen:
                    fail(ROADMAP, f"{where}.topics[{k}]", Bi(f"{st.topic!r} 已经在这条路线里了", f"{st.topic!r} is already in this track"))
                seen.add(st.topic)
            hours = [st.hours for st in stage.topics]
            if stage.planned_hours is None:
                if any(h is not None for h in hours):
                    fail(ROADMAP, where, Bi("给了主题学时，但这个阶段没有 planned_hours", "topic hours given but no planned_hours for the stage"))
            else:
                if any(h is None for h in hours):
                    fail(ROADMAP, where, Bi("给了 planned_hours，每个主题就都要有学时", "planned_hours given, so every topic needs hours"))
                total = sum(h for h in hours if h is not None)
                if abs(total - stage.planned_hours) > 1e-6:
                    fail(
                        ROADMAP,
                        f"{where}.planned_hours",
                        Bi(f"主题学时合计 {total:g}，不等于 {stage.planned_hours:g}", f"topic hours add up to {total:g}, not {stage.planned_hours:g}"),
                    )

    for d in _dupes(r.id for r in catalog.resources):
        fail(RESOURCES, "resources", duplicate("资源", "resource", d))
    for i, r in enumerate(catalog.resources):
        for j, tid in enumerate(r.topics):
            if tid not in topic_ids:
                fail(RESOURCES, f"resources[{i}] ({r.id}).topics[{j}]", unknown_topic(tid))

    tl = catalog.timeline
    for d in _dupes(e.id for e in tl.eras):
        fail(TIMELINE, "eras", duplicate("时代", "era", d))
    for d in _dupes(e.id for e in tl.events):
        fail(TIMELINE, "events", duplicate("事件", "event", d))
    eras = {e.id: e for e in tl.eras}
    for i, ev in enumerate(tl.events):
        where = f"events[{i}] ({ev.id})"
        era = eras.get(ev.era)
        if era is None:
            fail(TIMELINE, f"{where}.era", Bi(f"没有时代 {ev.era!r}", f"unknown era {ev.era!r}"))
        elif ev.year < era.start or (era.end is not None and ev.year > era.end):
            end = era.end if era.end is not None else "now"
            fail(TIMELINE, f"{where}.date", Bi(f"{ev.date} 不在时代 {era.id}（{era.start}-{end}）之内", f"{ev.date} is outside era {era.id} ({era.start}-{end})"))
        for j, tid in enumerate(ev.topics):
            if tid not in topic_ids:
                fail(TIMELINE, f"{where}.topics[{j}]", unknown_topic(tid))

    all_q = [q for _, qs in question_files for q in qs] or catalog.questions
    for d in _dupes(q.id for q in all_q):
        fail(QUESTIONS_DIR, "questions", duplicate("题目", "question", d))
    for file, qs in question_files:
        for i, q in enumerate(qs):
            if q.topic not in topic_ids:
                fail(file, f"questions[{i}] ({q.id}).topic", unknown_topic(q.topic))


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """Return one cycle (as a path that ends where it starts) or ``None``."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for n in graph:
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def question_problem(doc: object) -> Bi | None:
    """Why ``doc`` is not a valid question (a generated one, from an import), or None if it is."""
    from pydantic import ValidationError

    from llmstudy.curriculum.schema import Question

    try:
        Question.model_validate(doc)
    except ValidationError as exc:
        return pydantic_problem(exc.errors()[0])
    return None
