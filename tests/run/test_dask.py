"""The Dask engine writes the bytes the local engine writes (a LocalCluster of two workers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from debatt_nlp.run import RunOptions, annotate_to_jsonl

pytest.importorskip("distributed", reason="the dask extra is not installed")


def test_dask_local_cluster_gives_the_local_engines_bytes(small_corpus: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    annotate_to_jsonl([small_corpus], local, RunOptions(workers=1))
    summary = annotate_to_jsonl([small_corpus], dask, RunOptions(engine="dask", workers=2, batch_size=1))
    assert summary.n_annotated == 8 and not summary.errors
    assert dask.read_bytes() == local.read_bytes()
