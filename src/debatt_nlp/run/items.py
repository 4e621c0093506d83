"""Work items: every input the user named, numbered in input order, each with a unique id.

An item is a file to read, a document already read (a JSONL line), or an input that failed while
being found. Items get their final id here, in input order (the same relative name under two
roots becomes "name" and "name#2"), so ids never depend on which worker finished first. Archive
metadata rows (sidecars, `debatt_nlp.ingest.sidecar`) are matched to items here as well; the
matching is checked for the whole run before any work starts (`check_sidecars`).

Items are produced lazily: a JSONL corpus is read line by line as the run asks for documents.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from debatt_nlp.ingest.readers import FILE_SUFFIXES, is_jsonl, iter_jsonl_documents
from debatt_nlp.ingest.sidecar import SIDECAR_NAMES, Sidecar, SidecarError, SidecarRow, read_sidecar
from debatt_nlp.ingest.text_files import IngestError, InputFile, RawDocument, discover
from debatt_nlp.run.options import InputFormat


@dataclass
class WorkItem:
    seq: int  # position in input order
    location: str  # what the user sees in errors: the path, or "corpus.jsonl:12"
    doc_id: str  # unique in the run
    file: InputFile | None = None
    raw: RawDocument | None = None
    error: IngestError | None = None
    root: Path | None = None  # the input folder the file was found under
    sidecar: SidecarRow | None = None

    def reuse_key(self) -> str | None:
        """What makes an earlier annotation of this input reusable: its id, its bytes and its
        sidecar row (a corrected date in the register must not be answered from the journal)."""
        content = self.content_hash()
        if content is None:
            return None
        return reuse_key(self.doc_id, content, self.sidecar.as_source_metadata() if self.sidecar else None)

    def content_hash(self) -> str | None:
        if self.raw is not None:
            return self.raw.sha256
        if self.file is not None:
            try:
                with open(self.file.path, "rb") as handle:
                    return hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                return None
        return None


def reuse_key(doc_id: str, content_hash: str, sidecar_row: dict | None) -> str:
    row = json.dumps(sidecar_row, sort_keys=True, ensure_ascii=False) if sidecar_row else ""
    return hashlib.sha256(f"{doc_id}\0{content_hash}\0{row}".encode()).hexdigest()


class SidecarIndex:
    """The rows of every sidecar of a run, looked up by input."""

    def __init__(self, sidecars: list[tuple[Sidecar, Path | None]]) -> None:
        self._global: dict[str, SidecarRow] = {}
        self._scoped: dict[tuple[Path, str], SidecarRow] = {}
        self.sidecars = [sidecar for sidecar, _ in sidecars]
        for sidecar, root in sidecars:
            for row in sidecar.rows:
                key = row.key.removeprefix("./")
                if root is None:
                    self._global.setdefault(key, row)
                else:
                    self._scoped.setdefault((root, key), row)

    def __bool__(self) -> bool:
        return bool(self._global or self._scoped)

    def match(self, item: WorkItem) -> SidecarRow | None:
        keys = [item.doc_id]
        if item.file is not None:
            keys.append(item.file.path.name)
        found = []
        for key in keys:
            if item.root is not None and (item.root, key) in self._scoped:
                found.append(self._scoped[(item.root, key)])
            elif key in self._global:
                found.append(self._global[key])
        return found[0] if found else None


def load_sidecars(paths: Iterable[Path], metadata_files: Iterable[Path]) -> SidecarIndex:
    """The sidecars named with --metadata (for every input) and those found in input folders
    (`metadata.csv`, `metadata.jsonl`: for the files of that folder). Raises SidecarError."""
    sidecars: list[tuple[Sidecar, Path | None]] = [(read_sidecar(Path(p)), None) for p in metadata_files]
    for root in paths:
        if root.is_dir():
            for name in SIDECAR_NAMES:
                if (root / name).is_file():
                    sidecars.append((read_sidecar(root / name), root))
    return SidecarIndex(sidecars)


def iter_items(
    paths: Iterable[Path], input_format: InputFormat, sidecars: SidecarIndex | None = None
) -> Iterator[WorkItem]:
    """Every input under `paths`, in order, with a unique id and its sidecar row."""
    taken: dict[str, int] = {}
    for item in _raw_items(list(paths), input_format):
        _make_unique(item, taken)
        if sidecars:
            item.sidecar = sidecars.match(item)
        yield item


def check_sidecars(paths: Iterable[Path], input_format: InputFormat, sidecars: SidecarIndex) -> None:
    """Before any work: every sidecar row names exactly one input, and no input has two rows.
    Raises SidecarError naming the file and line."""
    if not sidecars:
        return
    used: dict[int, str] = {}
    for item in iter_items(paths, input_format, sidecars):
        if item.sidecar is None:
            continue
        first = used.setdefault(id(item.sidecar), item.doc_id)
        if first != item.doc_id:
            raise SidecarError(
                f"{item.sidecar.source}: {item.sidecar.key!r} names several inputs ({first}, "
                f"{item.doc_id}); give the path relative to the input folder"
            )
    for sidecar in sidecars.sidecars:
        for row in sidecar.rows:
            if id(row) not in used:
                raise SidecarError(f"{row.source}: {row.key_column} {row.key!r} names no input of this run")


def _raw_items(paths: list[Path], input_format: InputFormat) -> Iterator[WorkItem]:
    seq = 0
    for path in paths:
        if input_format == "jsonl" or (path.is_file() and is_jsonl(path)):
            for location, result in iter_jsonl_documents(path):
                if isinstance(result, IngestError):
                    yield WorkItem(seq, location, location, error=result)
                else:
                    yield WorkItem(seq, location, result.doc_id, raw=result)
                seq += 1
            continue
        root = path if path.is_dir() else None
        for found in discover([path], FILE_SUFFIXES):
            yield WorkItem(seq, str(found.path), found.doc_id, file=found, root=root)
            seq += 1


def _make_unique(item: WorkItem, taken: dict[str, int]) -> None:
    base = item.doc_id
    if base not in taken:
        taken[base] = 1
        return
    n = taken[base] + 1
    while f"{base}#{n}" in taken:
        n += 1
    taken[base] = n
    item.doc_id = f"{base}#{n}"
    taken[item.doc_id] = 1
    if item.raw is not None:
        item.raw.doc_id = item.doc_id
    if item.file is not None:
        item.file = InputFile(item.file.path, item.doc_id)
