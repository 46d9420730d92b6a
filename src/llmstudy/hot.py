"""`next` and `log`: the commands typed many times a day.

They run without typer, rich, pydantic, yaml or sqlite_utils on the warm path
(see ``launch``), so everything here imports only light modules. The typer
commands in ``cli`` call these same functions.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from llmstudy.app import Ctx, now, today
from llmstudy.dates import parse_day
from llmstudy.domain import ResourceRec, TopicRec, TrackRec
from llmstudy.durations import format_minutes, parse_duration
from llmstudy.errors import NotFoundError, UsageError
from llmstudy.lookup import resolve_topic
from llmstudy.planner import Recommendation, default_topic, recommend, stage_logged, topic_minutes_in_track
from llmstudy.store import Store
from llmstudy.term import Out
from llmstudy.views import resource_json


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def first_day(store: Store) -> dt.date | None:
    row = store.conn.execute("SELECT min(day) FROM sessions").fetchone()
    return None if row is None or row[0] is None else dt.date.fromisoformat(row[0])


def topic_brief(t: TopicRec, lang: str) -> dict[str, Any]:
    return {"id": t.id, "title": t.title.get(lang)}


def pick_resources(store: Store, topic_id: str, n: int = 3) -> list[ResourceRec]:
    """Two or three resources, preferring variety of kind (a course, a paper, a tool...)."""
    all_r = store.resources(topic_id)
    chosen: list[ResourceRec] = []
    kinds: set[str] = set()
    for r in all_r:
        if r.kind not in kinds and r.kind != "person":
            chosen.append(r)
            kinds.add(r.kind)
        if len(chosen) == n:
            return chosen
    for r in all_r:
        if r not in chosen:
            chosen.append(r)
        if len(chosen) == n:
            break
    return chosen


def next_result(store: Store, track_id: str | None) -> tuple[Recommendation, list[ResourceRec], float | None]:
    """The recommendation, its resources, and the learner's mastery of the topic (None: never quizzed)."""
    day = today()
    track = store.track(track_id)
    rec = recommend(track, store.topics(), store.progress(now()), day, first_day(store))
    if rec.topic is None:
        return rec, [], None
    counts = store.answer_counts(rec.topic.id).get(rec.topic.id)
    mastery = None if not counts else round(counts[0] / counts[1], 2)
    return rec, pick_resources(store, rec.topic.id), mastery


def recommendation_json(
    rec: Recommendation, resources: list[ResourceRec], mastery: float | None, lang: str
) -> dict[str, Any]:
    pos = rec.position
    out: dict[str, Any] = {
        "track": rec.track.id,
        "topic": None,
        "reasons": [r.get(lang) for r in rec.reasons],
        "reviews_due": rec.reviews_due,
        "position": {
            "focus_stage": None if pos.focus_stage is None else pos.focus_stage.number,
            "calendar_stage": pos.calendar_stage,
            "started": None if pos.started is None else pos.started.isoformat(),
            "planned_minutes_to_date": pos.planned_to_date,
            "logged_minutes": pos.logged_in_track,
            "behind_minutes": pos.behind,
        },
    }
    if rec.topic is not None and rec.stage is not None:
        out["topic"] = {
            "id": rec.topic.id,
            "title": rec.topic.title.get(lang),
            "summary": rec.topic.summary.get(lang),
            "stage": rec.stage.number,
            "logged_minutes": rec.topic_logged,
            "planned_minutes": rec.topic_planned,
            "prerequisites": list(rec.topic.prerequisites),
            "mastery": mastery,
        }
        out["stage"] = {
            "number": rec.stage.number,
            "title": rec.stage.title.get(lang),
            "planned_minutes": rec.stage.planned_minutes,
            "logged_minutes": rec.stage_logged,
        }
        out["resources"] = [resource_json(r, lang) for r in resources]
        out["after"] = None if rec.after is None else topic_brief(rec.after, lang)
        out["background"] = [topic_brief(t, lang) for t in rec.background]
    return out


def run_next(ctx: Ctx, lang: str, as_json: bool, track: str | None = None) -> None:
    store = ctx.store()
    try:
        rec, resources, mastery = next_result(store, track)
    finally:
        store.close()
    if as_json:
        _dump(recommendation_json(rec, resources, mastery, lang))
        return
    render_next(rec, resources, mastery, lang, Out())


def stage_label(number: int, zh: bool) -> str:
    return f"第 {number} 阶段" if zh else f"stage {number}"


def render_next(rec: Recommendation, resources: list[ResourceRec], mastery: float | None, lang: str, out: Out) -> None:
    zh = lang == "zh"
    if rec.topic is None or rec.stage is None:
        out.line(("🎉 " if out.color else "") + rec.reasons[0].get(lang), "bold", "green")
        for reason in rec.reasons[1:]:
            out.line(reason.get(lang), indent="  ")
        out.line(
            "试试另一条路线：llmstudy next --track concept-tree"
            if zh
            else "Try another track: llmstudy next --track concept-tree",
            "dim",
        )
        return
    t, st = rec.topic, rec.stage
    head = "下一步" if zh else "Next"
    out.line(f"{head}: {t.title.get(lang)} ({t.id})", "bold", "cyan")
    out.line(
        f"{rec.track.title.get(lang)} · {stage_label(st.number, zh)}: {st.title.get(lang)}",
        "dim",
    )
    out.line()
    out.line(t.summary.get(lang), indent="  ")
    out.line()
    for reason in rec.reasons:
        out.line(f"{'因为' if zh else 'because'} {reason.get(lang)}", indent="    ", first="  ")
    out.line()
    planned = "—" if rec.topic_planned is None else format_minutes(rec.topic_planned)
    out.line(f"{'本主题' if zh else 'Topic'}: {format_minutes(rec.topic_logged)} / {planned}", indent="  ")
    if mastery is not None:
        out.line(
            f"{'掌握度' if zh else 'Mastery'}: {int(mastery * 100)}% {'（最近一次测验）' if zh else '(latest quiz answers)'}",
            indent="  ",
        )
    if st.planned_minutes is not None:
        label = f"第 {st.number} 阶段" if zh else f"Stage {st.number}"
        out.line(f"{label}: {format_minutes(rec.stage_logged)} / {format_minutes(st.planned_minutes)}", indent="  ")
    if rec.background:
        names = ", ".join(b.id for b in rec.background)
        out.line(
            ("背景知识（不在本路线中）：" if zh else "Background (outside this track): ") + names,
            "dim",
            indent="    ",
            first="  ",
        )
    if resources:
        out.line()
        out.line("资源" if zh else "Resources", "bold")
        for r in resources:
            link = f" — {r.link}" if r.link else ""
            out.line(f"- [{r.kind}] {r.title.get(lang)}{link}", indent="    ", first="  ")
    out.line()
    if rec.after is not None:
        out.line(f"{'之后' if zh else 'After that'}: {rec.after.title.get(lang)} ({rec.after.id})", "dim")
    hint = (
        f"学完后：llmstudy log 1h {t.id}  ·  llmstudy quiz {t.id}  ·  llmstudy done {t.id}"
        if zh
        else f"When you have studied: llmstudy log 1h {t.id} · llmstudy quiz {t.id} · llmstudy done {t.id}"
    )
    out.line(hint, "dim")


def week_of(track: TrackRec, topic_id: str) -> int | None:
    stage = track.stage_of(topic_id)
    return None if stage is None else stage.number


def run_log(
    ctx: Ctx,
    lang: str,
    as_json: bool,
    duration: str,
    topic: str | None = None,
    date: str | None = None,
    week: int | None = None,
    note: str | None = None,
) -> None:
    minutes = parse_duration(duration)  # validate everything before opening anything
    day = parse_day(date or "today", today())
    if note is not None:
        note = note.strip() or None
        if note is not None and len(note) > 4000:
            raise UsageError("the note is longer than 4000 characters", hint="keep notes short; link to longer ones")
    store = ctx.store()
    try:
        topics = store.topics()
        weekly = store.track(None)
        chosen_by_next = topic is None
        if topic is None:
            tid = default_topic(weekly, topics, store.progress())
            if tid is None:
                raise NotFoundError(
                    "every topic of the plan is done, so there is no default topic",
                    hint="name the topic: llmstudy log 1h attention",
                )
            t = topics[tid]
        else:
            t = resolve_topic(topic, topics)
        if week is not None and not 1 <= week <= len(weekly.stages):
            raise UsageError(
                f"week {week} is outside the plan",
                hint=f"the {weekly.id} plan has weeks 1-{len(weekly.stages)}",
            )
        wk = week if week is not None else week_of(weekly, t.id)
        session = store.add_session(t.id, minutes, day, wk, note)
        progress = store.progress()
    finally:
        store.close()
    planned = topic_minutes_in_track(weekly, t.id)
    topic_logged = progress.minutes_by_topic.get(t.id, 0)
    stage = None if wk is None else weekly.stages[wk - 1]
    week_logged = 0 if stage is None else stage_logged(weekly, stage, progress)
    if as_json:
        _dump(
            {
                "session": session.as_json(),
                "topic": topic_brief(t, lang),
                "chosen_by_next": chosen_by_next,
                "totals": {
                    "topic": {"logged_minutes": topic_logged, "planned_minutes": planned},
                    "week": None
                    if stage is None
                    else {
                        "week": wk,
                        "logged_minutes": week_logged,
                        "planned_minutes": stage.planned_minutes,
                    },
                },
            }
        )
        return
    out = Out()
    zh = lang == "zh"
    wk_txt = "" if wk is None else (f"，第 {wk} 周" if zh else f", week {wk}")
    if zh:
        out.line(f"已记录 {format_minutes(minutes)}：{t.title.zh} ({t.id})，{session.day}{wk_txt}", "bold", "green")
    else:
        out.line(
            f"Logged {format_minutes(minutes)} on {t.title.en} ({t.id}), {session.day}{wk_txt}",
            "bold",
            "green",
        )
    if chosen_by_next:
        out.line(
            "未指定主题：使用了 `llmstudy next` 推荐的主题"
            if zh
            else "No topic given: used the one `llmstudy next` recommends",
            "dim",
        )
    if note:
        out.line(f"{'笔记' if zh else 'Note'}: {note}", indent="    ", first="  ")
    p = "—" if planned is None else format_minutes(planned)
    out.line(f"{'本主题' if zh else 'Topic'}: {format_minutes(topic_logged)} / {p}", indent="  ")
    if stage is not None and stage.planned_minutes is not None:
        label = f"第 {wk} 周" if zh else f"Week {wk}"
        out.line(f"{label}: {format_minutes(week_logged)} / {format_minutes(stage.planned_minutes)}", indent="  ")
    out.line(("撤销：llmstudy undo" if zh else "Undo with: llmstudy undo") + f"  ·  id {session.id[:8]}", "dim")
