"""Tidy tables flattened from the schema: one row per document, question, entity, amount, date."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from debatt_nlp.export.atomic import atomic_writer
from debatt_nlp.schema import Exchange

TABLES = ("documents", "questions", "entities", "amounts", "dates")


def table_rows(exchanges: Iterable[Exchange]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for exchange in exchanges:
        for doc in exchange.documents:
            meta = doc.metadata
            rows["documents"].append(
                {
                    "exchange_id": exchange.id,
                    "document_id": doc.id,
                    "path": doc.path,
                    "role": doc.role.value,
                    "role_confidence": doc.classification.confidence,
                    "title": meta.title,
                    "topic": meta.topic,
                    "author": meta.author.name if meta.author else None,
                    "author_party": meta.author.party if meta.author else None,
                    "author_role": meta.author.role if meta.author else None,
                    "addressee": meta.addressee.name if meta.addressee else None,
                    "addressee_party": meta.addressee.party if meta.addressee else None,
                    "addressee_role": meta.addressee.role if meta.addressee else None,
                    "date": meta.date,
                    "place": meta.place,
                    "dnr": meta.dnr,
                    "riksdag_number": meta.riksdag_number,
                    "n_paragraphs": len(doc.paragraphs),
                    "n_sentences": len(doc.sentences),
                    "pairing_confidence": exchange.pairing.confidence if exchange.pairing else None,
                    "warnings": ";".join(w.code for w in doc.warnings),
                }
            )
            for layer in ("entities", "amounts", "dates"):
                for span in getattr(doc, layer):
                    rows[layer].append(
                        {"exchange_id": exchange.id, "document_id": doc.id, **span.model_dump(mode="json")}
                    )
        for question in exchange.questions:
            directness = question.directness
            rows["questions"].append(
                {
                    "exchange_id": exchange.id,
                    "document_id": exchange.documents[0].id,
                    "n": question.n,
                    "marker": question.marker,
                    "start": question.start,
                    "end": question.end,
                    "text": question.clean_text,
                    "n_answer_spans": len(question.answer_spans),
                    "question_type": directness.question_type if directness else None,
                    "label": directness.label if directness else None,
                    "evasion_type": directness.evasion_type if directness else None,
                    "score": directness.score if directness else None,
                }
            )
    return rows


def write_tables(directory: Path, exchanges: Iterable[Exchange]) -> list[Path]:
    """Write one CSV per table into `directory`; returns the paths written."""
    written = []
    for name, rows in table_rows(exchanges).items():
        path = Path(directory) / f"{name}.csv"
        fieldnames = list(rows[0]) if rows else ["exchange_id", "document_id"]
        with atomic_writer(path, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        written.append(path)
    return written


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value
