"""Reading gold files (riksdag-qa `gold.jsonl` format) and building minimal Documents from text files.

`build_document` gives a Document with paragraphs and sentences only (no model): it is what the
alignment/directness benchmark and the tests use before, or instead of, the full pipeline.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from debatt_nlp.align.structure import split_paragraphs, split_sentences
from debatt_nlp.schema import Classification, Document, DocumentRole, Question, Sentence


def read_text(path: Path) -> str:
    """The file as the gold offsets index it: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build_document(path: Path, role: str) -> Document:
    raw = Path(path).read_bytes()
    return document_from_text(raw.decode("utf-8"), role, Path(path).name, str(path), raw)


def document_from_text(
    text: str, role: str, doc_id: str = "text", path: str | None = None, raw: bytes | None = None
) -> Document:
    """A Document with paragraphs and sentences (no model layers) for a text given as a string."""
    raw = text.encode("utf-8") if raw is None else raw
    paragraphs = split_paragraphs(text)
    sentences = [
        Sentence(start=s, end=e, text=text[s:e])
        for p in paragraphs
        for s, e in split_sentences(text, p.start, p.end)
    ]
    return Document(
        id=doc_id,
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding="utf-8",
        role=DocumentRole(role),
        classification=Classification(role=DocumentRole(role), confidence=1.0),
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
    )


def questions_from_gold(record: dict[str, Any], interpellation_text: str) -> list[Question]:
    """Question objects for a gold record's items (text, offsets and numbering from the gold)."""
    out = []
    for item in record["questions"]:
        text = interpellation_text[item["start"] : item["end"]]
        out.append(
            Question(
                start=item["start"],
                end=item["end"],
                text=text,
                n=item["n"],
                marker="numbered" if _numbered(interpellation_text, item["start"]) else "prose",
                clean_text=" ".join(text.split()),
            )
        )
    return out


def _numbered(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start].strip()
    return bool(prefix) and prefix.rstrip(".)").isdigit()
