"""Labs: the learner implements an idea of the curriculum in a small Python file; the checks run in a child process.

``catalog`` reads the bundled labs (``content/<lab-id>/``), ``runner`` checks a
learner's file through ``harness.py`` in an isolated subprocess. Nothing here
imports NumPy; only the child process does.
"""

from __future__ import annotations

from llmstudy.labs.catalog import Lab, LabDataError, UnknownLab, get_lab, load_labs
from llmstudy.labs.runner import CheckResult, LabFileMissing, LabRun, run_checks, run_checks_batch

__all__ = [
    "CheckResult",
    "Lab",
    "LabDataError",
    "LabFileMissing",
    "LabRun",
    "UnknownLab",
    "get_lab",
    "load_labs",
    "run_checks",
    "run_checks_batch",
]
