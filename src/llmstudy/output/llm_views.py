"""Views of the optional model: `llm status`, `llm check` and `llm log`, drawn without rich.
What a server sent (model names, errors, prompts and replies) is cleaned like any text we did
not write.
"""

from __future__ import annotations

import datetime as dt

from llmstudy.actions import results as r
from llmstudy.core.dates import when
from llmstudy.core.records import Bi, Lang
from llmstudy.core.redaction import display_url
from llmstudy.output.terminal import Out, clean
from llmstudy.output.words import COLON

# `llm status`: English keeps the field names (as --json has them); Chinese reads as words.
STATUS_LABELS = {
    "configured": Bi("已配置", "configured"),
    "model": Bi("模型", "model"),
    "base_url": Bi("服务地址", "base_url"),
    "api_key": Bi("API 密钥", "api_key"),
    "api_key_from": Bi("密钥来源", "api_key_from"),
    "timeout_seconds": Bi("超时（秒）", "timeout_seconds"),
    "config_file": Bi("配置文件", "config_file"),
    "remembered_mode": Bi("记住的输出模式", "remembered_mode"),
    "blanks": Bi("填空题", "blanks"),
    "curated_answered": Bi("题库题答对", "curated_answered"),
    "writes_own_questions": Bi("自己出题", "writes_own_questions"),
    "endpoint": Bi("服务", "endpoint"),
}
STATUS_VALUES = {
    "True": Bi("是", "True"),
    "False": Bi("否", "False"),
    "set": Bi("已设置", "set"),
    "not set": Bi("未设置", "not set"),
    "env": Bi("环境变量", "env"),
    "config": Bi("配置文件", "config"),
    "none": Bi("无", "none"),
}
CHECK_REACHABLE = Bi("连接", "Reachable")
CHECK_LISTED = Bi("模型在列表中", "Model listed")
CHECK_MODES = Bi("结构化输出", "Structured output")
CHECK_SAMPLE = Bi("样题", "Sample question")
CHECK_KNOWLEDGE = Bi("题库题（不给答案）", "Curated questions")
CHECK_ANSWERED = Bi("答对 {right}/{asked}（瞎猜约 1/4）", "{right}/{asked} answered right (guessing: 1 in 4)")
CHECK_SPEED = Bi("{s:.1f} 秒，{tps}", "{s:.1f} s, {tps}")
CHECK_VALID = Bi("有效", "valid")
CHECK_INVALID = Bi("无效", "invalid")
CHECK_KEPT = Bi("答案核对通过", "key check passed")
CHECK_REJECTED = Bi("答案核对未通过", "key check failed")
CHECK_VERDICT = Bi("结论", "Verdict")
VERDICTS = {
    "good": Bi(
        "可用：模型通过题库题的测量后，测验会使用它自己出的题（经核对）。",
        "Good: once the model passes the curated-question measure, quizzes use its own questions (checked).",
    ),
    "slow": Bi("可用但慢：学习者要等模型出题。", "Works, but slowly: the learner waits for each question."),
    "weak": Bi("勉强：它自己出的题多半会被丢弃，测验以填空题为主。", "Weak: most questions of its own will be dropped; quizzes give mostly fill-in-the-blank questions."),
    "unusable": Bi("不可用：测验会使用离线题库。", "Unusable: quizzes will use the offline bank."),
}
YES_NO = {True: Bi("是", "yes"), False: Bi("否", "no"), None: Bi("未列出任何模型", "the endpoint lists no models")}
NO_CALLS = Bi("还没有调用过模型。", "No LLM calls yet.")
OFFLINE_ADVICE = Bi(
    "离线：测验使用内置题库。要使用模型，请设置 LLMSTUDY_MODEL 和 OPENAI_API_KEY（本地服务器如 Ollama 则设置 OPENAI_BASE_URL）。",
    "Offline: quizzes use the curated bank. To use a model, set LLMSTUDY_MODEL and OPENAI_API_KEY "
    "(or OPENAI_BASE_URL for a local server such as Ollama).",
)


def llm_status(x: r.LlmStatus, lang: Lang, out: Out) -> None:
    rows = x._asdict() | {"base_url": display_url(x.base_url)}  # never a URL's userinfo or query
    if not x.configured:
        for k in r.MODEL_FIELDS:
            del rows[k]
    for k, v in rows.items():
        label = STATUS_LABELS[k].get(lang) if k in STATUS_LABELS else k
        value = STATUS_VALUES.get(str(v), Bi(str(v), str(v))).get(lang) if v is not None else "—"
        out.item(label, "", [(value, ())], 17)
    if not x.configured:
        out.line()
        out.line(OFFLINE_ADVICE.get(lang))


def llm_check(x: r.LlmCheck, lang: Lang, out: Out) -> None:
    out.line(f"{x.model} @ {x.base_url}", "bold")
    rows: list[tuple[str, str, str]] = [
        (CHECK_REACHABLE.get(lang), YES_NO[x.reachable].get(lang), "green" if x.reachable else "red"),
    ]
    if x.reachable:
        rows.append((CHECK_LISTED.get(lang), YES_NO[x.model_listed].get(lang), "green" if x.model_listed else "yellow"))
    for m in x.modes:
        mark = "✓" if m.works else "✗"
        rows.append((f"{CHECK_MODES.get(lang)} {m.mode}", f"{mark} {m.detail}", "green" if m.works else "yellow"))
    if x.sample is not None:
        s = x.sample
        tps = x.tokens_per_second
        speed = CHECK_SPEED.format(lang, s=s.seconds, tps="—" if tps is None else f"{tps:.1f} tok/s")
        state = (CHECK_VALID if s.valid else CHECK_INVALID).get(lang)
        if s.valid:
            state += ", " + (CHECK_KEPT if s.kept else CHECK_REJECTED).get(lang)
        detail = f"{speed}; {state}" + (f" ({s.problem})" if s.problem else "")
        rows.append((CHECK_SAMPLE.get(lang), detail, "green" if s.kept else "yellow"))
    if x.knowledge is not None:
        right, asked = x.knowledge
        rows.append((CHECK_KNOWLEDGE.get(lang), CHECK_ANSWERED.format(lang, right=right, asked=asked), "green" if r.knows_enough(right, asked) else "yellow"))
    if x.error:
        rows.append(("error", x.error, "red"))
    for label, value, style in rows:
        out.item(label, "", [(value, (style,))], 25)
    style = {"good": "green", "slow": "yellow", "weak": "yellow"}.get(x.verdict, "red")
    out.line()
    head = f"{CHECK_VERDICT.get(lang)}{COLON.get(lang)}"
    out.raw(out.style(head, "bold") + out.style(clean(VERDICTS[x.verdict].get(lang)), style))
    for a in x.advice:
        out.line(f"- {a.get(lang)}", indent="  ")


def llm_calls(x: r.LlmCalls, lang: Lang, out: Out) -> None:
    if not x.calls:
        out.line(NO_CALLS.get(lang))
        return
    for c in x.calls:
        tokens = f"{c['prompt_tokens'] or 0}+{c['completion_tokens'] or 0} tok"
        at = c["at"][:19] if x.now is None else when(dt.datetime.fromisoformat(c["at"]), x.now, lang)
        head = clean(f"{at} {c['purpose']:<7} {c['model']} @ {c['host']} [{c['mode']}] {tokens} {c['latency_ms']} ms ")
        status = clean(f"error: {c['error']}" if c["error"] else "ok")
        out.marked(head + status, [(len(head), len(head) + len(status))], "", "", "red" if c["error"] else "green")
        if x.full:
            out.item("  prompt:", "dim", [((c["prompt"] or "")[:2000].strip(), ())], 10)
            out.item("  reply:", "dim", [((c["response"] or "")[:2000].strip(), ())], 10)
