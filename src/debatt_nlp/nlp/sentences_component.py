"""spaCy wrapper around the rule-based sentence splitter in segment/sentences.py."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.segment.sentences import split_sentences


class SentenceBoundaries:
    """Sets `token.is_sent_start` from `split_sentences(doc.text)`; no state, nothing to save."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = {start for start, _ in split_sentences(doc.text)}
        for token in doc:
            token.is_sent_start = token.idx in starts or token.i == 0
        return doc

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> SentenceBoundaries:
        return self

    def to_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> None:
        return None

    def from_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> SentenceBoundaries:
        return self


@Language.factory("debatt_sentences")
def make_sentence_boundaries(nlp: Language, name: str) -> SentenceBoundaries:
    return SentenceBoundaries(name)
