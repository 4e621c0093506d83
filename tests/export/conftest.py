"""Fixtures for the export tests: the seeds as the real pipeline annotates them (once per session)."""

from __future__ import annotations

import pytest

from debatt_nlp.schema import Exchange
from helpers import SEEDS


@pytest.fixture(scope="session")
def annotated_seeds() -> list[Exchange]:
    """`annotate_paths` on seeds/: loading the NLP stack costs seconds, so it is done once and shared."""
    from debatt_nlp.api import annotate_paths  # imported here: the pure report tests stay fast

    run = annotate_paths([SEEDS])
    assert not run.errors, run.errors
    return run.exchanges
