"""Text views of the labs: the list, a started lab's task, a check's report, hints, the solution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmstudy.actions import results as r
from llmstudy.core.records import Bi, LabState, Lang
from llmstudy.output.terminal import Out

if TYPE_CHECKING:
    from llmstudy.labs.catalog import Lab

STATUS = {"new": Bi("未开始", "new"), "started": Bi("进行中", "started"), "passed": Bi("已通过", "passed")}
ATTEMPTS = Bi("{n} 次检查", "{n} check{s}")
WROTE = Bi("已创建练习文件：{path}", "Wrote your lab file: {path}")
KEPT = Bi("你的练习文件已经存在，保持不变：{path}", "Your lab file is already there, unchanged: {path}")
BACKUP = Bi("旧文件已备份到：{path}", "The old file is backed up at: {path}")
THEN = Bi("完成后运行：llmstudy lab check {id}    需要提示：llmstudy lab hint {id}",
          "Then run: llmstudy lab check {id}    Stuck? llmstudy lab hint {id}")  # fmt: skip
PASSED = Bi("✓ 全部 {n} 项检查通过", "✓ all {n} checks passed")
FIRST_PASS = Bi(
    "第一次通过！参考答案：llmstudy lab solution {id}", "First pass! Compare with: llmstudy lab solution {id}"
)
FAILED = Bi("{ok}/{n} 项检查通过", "{ok}/{n} checks passed")
HINT_AFTER = Bi("卡住了？llmstudy lab hint {id}", "Stuck? llmstudy lab hint {id}")
HINT = Bi("提示 {n}/{total}", "Hint {n}/{total}")
LAST_HINT = Bi("这是最后一条提示。", "That was the last hint.")
PRINTED = Bi("你的代码输出了：", "Your code printed:")
NOT_RUN = Bi("未运行", "not run")


def _title(lab: Lab, lang: Lang) -> str:
    return Bi(lab.title_zh, lab.title_en).get(lang)


def status_of(state: LabState | None) -> str:
    if state is None:
        return "new"
    return "passed" if state.passed_at else "started"


def lab_list(x: r.LabList, lang: Lang, out: Out) -> None:
    for lab, state in x.rows:
        status = status_of(state)
        mark = {"new": "·", "started": "▶", "passed": "✓"}[status]
        style = ("green",) if status == "passed" else ()
        attempts = "" if state is None else "  " + ATTEMPTS.format(lang, n=state.attempts)
        out.line(f"{mark} {lab.id:<22} {STATUS[status].get(lang)}{attempts}", *style)
        out.line(f"{_title(lab, lang)} · {lab.topic}", "dim", indent="    ", first="    ")


def lab_started(x: r.LabStarted, lang: Lang, out: Out) -> None:
    out.line(_title(x.lab, lang), "bold", "cyan")
    out.line()
    for para in Bi(x.lab.task_zh, x.lab.task_en).get(lang).strip().split("\n"):
        out.line(para, indent="  ", first="  ")
    out.line()
    out.line((KEPT if x.existed else WROTE).format(lang, path=x.path), "bold")
    if x.backup is not None:
        out.line(BACKUP.format(lang, path=x.backup), "dim")
    out.line(THEN.format(lang, id=x.lab.id), "dim")


def lab_checked(x: r.LabChecked, lang: Lang, out: Out) -> None:
    run = x.run
    out.line(f"{_title(x.lab, lang)} ({x.path})", "bold")
    if run.error:
        out.line(f"✗ {run.error.get(lang)}", "red")
        for line in run.error_frames(lang):
            out.line(line, "dim", indent="      ", first="    ")
    for c in run.checks:
        desc = Bi(c.description_zh or c.description, c.description).get(lang)
        out.bullet(desc, "✓" if c.passed else "✗", "green" if c.passed else "red")
        if not c.passed and c.message.get(lang):
            out.line(c.message.get(lang), indent="      ", first="    ")
            for line in c.frames(lang):
                out.line(line, "dim", indent="      ", first="    ")
    if run.output:
        out.line(PRINTED.get(lang), "dim")
        for line in run.output.splitlines()[:20]:
            out.line(line, "dim", indent="    ", first="    ")
    ok = sum(1 for c in run.checks if c.passed)
    if run.passed:
        out.line(PASSED.format(lang, n=len(run.checks)), "bold", "green")
        if x.first_pass:
            out.line(FIRST_PASS.format(lang, id=x.lab.id), "dim")
    else:
        out.line(FAILED.format(lang, ok=ok, n=len(run.checks)), "bold", "yellow")
        out.line(HINT_AFTER.format(lang, id=x.lab.id), "dim")


def lab_hint(x: r.LabHint, lang: Lang, out: Out) -> None:
    zh, en = x.lab.hints[x.number - 1]
    out.line(HINT.format(lang, n=x.number, total=x.total), "bold")
    out.line(Bi(zh, en).get(lang), indent="  ", first="  ")
    if x.number == x.total:
        out.line(LAST_HINT.get(lang), "dim")


def lab_solution(x: r.LabSolution, lang: Lang, out: Out) -> None:
    out.raw(x.source.rstrip("\n"))
