"""Archive metadata beside the documents: a CSV or JSONL "sidecar", one row per document.

Every archive ships metadata the text itself may not state (the Riksdag's index with the date of
sending and answering, a municipal register's CSV). A sidecar row is keyed by `file` (the file
name, or its path relative to the input folder) or by `id` (for JSONL corpora), and may carry the
documented columns in `COLUMNS`. Other columns are kept verbatim in the document's
`source_metadata["sidecar"]` but fill nothing.

`read_sidecar` checks the whole file before any work starts: a row without a key, a duplicate
key, a date that is not an ISO day, a malformed line are a `SidecarError` naming the file and the
line (the CLI exits 2). Matching the rows to inputs, and refusing rows that name no input, is the
runner's (`debatt_nlp.run.items`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

# column -> what it fills (Metadata field, or "author.name" style for persons)
COLUMNS: dict[str, str] = {
    "date": "date",
    "title": "title",
    "topic": "topic",
    "body": "body",
    "dnr": "dnr",
    "place": "place",
    "riksdag_number": "riksdag_number",
    "author": "author.name",
    "author_party": "author.party",
    "author_role": "author.role",
    "addressee": "addressee.name",
    "addressee_party": "addressee.party",
    "addressee_role": "addressee.role",
}
KEY_COLUMNS = ("file", "id")
SIDECAR_NAMES = ("metadata.csv", "metadata.jsonl")


class SidecarError(Exception):
    """A sidecar file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class SidecarRow:
    source: str  # "metadata.csv:12"
    key_column: str  # file | id
    key: str
    values: dict[str, str]  # documented columns with a non-empty value
    extra: dict[str, str] = field(default_factory=dict)  # other columns, kept verbatim

    def as_source_metadata(self) -> dict[str, str]:
        return {self.key_column: self.key, **self.values, **self.extra}


@dataclass
class Sidecar:
    path: Path
    rows: list[SidecarRow]
    unknown_columns: list[str]


def read_sidecar(path: Path) -> Sidecar:
    """Read and check a sidecar file (.csv or .jsonl; UTF-8, a BOM is allowed)."""
    if not path.is_file():
        raise SidecarError(f"{path}: no such metadata file")
    if path.name.lower().endswith((".jsonl", ".ndjson")):
        records = list(_jsonl_records(path))
    elif path.suffix.lower() in (".csv", ".tsv"):
        records = list(_csv_records(path))
    else:
        raise SidecarError(f"{path}: a metadata file must be .csv, .tsv or .jsonl")
    rows: list[SidecarRow] = []
    seen: dict[tuple[str, str], str] = {}
    unknown: dict[str, None] = {}
    for line, record in records:
        row = _row(path, line, record)
        for name in row.extra:
            unknown.setdefault(name)
        where = seen.get((row.key_column, row.key))
        if where is not None:
            raise SidecarError(f"{row.source}: duplicate {row.key_column} {row.key!r} (first on {where})")
        seen[(row.key_column, row.key)] = row.source
        rows.append(row)
    return Sidecar(path, rows, list(unknown))


def _csv_records(path: Path):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first.count)
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    if not reader.fieldnames:
        raise SidecarError(f"{path}:1: no header line")
    for record in reader:
        if None in record:
            raise SidecarError(f"{path}:{reader.line_num}: more fields than the header has")
        yield reader.line_num, record


def _jsonl_records(path: Path):
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SidecarError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise SidecarError(f"{path}:{number}: a line must be a JSON object")
        yield number, record


def _row(path: Path, line: int, record: dict) -> SidecarRow:
    source = f"{path}:{line}"
    cleaned: dict[str, str] = {}
    for name, value in record.items():
        name = str(name).strip()
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            raise SidecarError(f"{source}: column {name!r} must hold a single value")
        text = " ".join(str(value).split())
        if text:
            cleaned[name] = text
    keys = [(column, cleaned[column]) for column in KEY_COLUMNS if column in cleaned]
    if not keys:
        raise SidecarError(f"{source}: the row has no 'file' or 'id' to say which document it describes")
    key_column, key = keys[0]
    if "date" in cleaned:
        cleaned["date"] = _iso_day(source, cleaned["date"])
    values = {name: value for name, value in cleaned.items() if name in COLUMNS}
    extra = {
        name: value for name, value in cleaned.items() if name not in COLUMNS and name not in KEY_COLUMNS
    }
    return SidecarRow(source, key_column, key, values, extra)


def _iso_day(source: str, value: str) -> str:
    """An ISO day ("2021-03-22"; a time after it, "2021-03-22T10:00", is dropped)."""
    day, rest = value[:10], value[10:]
    try:
        if rest and rest[0] not in "T ":
            raise ValueError(value)
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        raise SidecarError(f"{source}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None
