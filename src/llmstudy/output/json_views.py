"""`--json`: every result type's JSON shape, and the one writer. Plain JSON, no colour.

The shapes are the program's public interface for scripts: change them only on purpose.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from llmstudy.actions import results as r
from llmstudy.core.records import (
    Bi,
    Change,
    ExplanationRec,
    Lang,
    NoteRec,
    OwnCard,
    ResourceRec,
    Session,
    StatusRec,
    TimerRec,
    TopicRec,
)
from llmstudy.core.redaction import display_url
from llmstudy.output.doctor_views import doctor_json

TYPE_CHECKING = False  # typing is not imported at run time: see core/record.py
if TYPE_CHECKING:
    from typing import Any


def write_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _hours(minutes: int | None) -> float | None:
    return None if minutes is None else round(minutes / 60, 2)


def _opt(b: Bi | None, lang: Lang) -> str | None:
    return None if b is None else b.get(lang)


def topic_brief(t: TopicRec, lang: Lang) -> dict[str, Any]:
    return {"id": t.id, "title": t.title.get(lang)}


def resource(res: ResourceRec, lang: Lang) -> dict[str, Any]:
    return {"id": res.id, "kind": res.kind, "title": res.title.get(lang), "url": res.link, "language": res.language}


def resource_full(res: ResourceRec, lang: Lang) -> dict[str, Any]:
    return resource(res, lang) | {
        "rank": res.rank,
        "summary": _opt(res.summary, lang),
        "year": res.year,
        "arxiv": res.arxiv,
        "topics": list(res.topics),
    }


def session(s: Session) -> dict[str, Any]:
    return {
        "id": s.id,
        "topic": s.topic,
        "minutes": s.minutes,
        "date": s.day,
        "week": s.week,
        "note": s.note,
        "created_at": s.created_at,
    }


def next_result(x: r.NextResult, lang: Lang) -> dict[str, Any]:
    rec, pos = x.rec, x.rec.position
    out: dict[str, Any] = {
        "track": rec.track.id,
        "topic": None,
        "reasons": [reason.get(lang) for reason in rec.reasons],
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
            "mastery": x.mastery,
        }
        out["stage"] = {
            "number": rec.stage.number,
            "title": rec.stage.title.get(lang),
            "planned_minutes": rec.stage.planned_minutes,
            "logged_minutes": rec.stage_logged,
        }
        out["resources"] = [resource(res, lang) for res in x.resources]
        out["after"] = None if rec.after is None else topic_brief(rec.after, lang)
        out["background"] = [topic_brief(t, lang) for t in rec.background]
        out["labs"] = list(x.labs)
    return out


def logged(x: r.Logged, lang: Lang) -> dict[str, Any]:
    return {
        "session": session(x.session),
        "topic": topic_brief(x.topic, lang),
        "chosen_by_next": x.chosen_by_next,
        "totals": {
            "topic": {"logged_minutes": x.topic_logged, "planned_minutes": x.topic_planned},
            "week": None if x.week is None else x.week._asdict(),
        },
    }


def paths(x: r.PathsResult, lang: Lang) -> dict[str, Any]:
    return {"db": str(x.db), "db_from": x.db_from, "config": str(x.config), "data": str(x.data), "labs": str(x.labs)}


def roadmap(x: r.RoadmapResult, lang: Lang) -> dict[str, Any]:
    from llmstudy.core.planner import stage_logged

    out: dict[str, Any] = {"weeks": [], "tracks": []}
    for track in x.tracks:
        stages = [
            {
                "number": s.number,
                "title": s.title.get(lang),
                "summary": s.summary.get(lang),
                "planned_hours": _hours(s.planned_minutes),
                "logged_hours": _hours(stage_logged(track, s, x.progress)),
                "topics": [st.topic for st in s.topics],
                "labs": [{"id": lab, "passed": passed} for st in s.topics for lab, passed in x.labs.get(st.topic, ())],
            }
            for s in track.stages
        ]
        if track.is_default:
            out["weeks"] = [
                {"week": s["number"]} | {k: s[k] for k in ("title", "planned_hours", "logged_hours", "topics", "labs")}
                for s in stages
            ]
        out["tracks"].append(
            {"id": track.id, "title": track.title.get(lang), "default": track.is_default, "stages": stages}
        )
    return out


def topic_row(row: r.TopicRow, lang: Lang) -> dict[str, Any]:
    t = row.topic
    return {
        "id": t.id,
        "title": t.title.get(lang),
        "week": row.week,
        "prerequisites": list(t.prerequisites),
        "planned_hours": _hours(row.planned_minutes),
        "status": row.status,
        "logged_minutes": row.logged_minutes,
    }


def topic_list(x: r.TopicList, lang: Lang) -> list[dict[str, Any]]:
    return [topic_row(row, lang) for row in x.rows]


def topic_detail(x: r.TopicDetail, lang: Lang) -> dict[str, Any]:
    t, row = x.row.topic, x.row
    return {
        "id": t.id,
        "title": t.title.get(lang),
        "aliases": list(t.aliases),
        "summary": t.summary.get(lang),
        "key_points": [k.get(lang) for k in t.key_points],
        "analogy": _opt(t.analogy, lang),
        "prerequisites": [{"id": p.id, "title": p.title.get(lang), "status": status} for p, status in x.prerequisites],
        "leads_to": list(x.leads_to),
        "week": row.week,
        "status": row.status,
        "logged_minutes": row.logged_minutes,
        "planned_minutes": row.planned_minutes,
        "resources": [resource(res, lang) for res in x.resources],
        "sources": [{"title": s.title, "url": s.link} for s in t.sources],
        "notes": [note(n) for n in x.notes],
        "explanations": [explanation_attempt(e, lang) for e in x.explanations],
        "labs": [
            {"lab": lab.lab, "passed": lab.passed_at is not None, "attempts": lab.attempts, "hints": lab.hints_shown}
            for lab in x.labs
        ],
        "sessions": [session(s) for s in x.sessions],
    }


def note(n: NoteRec) -> dict[str, Any]:
    return n._asdict()


def explanation_attempt(e: ExplanationRec, lang: Lang) -> dict[str, Any]:
    return {
        "id": e.id,
        "topic": e.topic,
        "text": e.text,
        "score": e.score,
        "source": e.source,
        "model": e.model,
        "covered": [k.get(lang) for k in e.feedback.covered],
        "missing": [k.get(lang) for k in e.feedback.missing],
        "wrong": [{"statement": w, "correction": c} for w, c in e.feedback.wrong],
        "created_at": e.created_at,
    }


def teach_result(x: r.TeachResult, lang: Lang) -> dict[str, Any]:
    return explanation_attempt(x.attempt, lang) | {
        "fallback_reason": x.fallback,
        "points": [
            {
                "text": p.point.get(lang),
                "covered": p.covered,
                "coverage": p.coverage,
                "terms": list(p.terms),
                "found": list(p.found),
            }
            for p in x.coverage.points
        ],
    }


def teach_history(x: r.TeachHistory, lang: Lang) -> list[dict[str, Any]]:
    return [explanation_attempt(e, lang) for e in x.attempts]


def note_changed(x: r.NoteChanged, lang: Lang) -> dict[str, Any]:
    return {x.verb: note(x.note)}


def note_list(x: r.NoteList, lang: Lang) -> list[dict[str, Any]]:
    return [note(n) for n in x.notes]


def search(x: r.SearchResult, lang: Lang) -> dict[str, Any]:
    return {
        "query": x.query,
        "kind": x.kind,
        "hits": [
            {
                "kind": h.kind,
                "id": h.ref,
                "topic": h.topic,
                "title": h.title.get(lang) or None,
                "text": h.body,
                "at": h.at,
                "command": h.command,
            }
            for h in x.hits
        ],
    }


def markdown_exported(x: r.MarkdownExported, lang: Lang) -> dict[str, Any]:
    return {"directory": str(x.directory), "files": [str(f) for f in x.files]}


def timeline(x: r.TimelineResult, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "date": e.date,
            "title": e.title.get(lang),
            "summary": e.summary.get(lang),
            "era": e.era,
            "topics": list(e.topics),
            "source": {"title": e.source.title, "url": e.source.link, "arxiv": e.source.arxiv},
            "erratum": _opt(e.erratum, lang),
        }
        for e in x.events
    ]


def resource_list(x: r.ResourceList, lang: Lang) -> list[dict[str, Any]]:
    return [resource_full(res, lang) for res in x.items]


def tree(x: r.TreeResult, lang: Lang) -> list[dict[str, Any]]:
    return [
        {"id": t.id, "title": t.title.get(lang), "prerequisites": list(t.prerequisites), "status": x.progress.status(t.id)}
        for t in x.topics.values()
    ]


def session_list(x: r.SessionList, lang: Lang) -> list[dict[str, Any]]:
    return [{k: v for k, v in session(s).items() if k != "created_at"} for s in x.sessions]


def session_changed(x: r.SessionChanged, lang: Lang) -> dict[str, Any]:
    return {x.verb: session(x.session)}


def _journal_doc(rec: Session | StatusRec | NoteRec | OwnCard | None) -> dict[str, Any] | None:
    if rec is None:
        return None
    if isinstance(rec, Session):
        return session(rec) | {"updated_at": rec.updated_at}
    return rec._asdict()


def undone(x: r.Undone, lang: Lang) -> dict[str, Any]:
    c: Change | None = x.change
    if c is None:
        return {"undone": None}
    doc: dict[str, Any] = {
        "action": c.action,
        "kind": c.kind,
        "key": c.key,
        "at": c.at,
        "restored": _journal_doc(c.before),
        "reverted": _journal_doc(c.after),
    }
    if c.kind == "import":
        doc |= {"added": c.added, "updated": c.updated}
    return {"undone": doc}


def status_changed(x: r.StatusChanged, lang: Lang) -> dict[str, Any]:
    return {"topic": x.topic.id, "status": x.status, "previous": x.previous}


def stats(x: r.StatsResult, lang: Lang) -> dict[str, Any]:
    s = x.stats
    return {
        "total_minutes": s.total_minutes,
        "by_topic": s.by_topic,
        "by_roadmap_week": {
            str(w.number): {
                "title": w.title.get(lang),
                "planned_minutes": w.planned_minutes,
                "logged_minutes": w.logged_minutes,
            }
            for w in s.by_roadmap_week
        },
        "by_calendar_week": [{"week_start": d.isoformat(), "minutes": m} for d, m in s.by_calendar_week],
        "streak_days": s.streak_days,
        "streak_threshold_minutes": s.streak_threshold,
        "heatmap": {"start": s.heatmap_start.isoformat(), "rows": s.heatmap},
        "reviews_due": s.reviews_due,
        "mastery": s.mastery,
        "labs": {"passed": x.labs_passed, "started": x.labs_started, "total": x.labs_total},
    }


def exported(x: r.Exported, lang: Lang) -> dict[str, Any]:
    return x.document


def imported(x: r.Imported, lang: Lang) -> dict[str, Any]:
    return {"added": x.added, "updated": x.updated}


def quiz(x: r.QuizResult, lang: Lang) -> dict[str, Any]:
    from llmstudy.core.cards import Shown, correct_answer, given_text

    origin = dict(x.origins)
    out: dict[str, Any] = {
        "topic": x.topic,
        "source": x.source,
        "asked": len(x.items),
        "correct": sum(1 for it in x.items if it.correct),
        "items": [
            {
                "id": it.question.id,
                "topic": it.question.topic,
                "kind": it.question.kind,
                "prompt": it.question.prompt.get(lang),
                "given": given_text(it.question, it.given, lang),
                "option": int(it.given) if it.question.kind == "choice" else None,  # original index
                "correct": it.correct,
                "answer": correct_answer(it.question, lang, Shown(it.question, it.order)),
                "explanation": it.question.explanation.get(lang),
                "rating": it.rating,
                "next_due": it.next_due.isoformat(),
                "source": origin.get(it.question.id, x.source),
            }
            for it in x.items
        ],
        "skipped": [{"id": q.id, "given": line} for q, line in x.skipped],
        "interrupted": x.interrupted,
    }
    if x.source == "review":
        out["remaining"] = x.remaining
        out["daily_limit_reached"] = x.daily_limit is not None
    if x.fallback_reason:
        out["fallback_reason"] = x.fallback_reason
    return out


def review_forecast(x: r.ReviewForecast, lang: Lang) -> dict[str, Any]:
    return {
        "due_now": x.due_now,
        "days": [{"date": d.isoformat(), "due": n} for d, n in x.days],
        "cards": x.cards,
        "daily_limit": x.daily_limit,
        "reviewed_today": x.done_today,
    }


def own_card(c: OwnCard) -> dict[str, Any]:
    return c._asdict()


def own_cards(x: r.OwnCards, lang: Lang) -> Any:
    if x.verb is None:
        return [own_card(c) for c in x.cards]
    return {x.verb: own_card(x.cards[0])}


def exported_cards(x: r.ExportedCards, lang: Lang) -> dict[str, Any]:
    return {"format": x.format, "path": None if x.path is None else str(x.path), "notes": x.notes, "decks": list(x.decks)}


def explanation(x: r.Explanation, lang: Lang) -> dict[str, Any]:
    t = x.topic
    out: dict[str, Any] = {"id": t.id, "title": t.title.get(lang), "level": x.level, "summary": t.summary.get(lang)}
    if x.level != "child":
        out["key_points"] = [k.get(lang) for k in t.key_points]
    if x.level != "expert":
        out["analogy"] = _opt(t.analogy, lang)
    if x.level == "expert":
        out["sources"] = [{"title": s.title, "link": s.link} for s in t.sources]
    return out


def streamed(x: r.Streamed, lang: Lang) -> dict[str, Any]:
    return {"chars": x.chars}


def llm_status(x: r.LlmStatus, lang: Lang) -> dict[str, Any]:
    d = x._asdict() | {"config_file": str(x.config_file), "base_url": display_url(x.base_url)}
    if not x.configured:
        for k in r.MODEL_FIELDS:
            del d[k]
    return d


def llm_calls(x: r.LlmCalls, lang: Lang) -> list[dict[str, Any]]:
    return list(x.calls)


def llm_check(x: r.LlmCheck, lang: Lang) -> dict[str, Any]:
    tps = x.tokens_per_second
    return {
        "model": x.model,
        "base_url": x.base_url,
        "timeout_seconds": x.timeout_seconds,
        "reachable": x.reachable,
        "error": x.error,
        "listed": list(x.listed),
        "model_listed": x.model_listed,
        "modes": {m.mode: {"works": m.works, "detail": m.detail} for m in x.modes},
        "mode": x.mode,
        "sample": None if x.sample is None else x.sample._asdict(),
        "knowledge": None if x.knowledge is None else {"right": x.knowledge[0], "asked": x.knowledge[1]},
        "tokens_per_second": None if tps is None else round(tps, 1),
        "verdict": x.verdict,
        "advice": [a.get(lang) for a in x.advice],
    }


def lab_list(x: r.LabList, lang: Lang) -> list[dict[str, Any]]:
    from llmstudy.output.lab_views import status_of

    return [
        {
            "id": lab.id,
            "topic": lab.topic,
            "title": Bi(lab.title_zh, lab.title_en).get(lang),
            "status": status_of(state),
            "attempts": 0 if state is None else state.attempts,
        }
        for lab, state in x.rows
    ]


def lab_started(x: r.LabStarted, lang: Lang) -> dict[str, Any]:
    return {
        "lab": x.lab.id,
        "path": str(x.path),
        "kept_existing": x.existed,
        "backup": None if x.backup is None else str(x.backup),
        "task": Bi(x.lab.task_zh, x.lab.task_en).get(lang),
    }


def lab_checked(x: r.LabChecked, lang: Lang) -> dict[str, Any]:
    run = x.run
    return {
        "lab": x.lab.id,
        "path": str(x.path),
        "passed": run.passed,
        "first_pass": x.first_pass,
        "error": None if run.error is None else run.error.get(lang),
        "error_kind": run.error_kind,
        "checks": [
            {
                "name": c.name,
                "description": Bi(c.description_zh or c.description, c.description).get(lang),
                "passed": c.passed,
                "message": c.message.get(lang),
                "traceback": list(c.frames(lang)),
            }
            for c in run.checks
        ],
    }


def lab_hint(x: r.LabHint, lang: Lang) -> dict[str, Any]:
    zh, en = x.lab.hints[x.number - 1]
    return {"lab": x.lab.id, "number": x.number, "total": x.total, "hint": Bi(zh, en).get(lang)}


def lab_solution(x: r.LabSolution, lang: Lang) -> dict[str, Any]:
    return {"lab": x.lab.id, "source": x.source}


def plan(x: r.PlanResult, lang: Lang) -> dict[str, Any]:
    pos = x.position
    return {
        "start": x.start.isoformat() if x.started else None,
        "start_chosen": x.settings.start_chosen,
        "hours_per_week": None if x.settings.minutes_per_week is None else round(x.settings.minutes_per_week / 60, 2),
        "track": x.track.id,
        "stages": [
            {
                "number": sd.stage.number,
                "title": sd.stage.title.get(lang),
                "start": sd.start.isoformat(),
                "end": sd.end.isoformat(),
                "hours": round(sd.minutes / 60, 2),
            }
            for sd in x.stages
        ],
        "finish": x.stages[-1].end.isoformat() if x.stages else None,
        "planned_minutes_to_date": pos.planned_to_date,
        "logged_minutes": pos.logged_in_track,
        "behind_minutes": pos.behind,
    }


def timer_doc(t: TimerRec | None) -> dict[str, Any] | None:
    return None if t is None else {"topic": t.topic, "started": t.started}


def today(x: r.TodayResult, lang: Lang) -> dict[str, Any]:
    rec = x.next.rec
    return {
        "topic": None if rec.topic is None else topic_brief(rec.topic, lang),
        "labs": list(x.next.labs),
        "reviews_due": rec.reviews_due,
        "planned_minutes": x.planned_minutes,
        "logged_minutes": x.logged_minutes,
        "streak_days": x.streak_days,
        "streak_at_risk": x.streak_at_risk,
        "timer": timer_doc(x.timer),
    }


def timer(x: r.TimerResult, lang: Lang) -> dict[str, Any]:
    return {
        "action": x.action,
        "timer": timer_doc(x.timer),
        "elapsed_minutes": x.elapsed_minutes,
        "logged": None if x.logged is None else logged(x.logged, lang),
    }


VIEWS: dict[type, Callable[[Any, Lang], Any]] = {
    r.NextResult: next_result,
    r.Logged: logged,
    r.PathsResult: paths,
    r.RoadmapResult: roadmap,
    r.TopicList: topic_list,
    r.TopicDetail: topic_detail,
    r.TimelineResult: timeline,
    r.ResourceList: resource_list,
    r.TreeResult: tree,
    r.SessionList: session_list,
    r.SessionChanged: session_changed,
    r.Undone: undone,
    r.StatusChanged: status_changed,
    r.StatsResult: stats,
    r.Exported: exported,
    r.Imported: imported,
    r.QuizResult: quiz,
    r.ReviewForecast: review_forecast,
    r.OwnCards: own_cards,
    r.ExportedCards: exported_cards,
    r.Explanation: explanation,
    r.Streamed: streamed,
    r.LlmStatus: llm_status,
    r.LlmCalls: llm_calls,
    r.LlmCheck: llm_check,
    r.LabList: lab_list,
    r.LabStarted: lab_started,
    r.LabChecked: lab_checked,
    r.LabHint: lab_hint,
    r.LabSolution: lab_solution,
    r.PlanResult: plan,
    r.TodayResult: today,
    r.TimerResult: timer,
    r.TeachResult: teach_result,
    r.TeachHistory: teach_history,
    r.NoteChanged: note_changed,
    r.NoteList: note_list,
    r.SearchResult: search,
    r.MarkdownExported: markdown_exported,
    r.DoctorResult: doctor_json,
}


def to_json(result: r.Result, lang: Lang) -> Any:
    return VIEWS[type(result)](result, lang)
