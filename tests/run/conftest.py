"""Fixtures of the runner tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_builder import build_corpus


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return build_corpus(tmp_path / "corpus", 4)
