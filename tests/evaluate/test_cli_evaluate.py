"""`debatt-nlp annotate` on the seeds, then `debatt-nlp evaluate` against corpus/seeds-gold.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from debatt_nlp.cli import app
from helpers import REPO, SEEDS

runner = CliRunner()


def test_annotate_then_evaluate_the_seeds(tmp_path: Path) -> None:
    pred = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["annotate", str(SEEDS), "-o", str(pred), "--model", "blank"])
    assert result.exit_code == 0, result.output
    out_json = tmp_path / "figures.json"
    result = runner.invoke(
        app, ["evaluate", str(pred), str(REPO / "corpus" / "seeds-gold.jsonl"), "--json", str(out_json)]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out_json.read_text(encoding="utf-8"))
    assert "pairing" in result.output and "alignment" in result.output
    assert figures["n_matched_exchanges"] == 1
    assert figures["pairing"]["accuracy"] == 1.0
    assert figures["questions"]["f1"] == 1.0  # the three numbered questions of the seed
    # Every seed question is aligned and labelled by the pipeline.
    assert figures["directness"]["n"] == 3
    assert all(q["pred"] for q in figures["alignment"]["per_question"])
