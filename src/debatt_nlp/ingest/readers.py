"""Dispatch an input to its reader: .txt, .pdf, .docx, TEI .xml, or a JSONL corpus file."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from debatt_nlp.ingest.docx import extract_docx_text
from debatt_nlp.ingest.pdf import extract_pdf_text
from debatt_nlp.ingest.tei import read_tei
from debatt_nlp.ingest.text_files import IngestError, InputFile, RawDocument, decode_bytes, read_text_file

FILE_SUFFIXES = frozenset({".txt", ".pdf", ".docx", ".xml"})
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")


def read_input(item: InputFile) -> RawDocument:
    """Read one file into a document; raises IngestError with the reason."""
    suffix = item.path.suffix.lower()
    if suffix == ".pdf":
        text, n_pages = extract_pdf_text(item.path)
        return _extracted(item, text, "pdf", {"pages": n_pages})
    if suffix == ".docx":
        return _extracted(item, extract_docx_text(item.path), "docx", None)
    if suffix == ".xml":
        text, metadata = read_tei(item.path)
        return _extracted(item, text, "tei", metadata)
    return read_text_file(item)


def _extracted(item: InputFile, text: str, source_format: str, metadata: dict | None) -> RawDocument:
    try:
        digest = hashlib.sha256(item.path.read_bytes()).hexdigest()
    except OSError as exc:
        raise IngestError(f"cannot be read: {exc}") from exc
    # Extracted text goes through the same checks as a decoded .txt (empty, control characters).
    decoded, _, warnings = decode_bytes(text.encode("utf-8"))
    return RawDocument(
        doc_id=item.doc_id,
        path=str(item.path),
        text=decoded,
        encoding=source_format,
        sha256=digest,
        warnings=warnings,
        source_format=source_format,
        source_metadata=metadata,
    )


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def iter_jsonl_documents(path: Path) -> Iterator[tuple[str, RawDocument | IngestError]]:
    """(location, document or error) per line ({"id", "text", …}); gzip is read transparently.

    A bad line gives an IngestError for that line (location "file:line"); the rest is still read.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield f"{path}:{number}", _jsonl_document(path, number, line)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield f"{path}:{number + 1}", IngestError(f"unreadable from line {number + 1} on: {exc}")


def _jsonl_document(path: Path, number: int, line: str) -> RawDocument | IngestError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(f"invalid JSON ({exc.msg})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return IngestError("no string field 'text'")
    doc_id = str(record.get("id") or f"{path.name}:{number}")
    try:
        text, encoding, warnings = decode_bytes(record["text"].encode("utf-8"))
    except IngestError as exc:
        return IngestError(f"{doc_id}: {exc}")
    metadata = {k: v for k, v in record.items() if k not in ("text", "id")}
    return RawDocument(
        doc_id=doc_id,
        path=f"{path}:{number}",
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(record["text"].encode("utf-8")).hexdigest(),
        warnings=warnings,
        source_format="jsonl",
        source_metadata=metadata or None,
    )
