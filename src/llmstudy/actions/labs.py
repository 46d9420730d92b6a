"""Labs: start one (the starter file in the learner's folder), check it, hints, the solution.

The checks run in a child process (``labs.runner``); NumPy is imported there only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from llmstudy.actions.files import write_atomic
from llmstudy.actions.results import LabChecked, LabHint, LabList, LabSolution, LabStarted
from llmstudy.core.records import Bi
from llmstudy.errors import NotFoundError, UsageError
from llmstudy.labs.catalog import Lab, get_lab, load_labs
from llmstudy.labs.runner import run_checks
from llmstudy.storage.store import Store


def lab_file(labs_dir: Path, lab: Lab) -> Path:
    return labs_dir / f"{lab.id.replace('-', '_')}.py"


def list_labs(store: Store) -> LabList:
    states = store.lab_states()
    return LabList(tuple((lab, states.get(lab.id)) for lab in load_labs()))


def start(store: Store, now: dt.datetime, lab_id: str, labs_dir: Path, reset: bool) -> LabStarted:
    """Write the starter file; never over the learner's edits (``reset`` keeps a backup)."""
    lab = get_lab(lab_id)
    path = lab_file(labs_dir, lab)
    existed = path.exists()
    backup = None
    if existed and reset:
        backup = path.with_name(f"{path.stem}.{now.strftime('%Y%m%d-%H%M%S')}.bak.py")
        path.replace(backup)
    if not existed or reset:
        write_atomic(path, (lab.dir / "starter.py").read_text(encoding="utf-8"))
    store.start_lab(lab.id, lab.topic, str(path))
    return LabStarted(lab, path, existed and not reset, backup)


def _started(store: Store, lab_id: str | None) -> tuple[Lab, Path]:
    if lab_id is None:
        lab_id = store.meta("last_lab")
        if lab_id is None:
            raise UsageError(
                Bi("还没有开始任何实验", "no lab started yet"),
                hint=Bi("llmstudy lab list，然后 llmstudy lab start 实验名", "llmstudy lab list, then llmstudy lab start LAB"),
            )
    lab = get_lab(lab_id)
    state = store.lab_states().get(lab.id)
    if state is None:
        raise NotFoundError(Bi(f"实验 {lab.id} 还没有开始", f"lab {lab.id} is not started"), hint=Bi(f"llmstudy lab start {lab.id}", f"llmstudy lab start {lab.id}"))
    return lab, Path(state.file)


def check(store: Store, lab_id: str | None) -> LabChecked:
    lab, path = _started(store, lab_id)
    run = run_checks(lab, path)
    passed = sum(1 for c in run.checks if c.passed)
    first = store.record_lab_attempt(lab.id, run.passed, passed, len(run.checks), run.error_kind)
    return LabChecked(lab, path, run, first)


def hint(store: Store, lab_id: str | None) -> LabHint:
    lab, _ = _started(store, lab_id)
    number = store.next_hint(lab.id, len(lab.hints))
    return LabHint(lab, number, len(lab.hints))


def solution(store: Store, lab_id: str, force: bool) -> LabSolution:
    lab = get_lab(lab_id)
    state = store.lab_states().get(lab.id)
    if not force and (state is None or state.passed_at is None):
        raise UsageError(
            Bi(f"{lab.id} 的参考答案在你第一次通过后开放", f"the solution of {lab.id} opens after your first pass"),
            hint=Bi(
                f"llmstudy lab check {lab.id}，或 llmstudy lab solution {lab.id} --force",
                f"llmstudy lab check {lab.id}, or llmstudy lab solution {lab.id} --force",
            ),
        )
    return LabSolution(lab, (lab.dir / "solution.py").read_text(encoding="utf-8"))
