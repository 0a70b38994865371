"""Figures that tests report for the end of the run: table sizes, counts, timings.

A test hands its figures to ``report``; ``tests/conftest.py`` prints them after the test
summary, in a section each. Printing them from the test instead would lose them when the
suite runs in several processes (pytest-xdist shows no worker's output, with or without
``-s``): a worker sends what it collected here to the controller with its results.
"""

import pytest

FIGURES = pytest.StashKey[list]()


def report(config: pytest.Config, section: str, text: str) -> None:
    """Print ``text`` under the heading ``section`` at the end of the run."""
    config.stash.setdefault(FIGURES, []).append((section, text))
