"""The view of `search`: every hit with its kind, its title, an excerpt with the words found
marked, and the command that opens it. Drawn without rich: search is typed as often as it is
read, and rich's import alone costs about five bare Python starts.
"""

from __future__ import annotations

from llmstudy.actions import results as r
from llmstudy.core.records import Bi, Lang
from llmstudy.core.textsearch import cjk_count, highlights, snippet
from llmstudy.output.terminal import Out, clean

NO_HITS = Bi("没有找到“{q}”。", "Nothing found for “{q}”.")
HITS = Bi("{n} 条结果：“{q}”", "{n} hit{s} for “{q}”")
SEARCH_KIND = {
    "topic": Bi("主题", "topic"),
    "event": Bi("事件", "event"),
    "resource": Bi("资源", "resource"),
    "question": Bi("题目", "question"),
    "note": Bi("笔记", "note"),
    "explanation": Bi("解释", "explanation"),
    "session": Bi("记录", "session"),
    "card": Bi("卡片", "card"),
}


def search(x: r.SearchResult, lang: Lang, out: Out) -> None:
    if not x.hits:
        out.line(NO_HITS.format(lang, q=x.query))
        return
    out.line(HITS.format(lang, n=len(x.hits), q=x.query), "bold")
    for h in x.hits:
        out.line()
        kind = SEARCH_KIND[h.kind].get(lang) if h.kind in SEARCH_KIND else h.kind
        head = clean(f"[{kind}] {h.title.get(lang) or (h.topic or '')}" + (f"  {h.at[:10]}" if h.at else ""))
        out.marked(head, highlights(head, x.terms), "", "bold", "yellow")
        lines = [ln for ln in h.body.split("\n") if ln.strip()]
        # Curated rows hold both languages: show a matching line in the learner's first.
        lines.sort(key=lambda ln: (cjk_count(ln) * 4 > len(ln)) != (lang == "zh"))
        matching = [ln for ln in lines if highlights(ln, x.terms)]
        if matching or lines:
            excerpt, spans = snippet(clean((matching or lines)[0]), x.terms)
            out.marked(excerpt, spans, "    ", "", "bold yellow")
        out.raw("    → " + out.style(clean(h.command), "cyan"))
