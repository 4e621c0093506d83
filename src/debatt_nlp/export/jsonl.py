"""JSONL output: one schema record per line, serialised by pydantic (the contract)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel

from debatt_nlp.export.atomic import atomic_writer


def write_records(handle: TextIO, records: Iterable[BaseModel]) -> int:
    count = 0
    for record in records:
        handle.write(record.model_dump_json())
        handle.write("\n")
        count += 1
    return count


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    with atomic_writer(path) as handle:
        return write_records(handle, records)
