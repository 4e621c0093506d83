"""Output files are written atomically: an interrupted run leaves the previous output, never half
a file, and no temporary file behind; a finished file has the permissions a new file would get."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from debatt_nlp import api
from debatt_nlp.api import AnnotateOptions, annotate_to_jsonl
from debatt_nlp.export.atomic import atomic_writer
from helpers import SEED_INTERPELLATION, SEED_REPLY


def test_an_interrupted_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "annotations.jsonl"
    target.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write('{"id": "half a record"')
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.jsonl"]


def test_a_finished_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with atomic_writer(tmp_path / "out.jsonl") as handle:
            handle.write("x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o640


def test_annotate_interrupted_mid_run_leaves_no_partial_output(tmp_path: Path, monkeypatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in (SEED_INTERPELLATION, SEED_REPLY):
        shutil.copy(seed, inputs / seed.name)
    (inputs / "other.txt").write_text("Interpellation om parker\n\nNär öppnar parken?\n", encoding="utf-8")
    target = tmp_path / "annotations.jsonl"
    target.write_text("previous run\n", encoding="utf-8")

    real_writer = api._line_writer

    def writer_that_dies_after_one_record(handle):
        write = real_writer(handle)
        calls = []

        def once(exchange):
            if calls:
                raise KeyboardInterrupt  # as if Ctrl-C arrived after the first record was written
            calls.append(exchange)
            write(exchange)

        return once

    monkeypatch.setattr(api, "_line_writer", writer_that_dies_after_one_record)
    with pytest.raises(KeyboardInterrupt):
        annotate_to_jsonl([inputs], target, options=AnnotateOptions(model="blank"))
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.jsonl", "in"]
