"""The per-document stages: ingest → repair → segment → annotate → assemble.

`process_chunk` runs a chunk of work items through `DOCUMENT_STAGES`, in order, in whatever
process the executor chose (this one, a pool worker, a Dask worker). It holds no state between
calls: everything it needs comes in its arguments, and the spaCy pipeline is loaded once per
process by `load_nlp`'s cache.

Fault isolation: an exception while one document goes through a stage puts that document in the
errors (stage, reason, exception class) and takes it out of the chunk; the others go on. In the
annotate stage spaCy's error handler drops the failing batch of a statistical component; each
document of that batch is then run again on its own, so only the document that fails is lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.annotate.doc_text import TEXT_KEY
from debatt_nlp.annotate.pipeline import load_nlp
from debatt_nlp.assemble import (
    PieceLayers,
    PreparedDocument,
    finish,
    nlp_pieces,
    piece_layers,
    segment_document,
)
from debatt_nlp.ingest.readers import read_input
from debatt_nlp.ingest.text_files import IngestError, RawDocument
from debatt_nlp.pair.pairing import PairingCandidate
from debatt_nlp.repair.pdf_damage import RepairedText, repair
from debatt_nlp.run.items import WorkItem
from debatt_nlp.run.options import RunOptions
from debatt_nlp.schema import DocumentRole, InputError

PIECE_KEY = "debatt_piece"


@dataclass
class DocResult:
    """One annotated document as it leaves a worker: its JSON and its pairing candidate."""

    seq: int
    doc_id: str
    key: str | None  # the item's reuse key (journal)
    role: DocumentRole
    document_json: str  # Document.model_dump_json()
    questions_json: str  # JSON array of Question.model_dump_json()
    candidate: PairingCandidate


@dataclass
class _State:
    item: WorkItem
    key: str | None = None
    raw: RawDocument | None = None
    repaired: RepairedText | None = None
    prepared: PreparedDocument | None = None
    pieces: list[PieceLayers] = field(default_factory=list)
    result: DocResult | None = None
    error: InputError | None = None


@dataclass(frozen=True)
class DocumentStage:
    name: str
    run: Callable[[list[_State], RunOptions], None]
    sources: tuple[str, ...]  # package files and folders whose content decides its output


def _each(states: list[_State], stage: str, step: Callable[[_State], None]) -> None:
    """Run `step` on every document still alive; a failure takes out that document only."""
    for state in states:
        if state.error is not None:
            continue
        try:
            step(state)
        except IngestError as exc:
            state.error = input_error(state.item.location, str(exc), exc, stage)
        except Exception as exc:
            state.error = input_error(state.item.location, f"{stage} failed: {exc}", exc, stage)


def _ingest(states: list[_State], options: RunOptions) -> None:
    def step(state: _State) -> None:
        item = state.item
        if item.error is not None:
            raise item.error
        raw = item.raw if item.raw is not None else read_input(item.file)  # type: ignore[arg-type]
        if options.max_chars and len(raw.text) > options.max_chars:
            raise IngestError(
                f"text over --max-chars: {len(raw.text):,} characters > {options.max_chars:,} "
                "(raise --max-chars, or 0 for no limit)"
            )
        raw.doc_id = item.doc_id
        state.raw = raw

    _each(states, "ingest", step)


def _repair(states: list[_State], options: RunOptions) -> None:
    def step(state: _State) -> None:
        state.repaired = repair(state.raw.text)  # type: ignore[union-attr]

    _each(states, "repair", step)


def _segment(states: list[_State], options: RunOptions) -> None:
    def step(state: _State) -> None:
        state.prepared = segment_document(state.raw, state.repaired, state.item.sidecar)  # type: ignore[arg-type]

    _each(states, "segment", step)


def _annotate(states: list[_State], options: RunOptions) -> None:
    """The spaCy pipeline over every document's pieces, in batches of at most `pipe_chars`.

    A batch that raises is run again one piece at a time, component by component, so that only
    the document whose piece fails is lost, and its error names the component."""
    nlp = load_nlp(*options.nlp_key)
    pieces = [
        (index, offset, text)
        for index, state in enumerate(states)
        if state.error is None
        for offset, text in nlp_pieces(state.prepared)  # type: ignore[arg-type]
    ]

    def make_doc(number: int) -> Doc:
        index, _, text = pieces[number]
        doc = nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        doc.user_data[PIECE_KEY] = number
        doc.user_data["anchor_date"] = states[index].prepared.anchor_date  # type: ignore[union-attr]
        return doc

    def keep(number: int, doc: Doc) -> None:
        index, offset, text = pieces[number]
        states[index].pieces.append(piece_layers(offset, doc, text))

    for batch in _char_batches(pieces, options.pipe_chars):
        try:
            done = [(doc.user_data[PIECE_KEY], doc) for doc in nlp.pipe([make_doc(n) for n in batch])]
        except Exception:
            done = []
            for number in batch:
                state = states[pieces[number][0]]
                if state.error is not None:
                    continue
                name, doc = _alone(nlp, make_doc(number))
                if isinstance(doc, Exception):
                    state.error = input_error(
                        state.item.location, f"annotate failed in {name}: {doc}", doc, f"annotate:{name}"
                    )
                else:
                    done.append((number, doc))
        for number, doc in done:
            if states[pieces[number][0]].error is None:
                keep(number, doc)


def _alone(nlp: Language, doc: Doc) -> tuple[str, Doc | Exception]:
    """Run one doc through the pipeline component by component: (last component, doc or error)."""
    name = "tokenizer"
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:
            return name, exc
    return name, doc


def _assemble(states: list[_State], options: RunOptions) -> None:
    def step(state: _State) -> None:
        annotated = finish(state.prepared, state.pieces)  # type: ignore[arg-type]
        questions = "[" + ",".join(q.model_dump_json() for q in annotated.questions) + "]"
        state.result = DocResult(
            seq=state.item.seq,
            doc_id=annotated.document.id,
            key=state.key,
            role=annotated.document.role,
            document_json=annotated.document.model_dump_json(),
            questions_json=questions,
            candidate=annotated.candidate,
        )

    _each(states, "assemble", step)


DOCUMENT_STAGES: tuple[DocumentStage, ...] = (
    DocumentStage("ingest", _ingest, ("ingest",)),
    DocumentStage("repair", _repair, ("repair",)),
    DocumentStage("segment", _segment, ("segment",)),
    DocumentStage("annotate", _annotate, ("annotate", "swedish", "entities", "data_files.py")),
    DocumentStage("assemble", _assemble, ("assemble.py", "schema.py", "run/document.py")),
)


def process_chunk(task: tuple[list[WorkItem], list[str | None], RunOptions]) -> list[DocResult | InputError]:
    """Annotate a chunk of items (with their reuse keys); one result per item, in order."""
    items, keys, options = task
    states = [_State(item, key) for item, key in zip(items, keys, strict=True)]
    for stage in DOCUMENT_STAGES:
        stage.run(states, options)
    out: list[DocResult | InputError] = []
    for state in states:
        if state.error is not None:
            out.append(state.error)
        elif state.result is not None:
            out.append(state.result)
    return out


def input_error(location: str, reason: str, exc: BaseException | None, stage: str) -> InputError:
    return InputError(
        path=location, reason=reason, exception=type(exc).__name__ if exc else None, stage=stage
    )


def pipeline_names(options: RunOptions) -> list[str]:
    """The spaCy components that annotate runs (for provenance)."""
    nlp: Language = load_nlp(*options.nlp_key)
    return list(nlp.pipe_names)


def _char_batches(pieces: list[tuple[int, int, str]], budget: int) -> Iterator[list[int]]:
    batch: list[int] = []
    size = 0
    for number, (_, _, text) in enumerate(pieces):
        if batch and size + len(text) > budget:
            yield batch
            batch, size = [], 0
        batch.append(number)
        size += len(text)
    if batch:
        yield batch


def candidate_to_dict(candidate: PairingCandidate) -> dict[str, Any]:
    # insertion order kept (not sorted): pairing sums over the vocabulary in this order, and a
    # resumed run must add the same floats in the same order as a fresh one
    return dict(candidate.__dict__)


def candidate_from_dict(fields: dict[str, Any]) -> PairingCandidate:
    fields = dict(fields)
    if "vocabulary" in fields:
        fields["vocabulary"] = Counter(fields["vocabulary"])
    return PairingCandidate(**fields)
