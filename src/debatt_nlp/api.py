"""Python entry points: annotate files or texts into exchanges (no printing, no exits)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from debatt_nlp import RULESET_VERSION, __version__
from debatt_nlp.assemble import AnnotatedDocument, PreparedDocument, build_exchanges, finish, prepare
from debatt_nlp.ingest.text_files import IngestError, RawDocument, decode_bytes, discover, read_text_file
from debatt_nlp.nlp.pipeline import DEFAULT_MODEL, load_pipeline, model_info
from debatt_nlp.schema import DocumentRole, Exchange, InputError, ModelInfo, Provenance
from debatt_nlp.segment.pairing import pair_documents

RULE_STAGES = ["ingest", "repair", "doctype", "metadata", "questions"]
POST_STAGES = ["pairing"]

ProgressCallback = Callable[[str], None]


@dataclass
class AnnotationRun:
    exchanges: list[Exchange] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    n_inputs: int = 0

    @property
    def n_documents(self) -> int:
        return sum(len(e.documents) for e in self.exchanges)


def annotate_paths(
    paths: Iterable[Path],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    on_document: ProgressCallback | None = None,
) -> AnnotationRun:
    """Annotate every supported file under `paths`. Files that fail are returned as errors."""
    run = AnnotationRun()

    def raw_documents() -> Iterator[RawDocument]:
        for item in discover(paths):
            run.n_inputs += 1
            try:
                yield read_text_file(item)
            except IngestError as exc:
                run.errors.append(_error(str(item.path), str(exc), exc, "ingest"))
                if on_document:
                    on_document(str(item.path))

    return _annotate(raw_documents(), run, model=model, batch_size=batch_size, on_document=on_document)


def annotate_texts(
    texts: Iterable[tuple[str, str]], *, model: str = DEFAULT_MODEL, batch_size: int = 16
) -> AnnotationRun:
    """Annotate (id, text) pairs, e.g. from a corpus already in memory."""
    run = AnnotationRun()

    def raw_documents() -> Iterator[RawDocument]:
        for doc_id, text in texts:
            run.n_inputs += 1
            try:
                decoded, encoding, warnings = decode_bytes(text.encode("utf-8"))
            except IngestError as exc:
                run.errors.append(_error(doc_id, str(exc), exc, "ingest"))
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            yield RawDocument(doc_id, doc_id, decoded, encoding, digest, warnings)

    return _annotate(raw_documents(), run, model=model, batch_size=batch_size, on_document=None)


def provenance_for(model: str = DEFAULT_MODEL) -> Provenance:
    nlp = load_pipeline(model)
    name, version = model_info(nlp)
    return Provenance(
        tool_version=__version__,
        pipeline=[*RULE_STAGES, *(f"spacy:{p}" for p in nlp.pipe_names), *POST_STAGES],
        model=ModelInfo(name=name, version=version),
        ruleset_version=RULESET_VERSION,
    )


def _annotate(
    raw_documents: Iterator[RawDocument],
    run: AnnotationRun,
    *,
    model: str,
    batch_size: int,
    on_document: ProgressCallback | None,
) -> AnnotationRun:
    nlp = load_pipeline(model)

    def spacy_inputs() -> Iterator[tuple[Doc, PreparedDocument]]:
        for raw in raw_documents:
            try:
                prepared = prepare(raw)
            except Exception as exc:  # a bug on one document must not lose the others
                run.errors.append(_error(raw.path, f"annotation failed: {exc}", exc, "annotate"))
                if on_document:
                    on_document(raw.path)
                continue
            doc = nlp.make_doc(prepared.repaired.clean)
            doc.user_data["anchor_date"] = prepared.anchor_date
            yield doc, prepared

    annotated: dict[str, AnnotatedDocument] = {}
    for doc, prepared in nlp.pipe(spacy_inputs(), batch_size=batch_size, as_tuples=True):
        try:
            result = finish(prepared, doc)
        except Exception as exc:  # see above
            run.errors.append(_error(prepared.raw.path, f"annotation failed: {exc}", exc, "annotate"))
        else:
            if result.document.id in annotated:  # the same relative name under two roots
                result.document = result.document.model_copy(update={"id": result.document.path})
                result.candidate.doc_id = result.document.id
            annotated[result.document.id] = result
        if on_document:
            on_document(prepared.raw.path)

    interpellations = [
        a.candidate for a in annotated.values() if a.document.role == DocumentRole.interpellation
    ]
    replies = [a.candidate for a in annotated.values() if a.document.role == DocumentRole.reply]
    pairs = pair_documents(interpellations, replies)
    run.exchanges = build_exchanges(annotated, pairs, provenance_for(model))
    return run


def _error(path: str, reason: str, exc: BaseException, stage: str) -> InputError:
    return InputError(path=path, reason=reason, exception=type(exc).__name__, stage=stage)
