"""Turn one decoded file into a schema `Document` (and its question items), and documents into exchanges.

Every stage reads the clean text of `repair`; this module is where clean offsets are mapped back
to the original text, so every span leaving it satisfies `text[start:end] == span.text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc

from debatt_nlp.ingest.text_files import RawDocument
from debatt_nlp.repair.pdf_damage import RepairedText, repair
from debatt_nlp.schema import (
    Classification,
    Document,
    DocumentRole,
    Evidence,
    Exchange,
    Metadata,
    Pairing,
    Paragraph,
    Person,
    Provenance,
    Question,
    RestatedQuestion,
    Sentence,
    Span,
)
from debatt_nlp.segment.doctype import classify
from debatt_nlp.segment.metadata import Field, MetadataFields, PersonFields, extract_metadata
from debatt_nlp.segment.pairing import PairingCandidate, PairResult, stem_counts
from debatt_nlp.segment.questions import QuestionItem, find_restated_questions, split_questions

SpanT = TypeVar("SpanT", bound=Span)
_OPENING_CHARS = 1500


@dataclass
class PreparedDocument:
    """A document after the rule stages, before the spaCy pipeline."""

    raw: RawDocument
    repaired: RepairedText
    role: DocumentRole
    classification: Classification
    metadata: Metadata
    question_items: list[QuestionItem] = field(default_factory=list)
    restated_items: list[QuestionItem] = field(default_factory=list)

    @property
    def anchor_date(self) -> str | None:
        return self.metadata.date


@dataclass
class AnnotatedDocument:
    document: Document
    repaired: RepairedText
    questions: list[Question]
    candidate: PairingCandidate


def prepare(raw: RawDocument) -> PreparedDocument:
    repaired = repair(raw.text)
    clean = repaired.clean
    role, confidence, hits = classify(clean)
    classification = Classification(
        role=role,
        confidence=confidence,
        evidence=[_evidence(repaired, hit.start, hit.end, hit.rule) for hit in hits],
    )
    fields = extract_metadata(clean, [(p.clean_start, p.clean_end) for p in repaired.paragraphs], role)
    prepared = PreparedDocument(raw, repaired, role, classification, _metadata(repaired, fields))
    if role == DocumentRole.interpellation:
        prepared.question_items = split_questions(clean)
    elif role == DocumentRole.reply:
        prepared.restated_items = find_restated_questions(clean)
    return prepared


def finish(prepared: PreparedDocument, doc: Doc) -> AnnotatedDocument:
    """Add the spaCy layers (sentences, and entities/amounts/dates where components set them)."""
    repaired = prepared.repaired
    text = prepared.raw.text
    document = Document(
        id=prepared.raw.doc_id,
        path=prepared.raw.path,
        sha256=prepared.raw.sha256,
        encoding=prepared.raw.encoding,
        role=prepared.role,
        classification=prepared.classification,
        text=text,
        metadata=prepared.metadata,
        paragraphs=[
            Paragraph(start=p.start, end=p.end, text=text[p.start : p.end], index=p.index)
            for p in repaired.paragraphs
        ],
        sentences=[_span(Sentence, repaired, *_strip(doc.text, s.start_char, s.end_char)) for s in doc.sents]
        if doc.has_annotation("SENT_START")
        else [],
        repairs=repaired.repairs,
        restated_questions=[
            _span(RestatedQuestion, repaired, item.start, item.end, n=item.n)
            for item in prepared.restated_items
        ],
        entities=remap(_extension(doc, "entities"), repaired),
        amounts=remap(_extension(doc, "amounts"), repaired),
        dates=remap(_extension(doc, "dates"), repaired),
        warnings=prepared.raw.warnings,
    )
    questions = [
        _span(
            Question,
            repaired,
            item.start,
            item.end,
            n=item.n,
            marker=item.marker,
            clean_text=repaired.clean[item.start : item.end],
        )
        for item in prepared.question_items
    ]
    meta = prepared.metadata
    candidate = PairingCandidate(
        doc_id=document.id,
        riksdag_number=meta.riksdag_number,
        author=meta.author.name if meta.author else None,
        addressee=meta.addressee.name if meta.addressee else None,
        topic=meta.topic or meta.title,
        questions=[q.clean_text for q in questions]
        or [repaired.clean[i.start : i.end] for i in prepared.restated_items],
        opening=_opening(repaired) if prepared.role == DocumentRole.reply else "",
        vocabulary=stem_counts(repaired.clean),
    )
    return AnnotatedDocument(document, repaired, questions, candidate)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace (spaCy keeps "\n\n" tokens in sentences)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opening(repaired: RepairedText) -> str:
    """The start of a reply's body, where Riksdag answers recall the questions ("X har frågat mig om …")."""
    body = repaired.paragraphs[1:] if len(repaired.paragraphs) > 1 else repaired.paragraphs
    return " ".join(repaired.clean[p.clean_start : p.clean_end] for p in body)[:_OPENING_CHARS]


def _extension(doc: Doc, name: str) -> list[Span]:
    if Doc.has_extension(name):
        value = getattr(doc._, name)
        return list(value or [])
    return []


def remap(spans: Iterable[SpanT], repaired: RepairedText) -> list[SpanT]:
    """Copies of clean-text spans with offsets and text of the original."""
    out = []
    for span in spans:
        start, end = repaired.to_original(span.start, span.end)
        out.append(span.model_copy(update={"start": start, "end": end, "text": repaired.original[start:end]}))
    return out


def _span(
    cls: type[SpanT], repaired: RepairedText, clean_start: int, clean_end: int, **extra: object
) -> SpanT:
    start, end = repaired.to_original(clean_start, clean_end)
    return cls(start=start, end=end, text=repaired.original[start:end], **extra)


def _evidence(repaired: RepairedText, clean_start: int, clean_end: int, rule: str) -> Evidence:
    return _span(Evidence, repaired, clean_start, clean_end, rule=rule)


def _metadata(repaired: RepairedText, fields: MetadataFields) -> Metadata:
    evidence: list[Evidence] = []

    def value(name: str, item: Field | None) -> str | None:
        if item is None:
            return None
        evidence.append(_evidence(repaired, item.start, item.end, name))
        return item.value

    def person(name: str, item: PersonFields) -> Person | None:
        if item.name is None and item.role is None:
            return None
        span = _span(Span, repaired, item.name.start, item.name.end) if item.name else None
        return Person(
            name=value(f"{name}.name", item.name),
            party=value(f"{name}.party", item.party),
            role=value(f"{name}.role", item.role),
            span=span,
        )

    return Metadata(
        title=value("title", fields.title),
        topic=value("topic", fields.topic),
        author=person("author", fields.author),
        addressee=person("addressee", fields.addressee),
        date=value("date", fields.date),
        place=value("place", fields.place),
        dnr=value("dnr", fields.dnr),
        riksdag_number=value("riksdag_number", fields.riksdag_number),
        evidence=evidence,
    )


def build_exchanges(
    documents: dict[str, AnnotatedDocument], pairs: list[PairResult], provenance: Provenance
) -> list[Exchange]:
    """One exchange per pair, and one per unpaired document; sorted by id for stable output."""
    exchanges: list[Exchange] = []
    paired: set[str] = set()
    for pair in pairs:
        interpellation = documents[pair.interpellation]
        reply = documents[pair.reply]
        paired.update((pair.interpellation, pair.reply))
        exchanges.append(
            Exchange(
                id=interpellation.document.id,
                provenance=provenance,
                documents=[interpellation.document, reply.document],
                questions=_link_restatements(interpellation.questions, reply.document),
                pairing=Pairing(confidence=pair.confidence, evidence=pair.evidence),
            )
        )
    for doc_id, annotated in documents.items():
        if doc_id not in paired:
            exchanges.append(
                Exchange(
                    id=doc_id,
                    provenance=provenance,
                    documents=[annotated.document],
                    questions=annotated.questions,
                    pairing=None,
                )
            )
    return sorted(exchanges, key=lambda e: e.id)


def _link_restatements(questions: list[Question], reply: Document) -> list[Question]:
    by_n = {r.n: r for r in reply.restated_questions}
    if len(by_n) != len(questions):
        return questions
    return [
        q.model_copy(
            update={"restated_in_reply": Span(start=by_n[q.n].start, end=by_n[q.n].end, text=by_n[q.n].text)}
        )
        if q.n in by_n
        else q
        for q in questions
    ]
