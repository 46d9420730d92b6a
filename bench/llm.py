"""The LLM path against a real endpoint: quizzes and explanations over topics and both languages.

Any OpenAI-compatible endpoint: ``OPENAI_BASE_URL``, ``LLMSTUDY_MODEL`` (and ``OPENAI_API_KEY``
for a hosted API). Each quiz is a real ``llmstudy quiz TOPIC -n N --llm --json`` in a fresh home
(answers scripted on stdin); the numbers come from its JSON and its ``llm log``. Reports:

- the share of quizzes that showed model questions (at least one);
- the share of asked-for questions that were valid, and kept (valid and the key check agreed);
- the median time to the first model question (logged by the writer), and the total time;
- tokens in and out; for explanations: how many gave text, and their median time.

Example (the tiny local model of ``local-llm.sh``)::

    eval "$(bash local-llm.sh start)"
    OPENAI_BASE_URL=$LOCAL_LLM_BASE_URL LLMSTUDY_MODEL=$LOCAL_LLM_MODEL LLMSTUDY_LLM_TIMEOUT=120 \\
        .venv/bin/python bench/llm.py --topics 6 --explain 2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TOPICS = ["attention", "tokenization", "lora", "rag", "quantization", "transformer", "rlhf", "moe", "bert", "dpo"]


def entry_point() -> list[str]:
    script = Path(sys.executable).parent / "llmstudy"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from llmstudy.main import main; main()"]


def run(args: list[str], home: Path, stdin: str = "", timeout: float = 900) -> tuple[subprocess.CompletedProcess[str], float]:
    env = dict(os.environ) | {"LLMSTUDY_HOME": str(home), "NO_COLOR": "1"}
    start = time.monotonic()
    proc = subprocess.run([*entry_point(), *args], env=env, input=stdin, capture_output=True, text=True, timeout=timeout)
    return proc, time.monotonic() - start


def fresh_home(template: Path, root: Path, name: str) -> Path:
    home = root / name
    home.mkdir()
    shutil.copy(template / "llmstudy.db", home / "llmstudy.db")
    return home


def log_size(home: Path) -> int:
    log, _ = run(["llm", "log", "-n", "100000", "--json"], home)
    return len(json.loads(log.stdout)) if log.returncode == 0 else 0


def quiz_run(topic: str, lang: str, n: int, home: Path) -> dict[str, Any]:
    before = log_size(home)
    proc, seconds = run(["quiz", topic, "-n", str(n), "--llm", "--json", "--lang", lang], home, "a\n" * n)
    result = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else {}
    log, _ = run(["llm", "log", "-n", "100000", "--json"], home)
    calls = json.loads(log.stdout) if log.returncode == 0 else []
    calls = calls[: max(0, len(calls) - before)]  # newest first: this quiz's calls only
    asked = sum(int(m.group(1)) for c in calls if c["purpose"] == "quiz" and (m := re.search(r"Write (\d+) question", c["prompt"] or "")))
    checks = [c for c in calls if c["purpose"] == "check"]
    first = [c["latency_ms"] for c in calls if c["purpose"] == "first-question"]
    knowledge = [c for c in calls if c["purpose"] == "knowledge"]  # the model measured on curated questions
    sources = [it.get("source") for it in result.get("items", [])]
    options = generated_options(home)
    return {
        "topic": topic,
        "lang": lang,
        "ok": proc.returncode == 0,
        "model_questions": sources.count("llm"),  # the model's own, key checked
        "blank_questions": sources.count("cloze"),  # a curated sentence, the model's wrong answers
        "first_source": sources[0] if sources else None,
        "shown": len(sources),
        "asked": asked,
        "valid": len(checks),
        "kept": sum(1 for c in checks if not c["error"]),
        "ttfq_s": first[0] / 1000 if first else None,
        "knowledge": [sum(1 for c in knowledge if not c["error"]), len(knowledge)],
        "seconds": seconds,
        "prompt_tokens": sum(c["prompt_tokens"] or 0 for c in calls),
        "completion_tokens": sum(c["completion_tokens"] or 0 for c in calls),
        "fallback": result.get("fallback_reason"),
        "rejections": [c["error"] for c in checks if c["error"]],
        # what the learner was shown from the model, to judge by hand whether the keys are right
        "model_items": shown_items(result, "llm", options),
        "blank_items": shown_items(result, "cloze", options),
    }


def generated_options(home: Path) -> dict[str, list[str]]:
    """The options of every generated question saved in ``home`` (the quiz JSON gives only the answer)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(home / "llmstudy.db")) as db:
        docs = [json.loads(doc) for (doc,) in db.execute("SELECT doc FROM generated_questions")]
    return {d["id"]: [o["en"] for o in d["options"]] for d in docs}


def shown_items(result: dict[str, Any], source: str, options: dict[str, list[str]]) -> list[dict[str, Any]]:
    """What the learner was shown from ``source``, to judge by hand: are the keys right, the wrong answers wrong?"""
    items = [it for it in result.get("items", []) if it.get("source") == source]
    return [{"prompt": it["prompt"], "answer": it["answer"], "options": options.get(it["id"], [])} for it in items]


def explain_run(topic: str, lang: str, home: Path) -> dict[str, Any]:
    proc, seconds = run(["explain", topic, "--lang", lang], home)
    return {"topic": topic, "lang": lang, "ok": proc.returncode == 0, "chars": len(proc.stdout.strip()), "seconds": seconds,
            "error": proc.stderr.strip()[:200] or None}


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=6, help="how many topics (from a fixed list)")
    parser.add_argument("--langs", default="en,zh")
    parser.add_argument("-n", type=int, default=2, help="questions per quiz")
    parser.add_argument("--rounds", type=int, default=1, help="quizzes per topic and language")
    parser.add_argument("--one-home", action="store_true",
                        help="every quiz in one home, as one learner's: what the model earned (its measure) carries over")
    parser.add_argument("--explain", type=int, default=2, help="explanations (topics, in both languages)")
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    args = parser.parse_args()
    if not os.environ.get("LLMSTUDY_MODEL"):
        raise SystemExit("set OPENAI_BASE_URL and LLMSTUDY_MODEL (and OPENAI_API_KEY for a hosted API)")
    langs = args.langs.split(",")
    root = Path(tempfile.mkdtemp(prefix="llmstudy-bench-llm-"))
    try:
        template = root / "template"
        template.mkdir()
        run(["topics", "--json"], template)  # loads the catalog once
        shared = fresh_home(template, root, "learner")
        started = time.monotonic()
        quizzes: list[dict[str, Any]] = []
        for r in range(args.rounds):
            for topic in TOPICS[: args.topics]:
                for lang in langs:
                    home = shared if args.one_home else fresh_home(template, root, f"q-{topic}-{lang}-{r}")
                    q = quiz_run(topic, lang, args.n, home)
                    quizzes.append(q)
                    ttfq = "—" if q["ttfq_s"] is None else f"{q['ttfq_s']:.1f}s"
                    print(f"quiz {topic:<14} {lang}  own {q['model_questions']}/{q['shown']}  blanks {q['blank_questions']}"
                          f"  kept {q['kept']}/{q['asked']}"
                          f"  first {ttfq:>6}  total {q['seconds']:.0f}s  {q['fallback'] or ''}", flush=True)
        explains = []
        for topic in TOPICS[: args.explain]:
            for lang in langs:
                e = explain_run(topic, lang, fresh_home(template, root, f"e-{topic}-{lang}"))
                explains.append(e)
                print(f"explain {topic:<11} {lang}  {'ok' if e['ok'] else 'FAILED'}  {e['chars']} chars  {e['seconds']:.0f}s", flush=True)
        total = time.monotonic() - started
    finally:
        shutil.rmtree(root, ignore_errors=True)

    with_model = sum(1 for q in quizzes if q["model_questions"] or q["blank_questions"])
    with_own = sum(1 for q in quizzes if q["model_questions"])
    asked = sum(q["asked"] for q in quizzes)
    ttfqs = [q["ttfq_s"] for q in quizzes if q["ttfq_s"] is not None]
    print()
    print(f"model: {os.environ['LLMSTUDY_MODEL']} @ {os.environ.get('OPENAI_BASE_URL', 'api.openai.com')}")
    shown = sum(q["shown"] for q in quizzes)
    print(f"quizzes with model questions (its own or blanks): {share(with_model, len(quizzes))}")
    print(f"quizzes with questions of the model's own: {share(with_own, len(quizzes))}")
    print(f"questions shown: the model's own {share(sum(q['model_questions'] for q in quizzes), shown)}, "
          f"blanks {share(sum(q['blank_questions'] for q in quizzes), shown)}")
    print(f"generated questions valid: {share(sum(q['valid'] for q in quizzes), asked)}")
    print(f"generated questions kept (valid and key check agreed): {share(sum(q['kept'] for q in quizzes), asked)}")
    if ttfqs:
        print(f"time to first model question: median {statistics.median(ttfqs):.1f}s, max {max(ttfqs):.1f}s ({len(ttfqs)} quizzes)")
    print(f"explanations with text: {share(sum(1 for e in explains if e['ok']), len(explains))}"
          + (f", median {statistics.median(e['seconds'] for e in explains):.0f}s" if explains else ""))
    print(f"tokens: {sum(q['prompt_tokens'] for q in quizzes)} in, {sum(q['completion_tokens'] for q in quizzes)} out (quizzes)")
    print(f"total time: {total:.0f}s")
    if args.json:
        args.json.write_text(json.dumps({"quizzes": quizzes, "explanations": explains, "total_s": total}, indent=2))


if __name__ == "__main__":
    main()
