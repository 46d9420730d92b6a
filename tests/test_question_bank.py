"""The quiz bank is fair to the learner: the right option cannot be spotted by its length, the
text states facts instead of citing the learner's notes, and no two questions ask the same thing."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

import pytest
import yaml

from llmstudy.curriculum.schema import Question, Text
from llmstudy.curriculum.validate import load
from tests.helpers import DATA

LANGS = ("en", "zh")
# A test-taker who always picks the longest (or shortest) option should do little better than
# chance (25%); 35% leaves room for questions whose right answer is naturally the longest.
MAX_SHARE = 0.35


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load(DATA)


def _choice(catalog: Any) -> list[Question]:
    return [q for q in catalog.questions if q.kind == "choice"]


def _unique_extreme(q: Question, lang: str, pick: Any) -> bool:
    lengths = [len(getattr(o, lang)) for o in q.options]
    target = pick(lengths)
    return lengths.count(target) == 1 and lengths[q.answer_index or 0] == target


@pytest.mark.parametrize("lang", LANGS)
def test_correct_option_is_rarely_the_unique_longest(catalog: Any, lang: str) -> None:
    qs = _choice(catalog)
    hits = [q.id for q in qs if _unique_extreme(q, lang, max)]
    assert len(hits) / len(qs) <= MAX_SHARE, (lang, len(hits), len(qs), hits)


@pytest.mark.parametrize("lang", LANGS)
def test_correct_option_is_rarely_the_unique_shortest(catalog: Any, lang: str) -> None:
    qs = _choice(catalog)
    hits = [q.id for q in qs if _unique_extreme(q, lang, min)]
    assert len(hits) / len(qs) <= MAX_SHARE, (lang, len(hits), len(qs), hits)


def test_answer_positions_are_balanced(catalog: Any) -> None:
    """No position holds much more than its share of right answers (a guesser's favourite slot)."""
    qs = _choice(catalog)
    counts = [sum(1 for q in qs if q.answer_index == i) for i in range(4)]
    assert max(counts) <= 0.35 * len(qs), counts
    assert min(counts) >= 0.15 * len(qs), counts


# --- learner-facing text states facts; it does not cite the learner's notes ---------------------

# "the notes", "the notes'", "note 003", "notes 000 and 001" in English; 笔记 in Chinese. "The paper
# notes that ..." (a verb) and "note-taking" are fine.
_NOTES_EN = re.compile(
    r"\b(?:the|these|my|our)\s+notes?\b(?!\s+that)|\bnotes'|\bnotes?\s+\d{3}\b|\bnote\s+\d\.\d\b",
    re.IGNORECASE,
)
_NOTES_ZH = re.compile(r"(?<!记)笔记(?!本)")  # 记笔记 is "taking notes", 笔记本 a notebook


def _texts(q: Question) -> list[tuple[str, Text]]:
    out: list[tuple[str, Text]] = [("prompt", q.prompt), ("explanation", q.explanation)]
    out += [(f"option {i}", o) for i, o in enumerate(q.options)]
    if q.model_answer is not None:
        out.append(("model_answer", q.model_answer))
    return out


def _cites_notes(t: Text) -> bool:
    return bool(_NOTES_EN.search(t.en) or _NOTES_ZH.search(t.zh))


def test_notes_pattern() -> None:
    assert _cites_notes(Text(zh="x", en="The notes say so."))
    assert _cites_notes(Text(zh="x", en="as note 003 says"))
    assert _cites_notes(Text(zh="笔记说", en="x"))
    assert not _cites_notes(Text(zh="适合做实验和记笔记", en="x"))
    assert not _cites_notes(Text(zh="在线 Jupyter 笔记本", en="x"))
    assert not _cites_notes(Text(zh="x", en="The paper notes that heads are cheap."))
    assert not _cites_notes(Text(zh="x", en="Jupyter suits note-taking."))


def test_questions_do_not_cite_the_notes(catalog: Any) -> None:
    bad = [(q.id, where) for q in catalog.questions for where, t in _texts(q) if _cites_notes(t)]
    assert not bad, bad


def test_topic_text_does_not_cite_the_notes(catalog: Any) -> None:
    bad = []
    for t in catalog.roadmap.topics:
        texts = [("summary", t.summary)] + [(f"key point {i}", k) for i, k in enumerate(t.key_points)]
        if t.analogy is not None:
            texts.append(("analogy", t.analogy))
        bad += [(t.id, where) for where, x in texts if _cites_notes(x)]
    assert not bad, bad


def test_timeline_text_does_not_cite_the_notes(catalog: Any) -> None:
    """Eras and events state facts; what a note got wrong belongs in the event's erratum."""
    items = [(e.id, e.title, e.summary) for e in catalog.timeline.eras]
    items += [(e.id, e.title, e.summary) for e in catalog.timeline.events]
    bad = [eid for eid, title, summary in items if _cites_notes(title) or _cites_notes(summary)]
    assert not bad, bad


def test_resource_text_does_not_cite_the_notes(catalog: Any) -> None:
    """A resource's summary says what it is and why it helps, not that a note the learner never sees
    mentions it."""
    bad = [r.id for r in catalog.resources for t in (r.title, r.summary) if t is not None and _cites_notes(t)]
    assert not bad, bad


# --- no two questions ask the same thing -----------------------------------------------------------

# Thresholds, calibrated with difflib's ratio on the bank as it was before the duplicates were merged.
# The six known duplicate pairs scored 0.73-0.86 on their English prompts or 0.72-0.93 on their
# answers, or (attention-01 / seq2seq-02, the same question about Bahdanau et al.) 0.53 on both.
# The closest distinct pairs score at most 0.75 on prompts (generic frames such as "Which statement
# about X is correct?"), 0.55 on answers, and 0.45 on both at once. So a pair is flagged for a
# near-identical prompt (>= 0.8), a near-identical answer (>= 0.7), or both clearly similar (>= 0.5).
PROMPT_SAME, ANSWER_SAME = 0.8, 0.7
PROMPT_CLOSE, ANSWER_CLOSE = 0.5, 0.5


def _answer(q: Question) -> str:
    """What the question teaches: the right option, the model answer, or a true/false statement."""
    if q.kind == "choice":
        return q.options[q.answer_index or 0].en
    if q.kind == "short" and q.model_answer is not None:
        return q.model_answer.en
    return q.prompt.en


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


# SequenceMatcher on every pair is slow, so pairs that share too few words are skipped first: all
# six known duplicate pairs share at least 0.27 of their prompt words or 0.52 of their answer words.
WORDS_FLOOR = 0.2


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower(), b.lower(), autojunk=False).ratio()


def near_duplicates(questions: list[Question]) -> list[tuple[str, str, float, float]]:
    words = {q.id: (_words(q.prompt.en), _words(_answer(q))) for q in questions}
    found = []
    for a, b in combinations(questions, 2):
        (pa, aa), (pb, ab) = words[a.id], words[b.id]
        if _jaccard(pa, pb) < WORDS_FLOOR and _jaccard(aa, ab) < WORDS_FLOOR:
            continue
        p, ans = _ratio(a.prompt.en, b.prompt.en), _ratio(_answer(a), _answer(b))
        if p >= PROMPT_SAME or ans >= ANSWER_SAME or (p >= PROMPT_CLOSE and ans >= ANSWER_CLOSE):
            found.append((a.id, b.id, round(p, 2), round(ans, 2)))
    return found


def test_no_near_duplicate_questions(catalog: Any) -> None:
    assert near_duplicates(catalog.questions) == []


def test_near_duplicate_check_catches_a_rephrased_question(catalog: Any) -> None:
    q = next(q for q in catalog.questions if q.id == "attention-02")
    twin = q.model_copy(update={"id": "twin", "prompt": Text(zh=q.prompt.zh, en="Why " + q.prompt.en)})
    assert [d[:2] for d in near_duplicates([q, twin])] == [("attention-02", "twin")]


# --- Chinese prose uses full-width punctuation -----------------------------------------------------

# A half-width , : ? ( ) ; ! touching a Chinese character is prose punctuation and must be full-width
# (，：？（）；！). Formulas, code, numbers and Latin runs ("W2(W1x)", "1,000", "Q, K, V") may keep
# half-width marks: they do not touch a Han character.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_HALF_WIDTH_IN_PROSE = re.compile(rf"(?<=[{_HAN}])[,:?();!]|[,:?();!](?=[{_HAN}])")


def _zh_strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            if key == "zh" and isinstance(value, str):
                found.append((path, value))
            else:
                found += _zh_strings(value, f"{path}.{key}")
        return found
    if isinstance(node, list):
        return [hit for i, item in enumerate(node) for hit in _zh_strings(item, f"{path}[{i}]")]
    return []


def test_half_width_pattern() -> None:
    assert _HALF_WIDTH_IN_PROSE.search("激活函数(如 ReLU)?")
    assert _HALF_WIDTH_IN_PROSE.search("SFT:人类写的示范")
    assert not _HALF_WIDTH_IN_PROSE.search("复合 W2(W1x) = (W2W1)x 仍是线性函数，且 Q, K, V 与 1,000 不变")


def test_chinese_strings_use_full_width_punctuation() -> None:
    bad = []
    for path in sorted(DATA.glob("*.yaml")) + sorted(DATA.glob("questions/*.yaml")):
        for where, text in _zh_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for m in _HALF_WIDTH_IN_PROSE.finditer(text):
                bad.append((path.name, where, text[max(0, m.start() - 12) : m.end() + 12]))
    assert not bad, bad[:20]
