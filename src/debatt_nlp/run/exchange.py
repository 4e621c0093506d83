"""The corpus and exchange stages: pair the documents, then align & score every pair.

Records are written in id order. A record's documents are spliced into it as the JSON the
assemble stage wrote (`Document.model_dump_json()`), never parsed again: only a pair's questions
are, for the align & score stage. `exchange_line` builds exactly what `Exchange.model_dump_json()`
would (the tests hold it to that), so an unpaired 20 MB document costs one string, not a second
copy of its million spans as Python objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic_core import to_json

from debatt_nlp.align import answer_questions
from debatt_nlp.pair.pairing import PairResult, pair_documents
from debatt_nlp.run.journal import Entry
from debatt_nlp.run.options import RunOptions
from debatt_nlp.schema import Document, DocumentRole, Pairing, Question, Span


@dataclass(frozen=True)
class AnswerTask:
    interpellation_json: str
    reply_json: str
    questions_json: str
    options: RunOptions


def pair(entries: dict[str, Entry]) -> list[PairResult]:
    """The corpus stage: every reply with its interpellation (`debatt_nlp.pair`)."""
    ordered = sorted(entries.values(), key=lambda entry: entry.doc_id)
    return pair_documents(
        [e.candidate for e in ordered if e.role == DocumentRole.interpellation],
        [e.candidate for e in ordered if e.role == DocumentRole.reply],
    )


def answer_exchange(task: AnswerTask) -> str:
    """The exchange stage for one pair: the questions with answer spans and directness (JSON)."""
    interpellation = Document.model_validate_json(task.interpellation_json)
    reply = Document.model_validate_json(task.reply_json)
    questions = [Question.model_validate(q) for q in json.loads(task.questions_json)]
    answered = answer_questions(link_restatements(questions, reply), interpellation, reply)
    return "[" + ",".join(q.model_dump_json() for q in answered) + "]"


def link_restatements(questions: list[Question], reply: Document) -> list[Question]:
    """Point each question to the reply's restatement of it, when the reply restates all of them."""
    by_n = {r.n: r for r in reply.restated_questions}
    if len(by_n) != len(questions):
        return questions
    return [
        q.model_copy(
            update={"restated_in_reply": Span(start=by_n[q.n].start, end=by_n[q.n].end, text=by_n[q.n].text)}
        )
        for q in questions
    ]


@dataclass
class Plan:
    """One output record, before its JSON is read: the interpellation (or the unpaired document),
    and for a pair the reply and the pairing."""

    doc_id: str
    first: Entry
    reply: Entry | None = None
    pairing: Pairing | None = None


def plans(entries: dict[str, Entry], pairs: list[PairResult]) -> Iterator[Plan]:
    """One record per pair and per unpaired document, in id order."""
    partner = {p.interpellation: p for p in pairs}
    paired_replies = {p.reply for p in pairs}
    for doc_id in sorted(entries):
        if doc_id in paired_replies:
            continue
        found = partner.get(doc_id)
        if found is None:
            yield Plan(doc_id, entries[doc_id])
        else:
            pairing = Pairing(confidence=found.confidence, evidence=found.evidence)
            yield Plan(doc_id, entries[doc_id], entries[found.reply], pairing)


def exchange_line(
    doc_id: str, provenance_json: str, documents: list[str], questions: str, pairing: Pairing | None
) -> str:
    """The JSON of `Exchange(id, provenance, documents, questions, pairing)`, as pydantic writes it."""
    return (
        '{"id":'
        + to_json(doc_id).decode("utf-8")
        + ',"provenance":'
        + provenance_json
        + ',"documents":['
        + ",".join(documents)
        + '],"questions":'
        + questions
        + ',"pairing":'
        + (pairing.model_dump_json() if pairing is not None else "null")
        + "}"
    )
