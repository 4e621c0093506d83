"""spaCy component "debatt_political_entities": the political entity layer on top of the model's NER.

    import spacy
    import debatt_nlp.annotate.political_component  # registers the factory
    nlp = spacy.load("models/sv_debatt_core")
    nlp.add_pipe("debatt_political_entities", after="ner")
    doc = nlp(text)
    doc._.entities  # list[debatt_nlp.schema.Entity], offsets into doc.text

The component calls `political.refine_entities(doc.text, [(start_char, end_char, label) ...])` and
stores the result in the Doc extension `entities` (it does not change `doc.ents`). Entities are
registered with srsly's msgpack so that `doc.to_bytes()`, DocBin(store_user_data=True) and
`nlp.pipe(..., n_process=2)` keep working.
"""

from __future__ import annotations

from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.annotate.doc_text import doc_text
from debatt_nlp.annotate.political import load_gazetteer, refine_entities
from debatt_nlp.schema import Entity

FACTORY = "debatt_political_entities"
_MSGPACK_KEY = "__debatt_entity__"
NAME_POS = {"PROPN", "X", "SYM", ""}

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


def _encode_entity(obj: Any, chain=None):
    if isinstance(obj, Entity):
        return {_MSGPACK_KEY: True, **obj.model_dump()}
    return obj if chain is None else chain(obj)


def _decode_entity(obj: Any, chain=None):
    if isinstance(obj, dict) and obj.get(_MSGPACK_KEY):
        data = {k: v for k, v in obj.items() if k != _MSGPACK_KEY}
        return Entity(**data)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("debatt_entity", func=_encode_entity)
srsly.msgpack_decoders.register("debatt_entity", func=_decode_entity)


class PoliticalEntities:
    """Runs after `ner`; reads doc.ents, writes doc._.entities."""

    def __init__(
        self, nlp: Language, name: str, keep_extra_labels: bool = True, use_pos: bool = True
    ) -> None:
        self.name = name
        self.keep_extra_labels = keep_extra_labels
        self.use_pos = use_pos
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        common: set[int] = set()
        if self.use_pos and doc.has_annotation("POS"):
            common = {t.idx for t in doc if t.is_alpha and t.pos_ not in NAME_POS}
        entities = refine_entities(doc_text(doc), ents, self.gazetteer, common_word_starts=common)
        if not self.keep_extra_labels:
            entities = [e for e in entities if e.label in ("PER", "ORG", "LOC", "PARTY")]
        doc._.entities = entities
        return doc

    # nothing but the config to serialise: the gazetteers ship with the package
    def to_disk(self, path, *, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, *, exclude=tuple()) -> PoliticalEntities:
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> PoliticalEntities:
        return self


@Language.factory(
    FACTORY,
    default_config={"keep_extra_labels": True, "use_pos": True},
    requires=["doc.ents"],
    assigns=["doc._.entities"],
)
def make_political_entities(
    nlp: Language, name: str, keep_extra_labels: bool, use_pos: bool
) -> PoliticalEntities:
    """keep_extra_labels: keep the model's TME/MSR/WRK/EVN/OBJ entities in doc._.entities.
    use_pos: let the tagger's POS drop sentence-initial common words the NER took for names."""
    return PoliticalEntities(nlp, name, keep_extra_labels=keep_extra_labels, use_pos=use_pos)
