"""Shared fixtures: the seed documents (in the repo) and ../shared data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import RIKSDAG_QA_DEV, SEED_INTERPELLATION, SEED_REPLY, read_original


@pytest.fixture(scope="session")
def seed_texts() -> tuple[str, str]:
    return read_original(SEED_INTERPELLATION), read_original(SEED_REPLY)


@pytest.fixture(scope="session")
def riksdag_qa_dev() -> Path:
    if not (RIKSDAG_QA_DEV / "gold.jsonl").exists():
        pytest.skip("../shared/data/riksdag-qa/dev is not available")
    return RIKSDAG_QA_DEV
