"""Search benchmark: 10,000 notes (Chinese, English, mixed) plus the curated catalog.

Run with `.venv/bin/python bench/bench_search.py`. It times, in-process, the median of
several runs of each query through the store (the index the program uses: unicode61 over
CJK-bigram-expanded text), against the alternative the issue names: the trigram tokenizer,
with a LIKE scan for one- and two-character queries (trigrams cannot match them; on SQLite
3.40 such a LIKE on the trigram column itself silently finds nothing, so it scans a plain
copy). The LIKE scan cannot rank: it reads every match. Then it
times `llmstudy search --json` end to end. Target: every query under 50 ms.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from llmstudy.context import bundled_data_dir
from llmstudy.core.textsearch import parse_query
from llmstudy.storage.store import Store

NOTES = 10_000
TARGET_MS = 50.0
QUERIES = ["点", "点积", "注意力", "注意力机", "q", "kv", "dot", "soft", "attention", "低秩 rank", "梯度消失", "zzzz"]
ZH = ["注意力", "点积", "缩放", "梯度", "消失", "残差", "连接", "归一化", "低秩", "分解", "词元", "嵌入", "位置", "编码", "解码器", "编码器", "温度", "采样", "量化", "蒸馏"]
EN = ["attention", "dot", "product", "softmax", "scaled", "gradient", "residual", "layer", "norm", "rank", "adapter", "token", "embedding", "kv", "cache", "query", "key", "value", "decoder"]


def note_text(rng: random.Random) -> str:
    parts = [rng.choice(ZH) + rng.choice(ZH) for _ in range(rng.randint(3, 12))]
    parts += [rng.choice(EN) for _ in range(rng.randint(3, 12))]
    rng.shuffle(parts)
    return "，".join(parts) if rng.random() < 0.5 else " ".join(parts)


def median_ms(fn: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(11)
    data = bundled_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store.open(db, data)
        topics = list(store.topics())
        texts = [note_text(rng) for _ in range(NOTES)]
        start = time.perf_counter()
        for text in texts:  # one transaction per note, as `llmstudy note` does
            store.add_note(rng.choice(topics), text)
        print(f"indexed {NOTES} notes one command at a time: {(time.perf_counter() - start) / NOTES * 1000:.2f} ms per note")
        rows = store.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
        print(f"index rows (notes + curated): {rows}")

        # The alternative: trigram over the raw text, LIKE for queries of one or two characters.
        tri = sqlite3.connect(":memory:")
        tri.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
        bodies = [(b,) for (b,) in store.conn.execute("SELECT body FROM search_index")]
        tri.executemany("INSERT INTO t (body) VALUES (?)", bodies)
        # On SQLite 3.40 a LIKE of fewer than three characters on a trigram column silently
        # matches nothing, so the fallback needs a plain copy of the text.
        tri.execute("CREATE TABLE plain (body TEXT)")
        tri.executemany("INSERT INTO plain (body) VALUES (?)", bodies)
        assert not tri.execute("SELECT count(*) FROM t WHERE body LIKE '%点积%'").fetchone()[0]

        def trigram(q: str) -> int:
            words = q.split()
            if all(len(w) >= 3 for w in words):
                expr = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
                return len(tri.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20", (expr,)).fetchall())
            # LIKE cannot rank: every match has to be read to choose the best twenty.
            where = " AND ".join("body LIKE ?" for _ in words)
            return len(tri.execute(f"SELECT rowid, body FROM plain WHERE {where}", [f"%{w}%" for w in words]).fetchall())

        print(f"\n{'query':<12} {'ours ms':>8} {'hits':>5}   {'trigram/LIKE ms':>15}")
        worst = 0.0
        for q in QUERIES:
            parsed = parse_query(q)
            ours = median_ms(partial(store.search, parsed, None, 20))
            n = len(store.search(parsed, None, 20))
            other = median_ms(partial(trigram, q))
            worst = max(worst, ours)
            print(f"{q:<12} {ours:8.2f} {n:5d}   {other:15.2f}")
        print(f"\nslowest query over {NOTES} notes: {worst:.2f} ms (target < {TARGET_MS:.0f} ms)"
              f" {'OK' if worst < TARGET_MS else 'SLOW'}")
        store.close()

        script = Path(sys.executable).parent / "llmstudy"
        cmd = [str(script)] if script.exists() else [sys.executable, "-m", "llmstudy"]
        env_cmd = [*cmd, "--db", str(db), "search", "注意力", "--json"]
        wall = median_ms(lambda: subprocess.run(env_cmd, capture_output=True, check=True), runs=5)
        print(f"`llmstudy search 注意力 --json` end to end: {wall:.0f} ms")


if __name__ == "__main__":
    main()
