"""spaCy components "debatt_amounts" and "debatt_dates": thin wrappers around the pure extractors.

    import spacy
    import debatt_nlp.annotate.amounts_dates  # registers the factories
    nlp = spacy.blank("sv")
    nlp.add_pipe("debatt_amounts")
    nlp.add_pipe("debatt_dates")
    doc = nlp.make_doc(text)
    doc.user_data["anchor_date"] = "2021-03-22"  # the document's date, optional
    doc = nlp(doc)
    doc._.amounts  # list[debatt_nlp.schema.Amount], offsets into doc.text
    doc._.dates    # list[debatt_nlp.schema.DateMention]

`debatt_amounts` calls `swedish.amounts.extract_amounts(doc_text(doc))`; `debatt_dates` calls
`swedish.timex.extract_dates(doc.text, anchor)` with the anchor read from
`doc.user_data["anchor_date"]` (an ISO date string, a `datetime.date`, or None). Neither changes
tokens or `doc.ents`. The lexicons ship inside the package, so there is nothing to serialise beyond
the config. Amount and DateMention objects are registered with srsly's msgpack so that
`doc.to_bytes()` and `DocBin(store_user_data=True)` keep working.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.annotate.doc_text import doc_text
from debatt_nlp.schema import Amount, DateMention
from debatt_nlp.swedish.amounts import extract_amounts
from debatt_nlp.swedish.timex import extract_dates

AMOUNTS_FACTORY = "debatt_amounts"
DATES_FACTORY = "debatt_dates"
ANCHOR_KEY = "anchor_date"
_MSGPACK_KEY = "__debatt_mention__"

if not Doc.has_extension("amounts"):
    Doc.set_extension("amounts", default=None)
if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)

_MODELS: dict[str, type[Amount] | type[DateMention]] = {"Amount": Amount, "DateMention": DateMention}


def _encode(obj: Any, chain=None):
    if isinstance(obj, Amount | DateMention):
        return {_MSGPACK_KEY: type(obj).__name__, **obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain=None):
    if isinstance(obj, dict) and obj.get(_MSGPACK_KEY) in _MODELS:
        model = _MODELS[obj[_MSGPACK_KEY]]
        return model(**{k: v for k, v in obj.items() if k != _MSGPACK_KEY})
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("debatt_amount_date", func=_encode)
srsly.msgpack_decoders.register("debatt_amount_date", func=_decode)


def anchor_from_doc(doc: Doc) -> dt.date | None:
    """The document date from `doc.user_data["anchor_date"]`; None when absent or unreadable."""
    value = doc.user_data.get(ANCHOR_KEY)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


class _NoState:
    """Nothing to save: the lexicons are package data and the settings live in the config."""

    def to_disk(self, path: Any, *, exclude: tuple[str, ...] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: tuple[str, ...] = ()) -> _NoState:
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> _NoState:
        return self


class AmountsComponent(_NoState):
    """Writes `doc._.amounts` (MONEY / PERCENT, and QUANTITY unless `keep_quantities` is false)."""

    def __init__(self, name: str, keep_quantities: bool = True) -> None:
        self.name = name
        self.keep_quantities = keep_quantities

    def __call__(self, doc: Doc) -> Doc:
        amounts = extract_amounts(doc_text(doc))
        if not self.keep_quantities:
            amounts = [a for a in amounts if a.label.value != "QUANTITY"]
        doc._.amounts = amounts
        return doc


class DatesComponent(_NoState):
    """Writes `doc._.dates` (DATE / DURATION, and SET unless `keep_sets` is false)."""

    def __init__(self, name: str, keep_sets: bool = True) -> None:
        self.name = name
        self.keep_sets = keep_sets

    def __call__(self, doc: Doc) -> Doc:
        dates = extract_dates(doc_text(doc), anchor_from_doc(doc))
        if not self.keep_sets:
            dates = [d for d in dates if d.label.value != "SET"]
        doc._.dates = dates
        return doc


@Language.factory(AMOUNTS_FACTORY, default_config={"keep_quantities": True})
def make_amounts(nlp: Language, name: str, keep_quantities: bool) -> AmountsComponent:
    return AmountsComponent(name, keep_quantities=keep_quantities)


@Language.factory(DATES_FACTORY, default_config={"keep_sets": True})
def make_dates(nlp: Language, name: str, keep_sets: bool) -> DatesComponent:
    return DatesComponent(name, keep_sets=keep_sets)
