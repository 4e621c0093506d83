"""Output files are written atomically: an interrupted run leaves the previous output, never half
a file, and no temporary file behind; a finished file has the permissions a new file would get."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from debatt_nlp.export.atomic import atomic_writer


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
