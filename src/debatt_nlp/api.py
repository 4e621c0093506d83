"""Python entry points: annotate files, corpora or texts into exchanges (no printing, no exits).

The run streams: each document is annotated (in worker processes with `workers > 1`), written
to a spill file and forgotten; only the small pairing candidates stay in memory. Pairing then
runs over all candidates, and the exchanges are written in id order from the spill, so the
output is the same bytes whatever the number of workers.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from spacy.tokens import Doc

from debatt_nlp import RULESET_VERSION, __version__
from debatt_nlp.align import ALIGN_VERSION, answer_questions
from debatt_nlp.annotate.doc_text import TEXT_KEY
from debatt_nlp.annotate.pipeline import DEFAULT_MODEL, SPACY_BACKEND, load_nlp, model_info
from debatt_nlp.assemble import (
    PieceLayers,
    PreparedDocument,
    finish,
    nlp_pieces,
    pairing_candidate,
    piece_layers,
    prepare,
)
from debatt_nlp.directness import SCHEME_VERSION
from debatt_nlp.export.atomic import atomic_writer
from debatt_nlp.ingest.readers import FILE_SUFFIXES, is_jsonl, iter_jsonl_documents, read_input
from debatt_nlp.ingest.text_files import IngestError, InputFile, RawDocument, decode_bytes, discover
from debatt_nlp.pair.pairing import PairingCandidate, PairResult, pair_documents
from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.schema import (
    Document,
    DocumentRole,
    Exchange,
    InputError,
    ModelInfo,
    Pairing,
    Provenance,
    Question,
    Span,
)

RULE_STAGES = ["ingest", "repair", "doctype", "metadata", "questions"]
POST_STAGES = ["pairing", "align", "directness"]
InputFormat = Literal["files", "jsonl"]
ProgressCallback = Callable[[str], None]


@dataclass
class AnnotateOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    workers: int = 1
    input_format: InputFormat = "files"
    backend: str = SPACY_BACKEND
    stanza_dir: str | None = None

    @property
    def nlp_key(self) -> tuple[str, str, str | None]:
        """What load_nlp needs (picklable, for worker processes)."""
        return (self.model, self.backend, self.stanza_dir)


@dataclass
class RunSummary:
    n_inputs: int = 0
    n_annotated: int = 0
    n_resumed: int = 0
    n_exchanges: int = 0
    n_paired: int = 0
    errors: list[InputError] = field(default_factory=list)


@dataclass
class AnnotationRun:
    """An in-memory run (for small inputs and tests)."""

    exchanges: list[Exchange] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    n_inputs: int = 0

    @property
    def n_documents(self) -> int:
        return sum(len(e.documents) for e in self.exchanges)


# ------------------------------------------------------------------------------------------
# Entry points
# ------------------------------------------------------------------------------------------


def annotate_paths(
    paths: Iterable[Path],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    workers: int = 1,
    input_format: InputFormat = "files",
    on_document: ProgressCallback | None = None,
    backend: str = SPACY_BACKEND,
    stanza_dir: str | None = None,
) -> AnnotationRun:
    """Annotate every supported input under `paths` and return the exchanges in memory."""
    options = AnnotateOptions(model, batch_size, workers, input_format, backend, stanza_dir)
    exchanges: list[Exchange] = []
    summary = _run(_work_items(paths, input_format), options, exchanges.append, on_document, resume_from=None)
    return AnnotationRun(exchanges=exchanges, errors=summary.errors, n_inputs=summary.n_inputs)


def annotate_to_jsonl(
    paths: Iterable[Path],
    output: Path | TextIO,
    *,
    options: AnnotateOptions | None = None,
    resume: bool = False,
    on_document: ProgressCallback | None = None,
) -> RunSummary:
    """Annotate and stream the exchanges to `output` (a path, written atomically, or a stream).

    With `resume`, documents whose content hash is already in the existing `output` (annotated
    with the same model and rules) are taken from it instead of being annotated again.
    """
    options = options or AnnotateOptions()
    previous = Path(output) if resume and isinstance(output, Path) and Path(output).exists() else None
    items = _work_items(paths, options.input_format)
    if isinstance(output, Path):
        with atomic_writer(output) as handle:
            return _run(items, options, _line_writer(handle), on_document, resume_from=previous)
    return _run(items, options, _line_writer(output), on_document, resume_from=None)


def annotate_texts(
    texts: Iterable[tuple[str, str]], *, model: str = DEFAULT_MODEL, batch_size: int = 16
) -> AnnotationRun:
    """Annotate (id, text) pairs already in memory."""

    def items() -> Iterator[_WorkItem]:
        for doc_id, text in texts:
            try:
                decoded, encoding, warnings = decode_bytes(text.encode("utf-8"))
            except IngestError as exc:
                yield _WorkItem(doc_id, error=exc)
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            yield _WorkItem(doc_id, raw=RawDocument(doc_id, doc_id, decoded, encoding, digest, warnings))

    exchanges: list[Exchange] = []
    summary = _run(items(), AnnotateOptions(model, batch_size), exchanges.append, None, resume_from=None)
    return AnnotationRun(exchanges=exchanges, errors=summary.errors, n_inputs=summary.n_inputs)


def provenance_for(
    model: str = DEFAULT_MODEL, backend: str = SPACY_BACKEND, stanza_dir: str | None = None
) -> Provenance:
    nlp = load_nlp(model, backend, stanza_dir)
    name, version = model_info(nlp)
    return Provenance(
        backend=backend,
        tool_version=__version__,
        pipeline=[*RULE_STAGES, *(f"spacy:{p}" for p in nlp.pipe_names), *POST_STAGES],
        model=ModelInfo(name=name, version=version),
        ruleset_version=RULESET_VERSION,
        layer_versions={"align": ALIGN_VERSION, "directness": SCHEME_VERSION},
    )


# ------------------------------------------------------------------------------------------
# Work items: a file to read, a document already read (JSONL), or an input that failed early
# ------------------------------------------------------------------------------------------


@dataclass
class _WorkItem:
    location: str
    file: InputFile | None = None
    raw: RawDocument | None = None
    error: IngestError | None = None


def _work_items(paths: Iterable[Path], input_format: InputFormat) -> Iterator[_WorkItem]:
    for path in paths:
        if input_format == "jsonl" or (path.is_file() and is_jsonl(path)):
            for location, result in iter_jsonl_documents(path):
                if isinstance(result, IngestError):
                    yield _WorkItem(location, error=result)
                else:
                    yield _WorkItem(location, raw=result)
        else:
            for item in discover([path], FILE_SUFFIXES):
                yield _WorkItem(str(item.path), file=item)


@dataclass
class _DocResult:
    """What a worker sends back for one document: its spill line and its pairing candidate."""

    doc_id: str
    sha256: str
    role: DocumentRole
    spill: str  # JSON: {"document": …, "questions": […]}
    candidate: PairingCandidate


# ------------------------------------------------------------------------------------------
# Per-document work (in-process or in a worker)
# ------------------------------------------------------------------------------------------

_worker_nlp_key: tuple[str, str, str | None] = (DEFAULT_MODEL, SPACY_BACKEND, None)


def _init_worker(nlp_key: tuple[str, str, str | None]) -> None:
    global _worker_nlp_key
    _worker_nlp_key = nlp_key
    load_nlp(*nlp_key)


def _process_chunk(
    items: list[_WorkItem], nlp_key: tuple[str, str, str | None] | None = None
) -> list[_DocResult | InputError]:
    nlp = load_nlp(*(nlp_key or _worker_nlp_key))
    results: list[_DocResult | InputError | None] = [None] * len(items)
    texts: list[tuple[str, int, int]] = []  # (piece text, item index, clean offset)
    prepared_by_index: dict[int, PreparedDocument] = {}
    for index, item in enumerate(items):
        try:
            if item.error is not None:
                raise item.error
            raw = item.raw if item.raw is not None else read_input(item.file)  # type: ignore[arg-type]
            prepared = prepare(raw)
        except IngestError as exc:
            results[index] = _error(item.location, str(exc), exc, "ingest")
            continue
        except Exception as exc:  # a bug on one document must not lose the others
            results[index] = _error(item.location, f"annotation failed: {exc}", exc, "annotate")
            continue
        texts.extend((piece, index, piece_offset) for piece_offset, piece in nlp_pieces(prepared))
        prepared_by_index[index] = prepared

    def make_doc(piece: str, index: int) -> Doc:
        doc = nlp.make_doc(piece)
        doc.user_data[TEXT_KEY] = piece
        doc.user_data["anchor_date"] = prepared_by_index[index].anchor_date
        return doc

    # Docs are made as the pipe asks for them and reduced to spans as they leave it: a 20 MB
    # file's pieces are never all held as Docs at once.
    lazy_docs = ((make_doc(piece, index), (index, offset, piece)) for piece, index, offset in texts)
    pieces: dict[int, list[PieceLayers]] = {}
    try:
        for doc, (index, piece_offset, piece) in nlp.pipe(lazy_docs, as_tuples=True):
            pieces.setdefault(index, []).append(piece_layers(piece_offset, doc, piece))
    except Exception:  # a component failed inside a batch: redo one document at a time
        pieces = {}
        for piece, index, piece_offset in texts:
            if index not in prepared_by_index:
                continue
            try:
                pieces.setdefault(index, []).append(
                    piece_layers(piece_offset, nlp(make_doc(piece, index)), piece)
                )
            except Exception as exc:
                results[index] = _error(
                    prepared_by_index.pop(index).raw.path, f"annotation failed: {exc}", exc, "annotate"
                )
    for index, prepared in prepared_by_index.items():
        try:
            annotated = finish(prepared, pieces.get(index, []))
            spill = _spill_line(annotated.document, annotated.questions)
            results[index] = _DocResult(
                annotated.document.id, prepared.raw.sha256, prepared.role, spill, annotated.candidate
            )
        except Exception as exc:  # see above
            results[index] = _error(prepared.raw.path, f"annotation failed: {exc}", exc, "annotate")
    return [r for r in results if r is not None]


def _chunks(items: Iterator[_WorkItem], size: int) -> Iterator[list[_WorkItem]]:
    chunk: list[_WorkItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered_results(
    items: Iterator[_WorkItem], options: AnnotateOptions
) -> Iterator[tuple[list[_WorkItem], list[_DocResult | InputError]]]:
    """Results chunk by chunk, in input order; at most 2×workers chunks in flight (bounded memory)."""
    chunks = _chunks(items, options.batch_size)
    if options.workers <= 1:
        for chunk in chunks:
            yield chunk, _process_chunk(chunk, options.nlp_key)
        return
    # torch (stanza) must not be forked once loaded: stanza workers start fresh and load their own.
    can_fork = "fork" in multiprocessing.get_all_start_methods() and options.backend == SPACY_BACKEND
    context = multiprocessing.get_context("fork" if can_fork else "spawn")
    with context.Pool(options.workers, initializer=_init_worker, initargs=(options.nlp_key,)) as pool:
        pending: list[tuple[list[_WorkItem], multiprocessing.pool.AsyncResult]] = []
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_process_chunk, (chunk,))))
            if len(pending) >= 2 * options.workers:
                done_chunk, result = pending.pop(0)
                yield done_chunk, result.get()
        for done_chunk, result in pending:
            yield done_chunk, result.get()


# ------------------------------------------------------------------------------------------
# The run: annotate → spill → pair → write exchanges
# ------------------------------------------------------------------------------------------


@dataclass
class _Spilled:
    offset: int
    length: int
    role: DocumentRole
    candidate: PairingCandidate


def _run(
    items: Iterator[_WorkItem],
    options: AnnotateOptions,
    emit: Callable[[Exchange], None],
    on_document: ProgressCallback | None,
    resume_from: Path | None,
) -> RunSummary:
    provenance = provenance_for(*options.nlp_key)  # fails early (missing model) before any work
    summary = RunSummary()
    reusable = _reusable_documents(resume_from, provenance) if resume_from else {}
    spilled: dict[str, _Spilled] = {}
    with tempfile.TemporaryFile("w+b") as spill:

        def keep(doc_id: str, role: DocumentRole, line: str, candidate: PairingCandidate) -> None:
            if doc_id in spilled:  # the same relative name under two roots: keep both, apart
                doc_id = f"{doc_id}#{len(spilled)}"
                candidate.doc_id = doc_id
            data = line.encode("utf-8")
            spilled[doc_id] = _Spilled(spill.tell(), len(data), role, candidate)
            spill.write(data)

        def fresh_items() -> Iterator[_WorkItem]:
            for item in items:
                summary.n_inputs += 1
                digest = _content_hash(item) if reusable else None
                if digest and digest in reusable:
                    document, questions = reusable.pop(digest)
                    keep(
                        document.id,
                        document.role,
                        _spill_line(document, questions),
                        _candidate(document, questions),
                    )
                    summary.n_resumed += 1
                    if on_document:
                        on_document(item.location)
                    continue
                yield item

        for chunk, results in _ordered_results(fresh_items(), options):
            for result in results:
                if isinstance(result, InputError):
                    summary.errors.append(result)
                else:
                    keep(result.doc_id, result.role, result.spill, result.candidate)
                    summary.n_annotated += 1
            if on_document:
                for item in chunk:
                    on_document(item.location)

        candidates = {doc_id: s.candidate for doc_id, s in spilled.items()}
        pairs = pair_documents(
            [c for doc_id, c in candidates.items() if spilled[doc_id].role == DocumentRole.interpellation],
            [c for doc_id, c in candidates.items() if spilled[doc_id].role == DocumentRole.reply],
        )
        for exchange in _exchanges(spill, spilled, pairs, provenance):
            emit(exchange)
            summary.n_exchanges += 1
            summary.n_paired += exchange.pairing is not None
    return summary


def _exchanges(
    spill: object, spilled: dict[str, _Spilled], pairs: list[PairResult], provenance: Provenance
) -> Iterator[Exchange]:
    """One exchange per pair and per unpaired document, in id order."""
    partner = {p.interpellation: p for p in pairs}
    paired_replies = {p.reply for p in pairs}
    for doc_id in sorted(spilled):
        if doc_id in paired_replies:
            continue
        document, questions = _load(spill, spilled[doc_id])
        pair = partner.get(doc_id)
        if pair is None:
            yield Exchange(id=doc_id, provenance=provenance, documents=[document], questions=questions)
            continue
        reply, _ = _load(spill, spilled[pair.reply])
        yield Exchange(
            id=doc_id,
            provenance=provenance,
            documents=[document, reply],
            questions=answer_questions(_link_restatements(questions, reply), document, reply),
            pairing=Pairing(confidence=pair.confidence, evidence=pair.evidence),
        )


def _load(spill: object, where: _Spilled) -> tuple[Document, list[Question]]:
    spill.seek(where.offset)  # type: ignore[attr-defined]
    data = json.loads(spill.read(where.length).decode("utf-8"))  # type: ignore[attr-defined]
    document = Document.model_validate(data["document"])
    questions = [Question.model_validate(q) for q in data["questions"]]
    return document, questions


def _link_restatements(questions: list[Question], reply: Document) -> list[Question]:
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


def _spill_line(document: Document, questions: list[Question]) -> str:
    return json.dumps(
        {
            "document": document.model_dump(mode="json"),
            "questions": [q.model_dump(mode="json") for q in questions],
        },
        ensure_ascii=False,
    )


def _candidate(document: Document, questions: list[Question]) -> PairingCandidate:
    return pairing_candidate(document, questions, repair(document.text))


def _content_hash(item: _WorkItem) -> str | None:
    if item.raw is not None:
        return item.raw.sha256
    if item.file is not None:
        try:
            return hashlib.sha256(item.file.path.read_bytes()).hexdigest()
        except OSError:
            return None
    return None


def _reusable_documents(previous: Path, provenance: Provenance) -> dict[str, tuple[Document, list[Question]]]:
    """Documents of an earlier output made by the same tool, model and rules, by content hash."""
    reusable: dict[str, tuple[Document, list[Question]]] = {}
    with open(previous, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                exchange = Exchange.model_validate_json(line)
            except ValueError:
                continue  # an unreadable line is annotated again, not trusted
            if exchange.provenance.model_dump(exclude={"pipeline"}) != provenance.model_dump(
                exclude={"pipeline"}
            ):
                continue
            for index, document in enumerate(exchange.documents):
                questions = (
                    [
                        q.model_copy(
                            update={"answer_spans": [], "directness": None, "restated_in_reply": None}
                        )
                        for q in exchange.questions
                    ]
                    if index == 0
                    else []
                )
                reusable[document.sha256] = (document, questions)
    return reusable


def _line_writer(handle: TextIO) -> Callable[[Exchange], None]:
    def write(exchange: Exchange) -> None:
        handle.write(exchange.model_dump_json())
        handle.write("\n")

    return write


def _error(path: str, reason: str, exc: BaseException, stage: str) -> InputError:
    return InputError(path=path, reason=reason, exception=type(exc).__name__, stage=stage)
