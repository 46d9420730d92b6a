"""Start-up and stats benchmark: ratios to a bare `python -c pass`, measured in the same run.

Run with `make bench` (or `.venv/bin/python bench/bench.py [--rounds N]`). The commands
alternate round by round, so machine noise hits them all alike. For each it prints the
median wall time, the ratio to bare Python, and the peak resident memory of the process.
Then it builds a database with 100,000 sessions over three years and times the stats
queries in-process (median of several runs) and `llmstudy stats --json` end to end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

TARGET_RATIO = 6.0  # next, log, today
TARGET_OTHER_RATIO = 10.0  # every other command that does not call a model
HOT = ("llmstudy next", "llmstudy log 30m attention", "llmstudy today")
# Every command that runs without a model, with typical arguments.
COMMANDS: list[list[str]] = [
    ["next"],
    ["log", "30m", "attention"],
    ["--help"],
    ["topics"],
    ["show", "attention"],
    ["roadmap"],
    ["timeline"],
    ["resources", "attention"],
    ["tree"],
    ["stats"],
    ["sessions"],
    ["paths"],
    ["lab", "list"],
    ["export"],
    ["next", "--json"],
    ["today"],
    ["plan"],
    ["search", "attention"],
    ["quiz", "attention", "--offline", "-n", "1", "--seed", "1"],  # answers "1" on stdin
    ["review", "--forecast"],
    ["notes"],
    ["card", "list"],
    ["timer", "status"],
    ["teach", "attention", "--history"],
    ["undo", "--yes"],  # what the previous round's quiz or log left
    ["llm", "status"],
    ["llm", "log"],
    ["doctor"],
    ["log", "--help"],
]
STDIN = b"1\n" * 5
TARGET_PEAK_MIB = 25.0
TARGET_STATS_MS = 50.0


def entry_point() -> list[str]:
    script = Path(sys.executable).parent / "llmstudy"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from llmstudy.main import main; main()"]


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system) of one run of ``cmd``.

    CPU time is the steadier figure on a shared machine: waiting for a core is not in it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    try:
        proc.stdin.write(STDIN)
        proc.stdin.close()
    except BrokenPipeError:  # it ended without reading
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{cmd} failed: {err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def startup(rounds: int, home: Path) -> dict[str, tuple[float, float, float, float]]:
    """Per command: median wall seconds, its ratio to ``python -c pass``, peak MiB, and the
    ratio of median CPU times."""
    # Measure what a user runs: modules loaded from bytecode. (Some environments set
    # PYTHONDONTWRITEBYTECODE, which makes every run compile every module from source.)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "LLMSTUDY_HOME": str(home),
        "NO_COLOR": "1",
    }
    import compileall

    import llmstudy

    compileall.compile_dir(str(Path(llmstudy.__file__).parent), quiet=1)
    llm = entry_point()
    cases = {"python -c pass": [sys.executable, "-c", "pass"]} | {
        f"llmstudy {' '.join(args)}": [*llm, *args] for args in COMMANDS
    }
    for cmd in cases.values():  # warm: migrate, load the catalog, fill the OS cache
        run_once(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in cases}
    cpus: dict[str, list[float]] = {k: [] for k in cases}
    peaks: dict[str, float] = dict.fromkeys(cases, 0.0)
    for _ in range(rounds):
        for name, cmd in cases.items():
            t, rss, cpu = run_once(cmd, env)
            times[name].append(t)
            cpus[name].append(cpu)
            peaks[name] = max(peaks[name], rss)
    base = statistics.median(times["python -c pass"])
    cpu_base = statistics.median(cpus["python -c pass"])
    return {
        k: (statistics.median(v), statistics.median(v) / base, peaks[k], statistics.median(cpus[k]) / cpu_base)
        for k, v in times.items()
    }


def big_database(path: Path, n: int) -> None:
    from llmstudy.context import bundled_data_dir
    from llmstudy.storage.store import Store

    store = Store.open(path, bundled_data_dir())
    topics = list(store.topics())
    rng = random.Random(42)
    today = dt.date.today()
    rows = []
    for _ in range(n):
        day = today - dt.timedelta(days=rng.randrange(3 * 365))
        topic = rng.choice(topics)
        stamp = f"{day.isoformat()}T12:00:00+00:00"
        rows.append(
            (
                uuid.uuid4().hex,
                topic,
                rng.randrange(10, 120),
                day.isoformat(),
                rng.randrange(1, 7),
                None,
                stamp,
                stamp,
            )
        )
    with store.write():
        store.conn.executemany(
            "INSERT INTO sessions (id, topic, minutes, day, week, note, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    store.conn.execute("ANALYZE")
    store.close()


def stats_query_ms(path: Path, repeats: int) -> float:
    from llmstudy.actions.tracking import stats
    from llmstudy.context import bundled_data_dir
    from llmstudy.storage.store import Store

    store = Store.open(path, bundled_data_dir())
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        stats(store, dt.date.today(), dt.datetime.now(dt.UTC), 15)
        samples.append((time.perf_counter() - start) * 1000)
    store.close()
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="llmstudy-bench-"))
    # Start-up, not compilation: an installed wheel has its bytecode, but a source checkout
    # whose .pyc are stale (or never written: PYTHONDONTWRITEBYTECODE) compiles the changed
    # modules on every run (measured here: `next` took 164 ms of CPU from a tree without
    # .pyc, 88 ms with them).
    import compileall

    import llmstudy

    compileall.compile_dir(str(Path(llmstudy.__file__).parent), quiet=1)
    try:
        print(f"start-up, median of {args.rounds} alternating rounds (ratio to python -c pass)")
        results = startup(args.rounds, tmp / "home")
        print("  | command | median | ratio | CPU ratio | peak memory | target (on the ratio) |")
        print("  | --- | --- | --- | --- | --- | --- |")
        for name, (secs, ratio, peak, cpu_ratio) in results.items():
            target = "" if name == "python -c pass" else (f"≤{TARGET_RATIO:g}×" if name in HOT else f"≤{TARGET_OTHER_RATIO:g}×")
            limit = TARGET_RATIO if name in HOT else TARGET_OTHER_RATIO
            flag = "" if not target else (" ok" if ratio <= limit else " OVER")
            print(f"  | `{name}` | {secs * 1000:.0f} ms | {ratio:.1f}× | {cpu_ratio:.1f}× | {peak:.0f} MiB | {target}{flag} |")

        big = tmp / "big.db"
        big_database(big, args.sessions)
        ms = stats_query_ms(big, 9)
        flag = "ok" if ms <= TARGET_STATS_MS else "OVER TARGET"
        print(f"stats on {args.sessions:,} sessions over three years")
        print(f"  query time (median of 9)  {ms:6.1f} ms  {flag} (target {TARGET_STATS_MS:.0f} ms)")
        env = dict(os.environ, NO_COLOR="1")
        base = statistics.median(run_once([sys.executable, "-c", "pass"], env)[0] for _ in range(5))
        wall = statistics.median(
            run_once([*entry_point(), "--db", str(big), "stats", "--json"], env)[0] for _ in range(5)
        )
        print(f"  llmstudy stats --json     {wall * 1000:6.1f} ms  {wall / base:5.2f}x")
        wall = statistics.median(run_once([*entry_point(), "--db", str(big), "sessions"], env)[0] for _ in range(5))
        print(f"  llmstudy sessions         {wall * 1000:6.1f} ms  {wall / base:5.2f}x  (latest 20 of {args.sessions:,})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
