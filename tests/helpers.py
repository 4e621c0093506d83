"""Test helpers: paths to the seeds and ../shared, and the offset invariant checker."""

from __future__ import annotations

from pathlib import Path

from debatt_nlp.schema import Document, Exchange, Span

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_INTERPELLATION = SEEDS / "000_6562c8b76ec6988c.txt"
SEED_REPLY = SEEDS / "001_89a311dc7ce6a7a3.txt"
SHARED = REPO.parent / "shared"
RIKSDAG_QA_DEV = SHARED / "data" / "riksdag-qa" / "dev"


def read_original(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # no newline translation
        return handle.read()


def iter_spans(value: object):
    """Every Span inside a pydantic model, recursively."""
    if isinstance(value, Span):
        yield value
    if isinstance(value, list):
        for item in value:
            yield from iter_spans(item)
    elif hasattr(value, "__class__") and hasattr(value.__class__, "model_fields"):
        for name in value.__class__.model_fields:
            yield from iter_spans(getattr(value, name))


def assert_document_offsets(document: Document) -> int:
    checked = 0
    for span in iter_spans(document):
        assert 0 <= span.start <= span.end <= len(document.text), span
        assert document.text[span.start : span.end] == span.text, span
        checked += 1
    return checked


def assert_exchange_offsets(exchange: Exchange) -> int:
    """Check every span of the exchange against the document it indexes."""
    checked = sum(assert_document_offsets(doc) for doc in exchange.documents)
    interpellation = exchange.documents[0]
    reply = exchange.documents[1] if len(exchange.documents) > 1 else None
    for question in exchange.questions:
        assert interpellation.text[question.start : question.end] == question.text
        checked += 1
        for span in [
            *question.answer_spans,
            *([question.restated_in_reply] if question.restated_in_reply else []),
        ]:
            assert reply is not None
            assert reply.text[span.start : span.end] == span.text
            checked += 1
        if question.directness:
            for ev in question.directness.evidence:
                assert reply is not None and reply.text[ev.start : ev.end] == ev.text
    return checked
