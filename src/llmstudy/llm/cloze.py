"""Fill-in-the-blank questions: a curated sentence with one curated term blanked, the wrong
answers written by the model.

Why: a small model's own questions are mostly wrong (the real 0.5B model: 7 of 27 shown were
right and sensible), and its key-less check agrees with a right key only about half the
time. Here the sentence and the key are curated, checked text, so the key is right by
construction; the model does the part it does well and fast: short plausible wrong answers
(one call of ~30 tokens, 1-3 s on a laptop CPU, against ~10 s for a whole question). The
model is shown the term, not the sentence: shown the sentence, the 0.5B model offered its
other words as wrong answers, which a learner rules out by reading.

Pure: the blanks and the filter of wrong answers; the call lives in ``quizgen``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from llmstudy.core.records import Bi, TopicRec
from llmstudy.core.teachback import alternatives, blankable
from llmstudy.core.teachback import words as stemmed_words
from llmstudy.llm.schema import MAX_OPTION, content_words, labelled, norm, placeholder

BLANK = "____"
RESPELLED = 0.75  # similarity to the key (difflib's ratio) from which a wrong answer is its misspelling
SAID_AGAIN = 0.85  # the closer match asked of a short key's misspelling, and of the sentence's words respelt
LEAD = Bi("填空：", "Fill in the blank: ")


class Blank(NamedTuple):
    """One curated key point with one of its terms blanked."""

    stem: str  # the question as shown, with BLANK where the key was
    key: str  # the blanked text, as the sentence writes it
    alternatives: tuple[str, ...]  # every spelling of that term: none of them may be a wrong answer
    fact: str  # the whole sentence: the explanation after answering
    fact_index: int
    topic_names: tuple[str, ...] = ()  # the topic's title and aliases: never a wrong answer


def _topic_names(topic: TopicRec) -> tuple[str, ...]:
    """The topic's names as the curation writes them: each title whole and its parts around a
    parenthesis ("LoRA (Low-Rank Adaptation)": "LoRA", "Low-Rank Adaptation"), and the aliases."""
    parts = [p for title in (topic.title.en, topic.title.zh) for p in (title, *re.split(r"[()（）]", title))]
    return tuple(dict.fromkeys(p.strip() for p in (*parts, *topic.aliases, topic.id) if p.strip()))


_MIXED = re.compile(r"(?<=[A-Za-z0-9])\s*(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s*(?=[A-Za-z0-9])")


def _find(alt: str, text: str) -> list[re.Match[str]]:
    """Where ``alt`` occurs in ``text``: as a whole word when it is Latin (``BA`` is not the
    start of ``Bahdanau``), anywhere when it is Chinese (no spaces between words). Where Latin
    letters or digits meet Chinese, a space may stand or not ("8个" finds "8 个", "KV 缓存"
    finds "KV缓存"), as Chinese is written both ways."""
    pattern = r"\s*".join(r"\s+".join(re.escape(w) for w in part.split()) for part in _MIXED.split(alt))
    if re.match(r"[A-Za-z0-9]", alt):
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if re.search(r"[A-Za-z0-9]$", alt):
        pattern += r"(?![A-Za-z0-9])"
    return list(re.finditer(pattern, text, re.IGNORECASE))


def blanks(topic: TopicRec, lang: str, used: Iterable[str] = ()) -> list[Blank]:
    """Every blank the topic's curated terms allow in ``lang``, one term per key point in turn
    (the first term of each key point, then the second, ...), so that a quiz's blanks are on
    different facts. A term is blanked only where it occurs once and no other spelling of it
    stays in the sentence (that would give it away), and never when the curated ``no_blank``
    names it. Stems in ``used`` are left out."""
    seen = {norm(u) for u in used}
    names = _topic_names(topic)
    per_fact: list[list[Blank]] = []
    for i, (fact, groups) in enumerate(zip(topic.key_points, topic.terms, strict=False)):
        text = fact.get(lang)
        found: list[Blank] = []
        for group in blankable(groups, topic.no_blank[i] if i < len(topic.no_blank) else ()):
            alts = tuple(a for a in alternatives(group) if len(a) >= 2)
            for alt in alts:
                hits = _find(alt, text)
                if len(hits) != 1:
                    continue
                hit = hits[0]
                stem = LEAD.get(lang) + text[: hit.start()] + BLANK + text[hit.end() :]
                if any(_find(a, stem) for a in alts) or norm(stem) in seen:
                    break
                found.append(Blank(stem, hit.group(0), alts, text, i, names))
                break
        per_fact.append(found)
    depth = max((len(f) for f in per_fact), default=0)
    return [f[d] for d in range(depth) for f in per_fact if d < len(f)]


def _spelled_within(key: str, text: str) -> bool:
    """Whether the Chinese characters of ``key`` (two or more) appear in ``text`` in order:
    "精确度" holds "精度" (a near-synonym, where two-character words share nothing)."""
    chars = [c for c in key if "\u4e00" <= c <= "\u9fff"]
    if len(chars) < 2:
        return False
    rest = iter(text)
    return all(c in rest for c in chars)


def _words(text: str) -> set[str]:
    """Content words, and the parts of hyphenated ones ("self-attention": also "attention")."""
    return {p for w in content_words(text) for p in (w, *w.split("-")) if len(p) >= 3 or not p.isascii()}


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _respelled(key: str, text: str) -> bool:
    """Whether ``text`` is the key misspelt ("Bahdanu" for "Bahdanau", "F16" for "FP16"): a
    spelling test, not a knowledge one. Other numbers are other answers ("INT4" for "INT8",
    "GPT-3" for "GPT-2"); a short key needs a closer match ("BF16" is not "FP16")."""
    if _numbers(key) != _numbers(text):
        return False
    return _similar(key, text) >= (RESPELLED if len(key) >= 5 else SAID_AGAIN)


def _said_in(text: str, stem: str) -> bool:
    """Whether the sentence says ``text`` in another spelling ("Layer normalization" for its
    "layer normalisation"): its words, as many as ``text`` has, spelt nearly alike."""
    words = re.findall(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*", stem)
    size = len(text.split())
    if not words or not re.match(r"[A-Za-z0-9]", text):
        return False
    windows = (" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return any(_numbers(w) == _numbers(text) and _similar(w, text) >= SAID_AGAIN for w in windows)


def _names_topic(text: str, names: Sequence[str]) -> bool:
    """Whether ``text`` names the topic: one of its names exactly, or every word of a Latin
    name among its words, however inflected ("the Transformer", "Transformers", "a Transformer
    model" for the topic named Transformer), unless it adds a number ("LoRA 2倍", a 0.5B
    model's wrong answer for "3 倍": another thing, not the topic)."""
    said = set(stemmed_words(text.replace("-", " ")))
    n_text = norm(text)
    for name in names:
        if norm(name) == n_text:
            return True
        if re.fullmatch(r"[A-Za-z0-9 .'-]+", name) and _numbers(text) == _numbers(name):
            own = set(stemmed_words(name.replace("-", " ")))
            if own and own <= said:
                return True
    return False


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def wrong_answers(blank: Blank, offered: Sequence[Any], n: int, max_length: int = MAX_OPTION) -> list[str]:
    """The first ``n`` usable wrong answers of those the model offered (fewer if it offered
    fewer). Left out:

    - placeholders ("选项B") and labels ("错误：…"), and repeats;
    - the key or any spelling of it, or a misspelling ("Bahdanu"), anything sharing a word with them ("self-attention" for
      "multi-head attention", "推断速度" for "推理速度"), and, in Chinese, anything holding their
      characters in order ("精确度" for "精度"): a second right answer, or half of one;
    - anything the sentence itself says, in any spelling ("Layer normalization" for its "layer
      normalisation"): the learner could rule it out by reading, not knowing;
    - the topic's own name, also inflected ("Transformers", "the Transformer" for "The original
      model is an ____"): most often a second right answer, else a giveaway;
    - for a key with a number ("6 层"), answers without one (not the same kind of thing) and
      answers with the same numbers ("32位浮点数" for "FP32": the same thing in other words);
    - answers as long as ``max_length``: the grammar of the reply cut them off mid-word.
    """
    stem = norm(blank.stem)
    rights = [norm(a) for a in (blank.key, *blank.alternatives)]
    right_words = {w for a in (blank.key, *blank.alternatives) for w in _words(a)}
    numeric = re.search(r"\d", blank.key) is not None
    keep: list[str] = []
    seen: set[str] = set()
    for raw in offered:
        w = str(raw).strip()
        n_w = norm(w)
        if not n_w or len(w) >= max_length or placeholder(w) or labelled(w) or n_w in seen:
            continue
        if any(r and (r in n_w or n_w in r) for r in rights) or right_words & _words(w) or _respelled(blank.key, w):
            continue
        if any(_spelled_within(a, w) for a in (blank.key, *blank.alternatives)):
            continue
        if n_w in stem or _said_in(w, blank.stem) or _names_topic(w, blank.topic_names):
            continue
        if numeric and (not re.search(r"\d", w) or _numbers(w) == _numbers(blank.key)):
            continue
        seen.add(n_w)
        keep.append(w)
        if len(keep) == n:
            break
    return keep


def question(topic: TopicRec, blank: Blank, wrong: Sequence[str]) -> dict[str, Any]:
    """The blank as a generated question (the shape ``validate_quiz`` accepts): the key first;
    the quiz shuffles options at every showing."""
    return {
        "topic": topic.id,
        "prompt": blank.stem,
        "options": [blank.key, *wrong],
        "answer_index": 0,
        "explanation": blank.fact,
    }
