"""Labs: the learner implements an idea of the curriculum in a small Python file; the checks run in a child process.

``catalog`` reads the bundled labs (``content/<lab-id>/``), ``runner`` checks a
learner's file through ``harness.py`` in an isolated subprocess. Nothing here
imports NumPy; only the child process does.
"""
