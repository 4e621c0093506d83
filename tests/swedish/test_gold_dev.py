"""The riksdag-qa dev gold, value level: the issue's bar (F1 >= 0.95 for MONEY, PERCENT, DATE).

Runs benchmarks/amounts_dates_gold.py's scorer; skips without ../shared.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "amounts_dates_gold.py"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("amounts_dates_gold", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_value_level_f1_on_dev(riksdag_qa_dev: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = _load_benchmark().run(riksdag_qa_dev, show_errors=False)
    capsys.readouterr()
    for label in ("MONEY", "PERCENT", "DATE"):
        assert results[label]["gold"] > 0
        assert results[label]["f1"] >= 0.95, (label, results[label])
    assert results["DURATION"]["f1"] >= 0.9, results["DURATION"]
