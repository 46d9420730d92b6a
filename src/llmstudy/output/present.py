"""The one way a result reaches the terminal: ``present(result, as_json, lang)``.

JSON goes through one writer; text views are looked up by result type. The hot views
(plain) are imported here; the rich views only when a result needs them, so `next` and
`log` never import rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from llmstudy.actions import results as r
from llmstudy.core.records import Lang
from llmstudy.output import card_views, daily_views, doctor_views, lab_views, plain
from llmstudy.output.terminal import Out

PLAIN: dict[type, Callable[[Any, Lang, Out], None]] = {
    r.NextResult: plain.next_result,
    r.Logged: plain.logged,
    r.PathsResult: plain.paths,
    r.SessionChanged: plain.session_changed,
    r.Undone: plain.undone,
    r.StatusChanged: plain.status_changed,
    r.Exported: plain.exported,
    r.Imported: plain.imported,
    r.Explanation: plain.explanation,
    r.QuizResult: plain.shown_already,
    r.Streamed: plain.shown_already,
    r.LabList: lab_views.lab_list,
    r.LabStarted: lab_views.lab_started,
    r.LabChecked: lab_views.lab_checked,
    r.LabHint: lab_views.lab_hint,
    r.LabSolution: lab_views.lab_solution,
    r.PlanResult: daily_views.plan,
    r.TodayResult: daily_views.today,
    r.TimerResult: daily_views.timer,
    r.ReviewForecast: card_views.review_forecast,
    r.OwnCards: card_views.own_cards,
    r.ExportedCards: card_views.exported_cards,
    r.DoctorResult: doctor_views.doctor,
}
# Result type -> function name in output.rich_views.
RICH = {
    r.RoadmapResult: "roadmap",
    r.TopicList: "topic_list",
    r.TopicDetail: "topic_detail",
    r.TimelineResult: "timeline",
    r.ResourceList: "resource_list",
    r.TreeResult: "tree",
    r.SessionList: "session_list",
    r.StatsResult: "stats",
    r.LlmStatus: "llm_status",
    r.LlmCalls: "llm_calls",
}


def present(result: r.Result, as_json: bool, lang: Lang) -> None:
    if as_json:
        from llmstudy.output.json_views import to_json, write_json

        write_json(to_json(result, lang))
        return
    view = PLAIN.get(type(result))
    if view is not None:
        view(result, lang, Out())
        return
    from llmstudy.output import rich_views

    getattr(rich_views, RICH[type(result)])(result, lang)
