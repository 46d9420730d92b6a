"""Teach-back graded by the model: the reply's shape, its local checks, and the prompt.

The model sees the curated key points, numbered, and the learner's explanation. It answers
which points are covered and which missed (by number) and which statements are wrong, each
with a one-line correction. The reply is checked here, not trusted: every key point must be
in exactly one of the two lists. The learner's text is only read, never rewritten.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmstudy.core.records import Bi, Graded, TopicRec

MAX_WRONG = 10


class LlmWrong(BaseModel):
    model_config = ConfigDict(extra="forbid")
    statement: str = Field(min_length=1, max_length=400, description="the learner's wrong statement, quoted")
    correction: str = Field(min_length=1, max_length=240, description="one line: what is true instead")


class LlmGrade(BaseModel):
    model_config = ConfigDict(extra="forbid")
    covered: list[int] = Field(description="numbers of the key points the explanation covers", max_length=40)
    missing: list[int] = Field(description="numbers of the key points it misses", max_length=40)
    wrong: list[LlmWrong] = Field(description="statements that are wrong", max_length=MAX_WRONG)


def validate_grade(data: Any, points: int) -> tuple[LlmGrade | None, list[str]]:
    """Parse and check a reply against a topic with ``points`` key points."""
    try:
        grade = LlmGrade.model_validate(data)
    except ValidationError as exc:
        return None, [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10]]
    problems = []
    named = grade.covered + grade.missing
    outside = sorted({n for n in named if not 1 <= n <= points})
    if outside:
        problems.append(f"key point numbers must be 1-{points}, got {outside}")
    twice = sorted({n for n in named if named.count(n) > 1})
    if twice:
        problems.append(f"key points {twice} are listed more than once")
    left = sorted(set(range(1, points + 1)) - set(named))
    if left:
        problems.append(f"key points {left} are neither covered nor missing")
    for i, w in enumerate(grade.wrong):
        if "\n" in w.correction.strip():
            problems.append(f"wrong[{i}].correction must be one line")
    return (None if problems else grade), problems


def graded(grade: LlmGrade, topic: TopicRec) -> Graded:
    kp = topic.key_points
    return Graded(
        tuple(kp[n - 1] for n in sorted(grade.covered)),
        tuple(kp[n - 1] for n in sorted(grade.missing)),
        tuple((w.statement.strip(), w.correction.strip()) for w in grade.wrong),
    )


def grade_messages(topic: TopicRec, text: str, lang: str) -> list[dict[str, str]]:
    points = "\n".join(f"{i}. {k.en} / {k.zh}" for i, k in enumerate(topic.key_points, start=1))
    language = Bi("Simplified Chinese", "English").get(lang)  # the corrections are read by the learner
    system = (
        "You grade a learner's explanation of a topic against curated key points. Judge only what the "
        "learner wrote; do not rewrite it and do not add new material. A key point is covered when the "
        "explanation states its idea, in any words or language. List every key point number in exactly "
        "one of `covered` or `missing`. In `wrong`, quote each statement that contradicts the key points "
        f"or is false, with a one-line correction in {language}. Reply with a JSON object only: "
        '{"covered": [1], "missing": [2], "wrong": [{"statement": "", "correction": ""}]}.'
    )
    user = f"Topic: {topic.title.en} / {topic.title.zh} ({topic.id})\nKey points:\n{points}\n\nExplanation:\n{text}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
