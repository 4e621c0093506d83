"""Turn one decoded file into a schema `Document` (and its question items), and documents into exchanges.

Every stage reads the clean text of `repair`; this module is where clean offsets are mapped back
to the original text, so every span leaving it satisfies `text[start:end] == span.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc

from debatt_nlp.ingest.sidecar import SidecarRow
from debatt_nlp.ingest.text_files import RawDocument
from debatt_nlp.pair.pairing import PairingCandidate, compact_vocabulary, stem_counts
from debatt_nlp.repair.pdf_damage import RepairedText, repair
from debatt_nlp.schema import (
    Classification,
    Document,
    DocumentRole,
    Evidence,
    Metadata,
    Paragraph,
    Person,
    Question,
    RestatedQuestion,
    Sentence,
    Span,
    Warning_,
)
from debatt_nlp.segment.archive import merge_archive_metadata
from debatt_nlp.segment.doctype import classify
from debatt_nlp.segment.metadata import Field, MetadataFields, PersonFields, extract_metadata
from debatt_nlp.segment.questions import QuestionItem, find_restated_questions, split_questions

SpanT = TypeVar("SpanT", bound=Span)
# spaCy refuses texts over nlp.max_length (10^6) and a parser's memory grows with length.
MAX_PIECE_CHARS = 100_000
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
    source_metadata: dict | None = None  # the source's own, plus the sidecar row under "sidecar"
    warnings: list[Warning_] = field(default_factory=list)

    @property
    def anchor_date(self) -> str | None:
        """The date that relative dates ("i fjol", "den 3 april") are resolved against: the date
        line of the text, else the archive metadata's date (sidecar), else the date its source
        gives (TEI header, JSONL field)."""
        return self.metadata.date or source_date(self.raw.source_metadata, self.role)


ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def source_date(source_metadata: dict | None, role: DocumentRole) -> str | None:
    """The document's own date from its source metadata: SWERIK TEI and JSONL carry
    `dates: {sent, answered, …}` (a reply speaks on the day it answers, an interpellation on the
    day it is sent); a plain JSONL record may carry `date`. Only ISO days count."""
    if not source_metadata:
        return None
    dates = source_metadata.get("dates")
    dates = dates if isinstance(dates, dict) else {}
    keys = ("answered", "sent") if role == DocumentRole.reply else ("sent", "answered")
    for value in [dates.get(k) for k in keys] + [source_metadata.get("date")]:
        if isinstance(value, str) and ISO_DAY_RE.fullmatch(value[:10]):
            return value[:10]
    return None


@dataclass
class AnnotatedDocument:
    document: Document
    repaired: RepairedText
    questions: list[Question]
    candidate: PairingCandidate


def prepare(raw: RawDocument, sidecar: SidecarRow | None = None) -> PreparedDocument:
    """The rule stages of one document: repair, then segment."""
    return segment_document(raw, repair(raw.text), sidecar)


def segment_document(
    raw: RawDocument, repaired: RepairedText, sidecar: SidecarRow | None = None
) -> PreparedDocument:
    """Role, metadata (completed from the archive's sidecar row), question items, restatements."""
    clean = repaired.clean
    role, confidence, hits = classify(clean)
    classification = Classification(
        role=role,
        confidence=confidence,
        evidence=[_evidence(repaired, hit.start, hit.end, hit.rule) for hit in hits],
    )
    fields = extract_metadata(clean, [(p.clean_start, p.clean_end) for p in repaired.paragraphs], role)
    metadata, disagreements = merge_archive_metadata(_metadata(repaired, fields), sidecar)
    source_metadata = raw.source_metadata
    if sidecar is not None:
        source_metadata = {**(source_metadata or {}), "sidecar": sidecar.as_source_metadata()}
    prepared = PreparedDocument(
        raw,
        repaired,
        role,
        classification,
        metadata,
        source_metadata=source_metadata,
        warnings=[*raw.warnings, *disagreements],
    )
    if role == DocumentRole.interpellation:
        prepared.question_items = split_questions(clean)
    elif role == DocumentRole.reply:
        prepared.restated_items = find_restated_questions(clean)
    return prepared


def nlp_pieces(prepared: PreparedDocument, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """(clean offset, text) pieces for the spaCy pipeline: whole paragraphs, at most `max_chars`
    each (a paragraph longer than that is cut at a space), so that a 20 MB file is annotated in
    bounded memory like any other."""
    clean = prepared.repaired.clean
    if len(clean) <= max_chars:
        return [(0, clean)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(clean):
        end = min(len(clean), start + max_chars)
        if end < len(clean):
            cut = clean.rfind("\n\n", start, end)
            if cut <= start:
                cut = clean.rfind(" ", start, end)
            end = cut if cut > start else end
        pieces.append((start, clean[start:end]))
        start = end
    return pieces


@dataclass
class PieceLayers:
    """What the spaCy pipeline added to one piece, in clean-text offsets; taken out of the Doc
    as soon as it leaves `nlp.pipe` so that a long document's Docs are not all held at once."""

    offset: int
    sentences: list[tuple[int, int]]
    layers: dict[str, list[Span]]


LAYER_NAMES = ("entities", "amounts", "dates")


def piece_layers(offset: int, doc: Doc, piece_text: str | None = None) -> PieceLayers:
    """`piece_text` is the text given to the pipeline (== doc.text, which spaCy rebuilds from the
    tokens on every access)."""
    text = doc.text if piece_text is None else piece_text
    sentences: list[tuple[int, int]] = []
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            start, end = _strip(text, sent.start_char, sent.end_char)
            if end > start:
                sentences.append((offset + start, offset + end))
    layers = {
        name: [
            span.model_copy(update={"start": span.start + offset, "end": span.end + offset})
            for span in _extension(doc, name)
        ]
        for name in LAYER_NAMES
    }
    return PieceLayers(offset, sentences, layers)


def finish(prepared: PreparedDocument, pieces: list[PieceLayers]) -> AnnotatedDocument:
    """Add the spaCy layers (sentences, and entities/amounts/dates where components set them).

    `pieces` are what `piece_layers` took from the processed Docs of `nlp_pieces`."""
    repaired = prepared.repaired
    text = prepared.raw.text
    pieces = sorted(pieces, key=lambda piece: piece.offset)
    sentences = [_span(Sentence, repaired, start, end) for piece in pieces for start, end in piece.sentences]
    layers: dict[str, list[Span]] = {
        name: [span for piece in pieces for span in piece.layers[name]] for name in LAYER_NAMES
    }
    document = Document(
        id=prepared.raw.doc_id,
        path=prepared.raw.path,
        sha256=prepared.raw.sha256,
        encoding=prepared.raw.encoding,
        source_format=prepared.raw.source_format,
        source_metadata=prepared.source_metadata,
        role=prepared.role,
        classification=prepared.classification,
        text=text,
        metadata=prepared.metadata,
        paragraphs=[
            Paragraph(start=p.start, end=p.end, text=text[p.start : p.end], index=p.index)
            for p in repaired.paragraphs
        ],
        sentences=sentences,
        repairs=repaired.repairs,
        restated_questions=[
            _span(RestatedQuestion, repaired, item.start, item.end, n=item.n)
            for item in prepared.restated_items
        ],
        entities=remap(layers["entities"], repaired),
        amounts=remap(layers["amounts"], repaired),
        dates=remap(layers["dates"], repaired),
        warnings=prepared.warnings,
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
    candidate = pairing_candidate(document, questions, repaired)
    return AnnotatedDocument(document, repaired, questions, candidate)


def pairing_candidate(
    document: Document, questions: list[Question], repaired: RepairedText
) -> PairingCandidate:
    """What pairing needs of a document (also rebuilt from a previous output on --resume)."""
    meta = document.metadata
    clean_restated = [" ".join(r.text.split()) for r in document.restated_questions]
    return PairingCandidate(
        doc_id=document.id,
        riksdag_number=meta.riksdag_number,
        author=meta.author.name if meta.author else None,
        addressee=meta.addressee.name if meta.addressee else None,
        topic=meta.topic or meta.title,
        questions=[q.clean_text for q in questions] or clean_restated,
        opening=_opening(repaired) if document.role == DocumentRole.reply else "",
        vocabulary=compact_vocabulary(stem_counts(repaired.clean)),
    )


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
