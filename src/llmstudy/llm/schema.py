"""The shape of a generated quiz: one JSON schema, sent to the model and checked locally.

The schema sent as ``response_format`` states every structural constraint (4 options,
the answer's index, the topic, how many questions, non-empty and bounded strings), so a
server with grammar-constrained decoding (llama.cpp) cannot produce anything else. Servers
that ignore the schema exist, so the same schema is checked here by a small validator of
the keywords it uses; what a schema cannot say (distinct options, text that is not only
blanks) is checked after it. Local validation is the last word.

Each question is judged on its own, so a reply with three good questions and one bad one
keeps the three.
"""

from __future__ import annotations

import re
from typing import Any

LETTERS = "abcd"
MAX_PROMPT = 200
MAX_OPTION = 100
MAX_EXPLANATION = 250  # bounds keep a small model from rambling (tokens are seconds on a CPU)


# A stem in Chinese begins with a Chinese character. Said in the schema, a grammar-constrained
# server cannot start one in English (the 0.5B model often did, asked for Chinese); the rest of
# the stem is any text but a quote, a backslash or a control character (the grammar writes the
# string as it is, unescaped).
CHINESE_START = "\u4e00-\u9fff"
CHINESE_STEM = 'in Simplified Chinese, beginning with a Chinese character, without " or \\ (quote with “ ”)'


def string_schema(lang: str, max_length: int, stem: bool = False) -> dict[str, Any]:
    string: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": max_length}
    if stem and lang == "zh":
        string["pattern"] = f'^[{CHINESE_START}][^"\\\\\\x00-\\x1f]{{0,{max_length - 1}}}$'
        string["description"] = CHINESE_STEM
    return string


def text_schema(langs: tuple[str, ...], max_length: int, stem: bool = False) -> dict[str, Any]:
    """A text in one language (a string) or in several (an object with one string per
    language). ``stem``: the question's own text (in Chinese, it must begin in Chinese)."""
    if len(langs) == 1:
        return string_schema(langs[0], max_length, stem)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(langs),
        "properties": {lang: string_schema(lang, max_length, stem) for lang in langs},
    }


def question_schema(topic_id: str, langs: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["topic", "prompt", "options", "answer_index", "explanation"],
        "properties": {
            "topic": {"type": "string", "const": topic_id},
            "prompt": text_schema(langs, MAX_PROMPT, stem=True),
            "options": {"type": "array", "minItems": 4, "maxItems": 4, "items": text_schema(langs, MAX_OPTION)},
            "answer_index": {"type": "integer", "enum": [0, 1, 2, 3]},
            "explanation": text_schema(langs, MAX_EXPLANATION),
        },
    }


def quiz_schema(topic_id: str, k: int, langs: tuple[str, ...]) -> dict[str, Any]:
    """Exactly ``k`` questions on ``topic_id``."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["questions"],
        "properties": {
            "questions": {"type": "array", "minItems": k, "maxItems": k, "items": question_schema(topic_id, langs)}
        },
    }


def answer_schema() -> dict[str, Any]:
    """The key-less check's reply: one letter."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["answer"],
        "properties": {"answer": {"type": "string", "enum": list(LETTERS)}},
    }


def distractor_length(answer: str) -> int:
    """How long a new wrong answer may be: about as long as the correct one (a much longer
    option stands out), and short enough that a model looping on one phrase is cut off by
    the grammar instead of by the token limit (the real 0.5B model did that: the reply ended
    inside a string, and held no JSON)."""
    return min(MAX_OPTION, len(answer) * 3 // 2 + 10)


def distractor_tokens(n: int, length: int) -> int:
    """A token budget that fits ``n`` wrong answers of ``length`` characters and the JSON
    around them (a Chinese character is about one token; Latin text takes fewer)."""
    return n * (length + 8) + 16


def distractor_schema(n: int, max_length: int = MAX_OPTION) -> dict[str, Any]:
    """The reply that completes a question with repeated options: ``n`` more wrong answers."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["wrong"],
        "properties": {
            "wrong": {
                "type": "array",
                "minItems": n,
                "maxItems": n,
                "items": {"type": "string", "minLength": 1, "maxLength": max_length},
            }
        },
    }


def repeated_options(q: Any, topic_id: str) -> tuple[dict[str, Any], int] | None:
    """A one-language question whose only fault is that some options repeat others (all four
    the same, when a small model loops): the question with each option once (the key kept,
    its index moved with it) and how many wrong answers it lacks (1-3). ``None`` for any other
    question."""
    if problems(q, quiz_schema(topic_id, 1, ("en",))["properties"]["questions"]["items"], "q"):
        return None
    if any(placeholder(o) or labelled(o) for o in q["options"]):
        return None  # a true-or-false statement in disguise, or a key given away: no new wrong answer mends it
    seen: dict[str, int] = {}
    options: list[str] = []
    key = int(q["answer_index"])
    new_key = -1
    for i, o in enumerate(q["options"]):
        n = norm(o)
        if n not in seen:
            seen[n] = len(options)
            options.append(o)
        if i == key:
            new_key = seen[n]
    if len(options) == 4:
        return None
    return {**q, "options": options, "answer_index": new_key}, 4 - len(options)


_TYPES: dict[str, tuple[type, ...]] = {"object": (dict,), "array": (list,), "string": (str,), "integer": (int,)}


def problems(data: Any, schema: dict[str, Any], path: str = "") -> list[str]:
    """What in ``data`` breaks ``schema`` (the keywords used above, nothing more)."""
    where = path or "reply"
    kind = schema.get("type")
    if kind is not None and (not isinstance(data, _TYPES[kind]) or isinstance(data, bool)):
        return [f"{where} must be {'an' if kind[0] in 'aeiou' else 'a'} {kind}"]
    found: list[str] = []
    if "const" in schema and data != schema["const"]:
        found.append(f"{where} must be {schema['const']!r}")
    if "enum" in schema and data not in schema["enum"]:
        found.append(f"{where} must be one of {', '.join(map(str, schema['enum']))}")
    if isinstance(data, str):
        if len(data.strip()) < schema.get("minLength", 0):
            found.append(f"{where} must not be empty")
        if len(data) > schema.get("maxLength", len(data)):
            found.append(f"{where} must be at most {schema['maxLength']} characters")
        if "pattern" in schema and data.strip() and re.search(schema["pattern"], data) is None:
            found.append(f"{where} must be {schema.get('description') or 'as the pattern says'}")
    if isinstance(data, list):
        lo, hi = schema.get("minItems", 0), schema.get("maxItems", len(data))
        if not lo <= len(data) <= hi:
            count = f"exactly {lo}" if lo == hi else f"{lo}-{hi}"
            found.append(f"{where} must have {count} items, not {len(data)}")
        for i, item in enumerate(data[: max(hi, 1)]):
            found += problems(item, schema.get("items", {}), f"{path}[{i}]")
    if isinstance(data, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in data:
                found.append(f"{where}.{key} is missing")
        if schema.get("additionalProperties") is False:
            found += [f"{where}.{key} is not expected" for key in data if key not in props]
        for key, sub in props.items():
            if key in data:
                found += problems(data[key], sub, f"{path}.{key}" if path else key)
    return found


# An option that names its role or its slot instead of answering: "错误1", "Option B", "True",
# "正确", "选项甲", a lone "C". A 0.5B model writes them when it turns a fact into a true-or-false
# statement ("正确", "错误1", "错误2", "错误3"), and its own key-less check then agrees with
# "正确": no other check catches it.
_PLACEHOLDER = re.compile(
    r"(?:option|answer|choice|wrong|incorrect|correct|true|false|yes|no"
    r"|选项|答案|错误|正确|对|错|是|否|不对|不正确)\s?[0-9a-d甲乙丙丁一二三四]?|[a-d甲乙丙丁]"
)


def placeholder(option: str) -> bool:
    """Whether an option is a placeholder, not an answer."""
    return _PLACEHOLDER.fullmatch(norm(option)) is not None


# An option that announces its role before its text: "正确答案：二元交叉熵", "错误：…", "Correct
# answer: …". The real 0.5B model wrote them in Chinese quizzes; shown, the label gives the
# answer away.
_LABEL = re.compile(
    r"\s*[(（\[【]?\s*(?:(?:the\s+)?(?:correct|right|wrong|incorrect|true|false)(?:\s+(?:answer|option|choice))?"
    r"|(?:正确|错误|不正确)(?:答案|选项)?|对|错)\s*[)）\]】]?\s*[:：]",
    re.IGNORECASE,
)


def labelled(option: str) -> bool:
    """Whether an option begins by saying whether it is right."""
    return _LABEL.match(option) is not None


STOP = frozenset(["the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "its", "into", "which", "what", "how", "why", "does", "has", "have", "的", "是", "了", "在", "和", "与", "一", "个", "中"])


def content_words(text: str) -> list[str]:
    """Content words, for overlap with a fact: Latin words of 3+ letters, numbers, and the
    two-character words of each Chinese run (as the search index splits them). Single
    Chinese characters said too little: on the 157 curated questions, they rejected 12
    correct keys in Chinese; bigrams reject 1 and accept fewer wrong keys (6 -> 1)."""
    from llmstudy.core.textsearch import bigrams, runs

    text = text.casefold()
    found = re.findall(r"[a-z0-9][a-z0-9\-]{2,}|\d+", text)
    for cjk, run in runs(text):
        if cjk:
            found += bigrams(run)
    return [w for w in found if w not in STOP]


def _texts(value: Any, langs: tuple[str, ...]) -> list[str]:
    return [value] if len(langs) == 1 else [value[lang] for lang in langs]


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def validate_quiz(data: Any, topic_id: str, k: int, langs: tuple[str, ...]) -> tuple[list[dict[str, Any]], list[str]]:
    """The good questions of a reply (at most ``k``) and what was wrong with the others."""
    schema = quiz_schema(topic_id, k, langs)
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return [], ["the reply must be a JSON object with a list 'questions'"]
    found = [f"reply.{key} is not expected" for key in data if key != "questions"]
    good: list[dict[str, Any]] = []
    for i, q in enumerate(data["questions"]):
        errs = problems(q, schema["properties"]["questions"]["items"], f"questions[{i}]")
        if not errs:
            for lang_i in range(len(langs)):
                options = [_texts(o, langs)[lang_i] for o in q["options"]]
                fake = [o for o in options if placeholder(o)]
                if fake:
                    errs.append(f"questions[{i}].options must be answers, not placeholders like {fake[0]!r}")
                    break
                telling = [o for o in options if labelled(o)]
                if telling:
                    errs.append(f"questions[{i}].options must not say which is right, as {telling[0][:20]!r} does")
                    break
                if len({norm(o) for o in options}) != 4:
                    errs.append(f"questions[{i}].options must be 4 distinct answers")
                    break
        if errs:
            found += errs
        elif len(good) < k:
            good.append(q)
    if len(good) < k and not found:
        found.append(f"expected {k} questions, got {len(good)}")
    return good, found


def extract_json(text: str) -> Any:
    """The JSON object in a reply: the whole text, a ```json fence, or the outermost braces."""
    import json

    text = text.strip()
    candidates = [text]
    fence = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fence:
        candidates.append(fence.group(1))
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    for c in candidates:
        try:
            return json.loads(c)
        except json.JSONDecodeError:
            continue
    raise ValueError("the reply holds no JSON object")


def answer_letter(text: str) -> str | None:
    """The letter of a key-less answer: ``{"answer": "b"}``, or a lone letter in text."""
    try:
        data = extract_json(text)
        if isinstance(data, dict) and str(data.get("answer", "")).strip().lower()[:1] in LETTERS:
            return str(data["answer"]).strip().lower()[:1]
    except ValueError:
        pass
    match = re.search(r"\b([a-dA-D])\b", text)
    return match.group(1).lower() if match else None
