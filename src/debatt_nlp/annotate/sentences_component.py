"""spaCy wrapper around the rule-based sentence splitter in segment/sentences.py."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.annotate.doc_text import doc_text
from debatt_nlp.segment.sentences import split_sentences

FACTORY = "debatt_sentences"


class SentenceBoundaries:
    """Sets `token.is_sent_start` from `split_sentences(doc.text)`; no state, nothing to save."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.array([start for start, _ in split_sentences(doc_text(doc))], dtype="int64")
        # One array write from the token offsets: setting token.is_sent_start one token at a
        # time checks the whole Doc each time (quadratic), and a Python loop over tokens is slow.
        idx = doc.to_array(["IDX"]).astype("int64")
        values = numpy.where(numpy.isin(idx, starts), 1, -1)
        values[0] = 1
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
        return doc

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> SentenceBoundaries:
        return self

    def to_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> None:
        return None

    def from_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> SentenceBoundaries:
        return self


@Language.factory(FACTORY)
def make_sentence_boundaries(nlp: Language, name: str) -> SentenceBoundaries:
    return SentenceBoundaries(name)
