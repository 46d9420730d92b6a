"""Quizzes: picking questions, grading, and scheduling reviews with FSRS."""

from __future__ import annotations


def mastery_by_topic(counts: dict[str, tuple[int, int]]) -> dict[str, float]:
    """Share of a topic's questions whose latest answer was right (0.0-1.0)."""
    return {topic: round(c / n, 2) for topic, (c, n) in sorted(counts.items()) if n}
