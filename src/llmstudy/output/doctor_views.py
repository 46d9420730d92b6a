"""The text view of `llmstudy doctor`."""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.records import Bi, Lang
from llmstudy.output.terminal import Out

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import Any

DATABASE = Bi("数据库：{path}", "Database: {path}")
INTEGRITY_OK = Bi("SQLite 完整性检查：正常", "SQLite integrity check: ok")
INTEGRITY_BAD = Bi("SQLite 完整性检查发现损坏：", "SQLite integrity check found damage:")
SCHEMA = Bi("结构版本 {schema}（本程序：{expected}）", "Schema version {schema} (this llmstudy: {expected})")
INVALID = Bi("无效的行：{rows}", "Invalid rows: {rows}")
NO_INVALID = Bi("没有无效的行", "No invalid rows")
ORPHANS = Bi("课程中已没有其主题的行（保留）：{rows}", "Rows whose topic the curriculum no longer has (kept): {rows}")
QUARANTINED = Bi("隔离表中保存的行：{n}", "Rows kept aside in the quarantine table: {n}")
REPAIRED = Bi("已移入隔离表：{rows}", "Moved into the quarantine table: {rows}")
HEALTHY = Bi("一切正常。", "All is well.")
REPAIR_HINT = Bi(
    "llmstudy doctor --repair 把无效的行移入隔离表（不删除）；读取命令已跳过它们",
    "llmstudy doctor --repair moves invalid rows into a quarantine table (nothing is deleted); reading commands skip them already",
)
DAMAGED_HINT = Bi(
    "数据库已损坏：用 llmstudy export 备份还能读出的内容，再导入到新文件",
    "the file is damaged: save what can be read with llmstudy export and import it into a new file",
)


def _rows(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {n}" for table, n in counts.items() if n)


def doctor(x: r.DoctorResult, lang: Lang, out: Out) -> None:
    out.line(DATABASE.format(lang, path=x.path))
    if x.integrity == ("ok",):
        out.line(INTEGRITY_OK.get(lang))
    else:
        out.line(INTEGRITY_BAD.get(lang), "red")
        for problem in x.integrity:
            out.line(problem, indent="  ")
        out.line(DAMAGED_HINT.get(lang))
    out.line(SCHEMA.format(lang, schema=x.schema, expected=x.expected_schema))
    if x.repaired is not None and any(x.repaired.values()):
        out.line(REPAIRED.format(lang, rows=_rows(x.repaired)), "green")
    if any(x.invalid.values()):
        out.line(INVALID.format(lang, rows=_rows(x.invalid)), "yellow")
        out.line(REPAIR_HINT.get(lang))
    else:
        out.line(NO_INVALID.get(lang))
    if any(x.orphans.values()):
        out.line(ORPHANS.format(lang, rows=_rows(x.orphans)))
    if x.quarantined:
        out.line(QUARANTINED.format(lang, n=x.quarantined))
    if x.healthy:
        out.line(HEALTHY.get(lang), "green")


def doctor_json(x: r.DoctorResult, lang: Lang) -> dict[str, Any]:
    return {
        "path": str(x.path),
        "healthy": x.healthy,
        "integrity": list(x.integrity),
        "schema": x.schema,
        "expected_schema": x.expected_schema,
        "invalid": x.invalid,
        "orphans": x.orphans,
        "quarantined": x.quarantined,
        "repaired": x.repaired,
    }
