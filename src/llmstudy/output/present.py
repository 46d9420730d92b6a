"""The one way a result reaches the terminal: ``present(result, as_json, lang)``.

JSON goes through one writer; text views are looked up by result type and their module
imported on first use, so `next` and `log` never import another command's views. No view
needs rich (its import alone costs about three bare Python starts): only a model's streamed
Markdown (``rich_views.LiveMarkdown``) and the quiz's spinner use it.
"""

from __future__ import annotations

import importlib

from llmstudy.actions import results as r
from llmstudy.core.records import Lang
from llmstudy.output.terminal import Out

# Result type -> (module of output, function). Every view module is imported only when its
# result comes, so `next` and `log` load just `plain`.
VIEWS: dict[type, tuple[str, str]] = {
    r.NextResult: ("plain", "next_result"),
    r.Logged: ("plain", "logged"),
    r.PathsResult: ("plain", "paths"),
    r.SessionChanged: ("plain", "session_changed"),
    r.Undone: ("plain", "undone"),
    r.StatusChanged: ("plain", "status_changed"),
    r.Exported: ("plain", "exported"),
    r.Imported: ("plain", "imported"),
    r.Explanation: ("plain", "explanation"),
    r.QuizResult: ("plain", "shown_already"),
    r.Streamed: ("plain", "shown_already"),
    r.TimelineResult: ("catalog_views", "timeline"),
    r.TopicList: ("catalog_views", "topic_list"),
    r.RoadmapResult: ("catalog_views", "roadmap"),
    r.SearchResult: ("search_views", "search"),
    r.LlmStatus: ("llm_views", "llm_status"),
    r.LlmCheck: ("llm_views", "llm_check"),
    r.LlmCalls: ("llm_views", "llm_calls"),
    r.LabList: ("lab_views", "lab_list"),
    r.LabStarted: ("lab_views", "lab_started"),
    r.LabChecked: ("lab_views", "lab_checked"),
    r.LabHint: ("lab_views", "lab_hint"),
    r.LabSolution: ("lab_views", "lab_solution"),
    r.PlanResult: ("daily_views", "plan"),
    r.TodayResult: ("daily_views", "today"),
    r.TimerResult: ("daily_views", "timer"),
    r.ReviewForecast: ("card_views", "review_forecast"),
    r.OwnCards: ("card_views", "own_cards"),
    r.ExportedCards: ("card_views", "exported_cards"),
    r.TeachResult: ("study_views", "teach_result"),
    r.TeachHistory: ("study_views", "teach_history"),
    r.NoteChanged: ("study_views", "note_changed"),
    r.NoteList: ("study_views", "note_list"),
    r.MarkdownExported: ("study_views", "markdown_exported"),
    r.DoctorResult: ("doctor_views", "doctor"),
    r.TopicDetail: ("detail_views", "topic_detail"),
    r.ResourceList: ("detail_views", "resource_list"),
    r.TreeResult: ("detail_views", "tree"),
    r.SessionList: ("tracking_views", "session_list"),
    r.StatsResult: ("tracking_views", "stats"),
}


def present(result: r.Result, as_json: bool, lang: Lang) -> None:
    if as_json:
        from llmstudy.output.json_views import to_json, write_json

        write_json(to_json(result, lang))
        return
    module, name = VIEWS[type(result)]
    getattr(importlib.import_module(f"llmstudy.output.{module}"), name)(result, lang, Out())
