"""Fuzzing the segment stage (and the whole rule path) with hypothesis: whatever the text, no
exception, and every offset is valid.

The texts are built from fragments that make the rules fire (title lines, numbered and bulleted
questions, date lines, party letters, Dnr, page breaks, the chamber's "Fru talman!"), mixed with
arbitrary characters, so that the rules meet both their own shapes and damage around them.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from debatt_nlp.api import annotate_texts
from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.schema import DocumentRole
from debatt_nlp.segment.doctype import classify
from debatt_nlp.segment.metadata import Field, extract_metadata
from debatt_nlp.segment.questions import find_restated_questions, split_questions
from debatt_nlp.segment.sentences import split_sentences
from helpers import assert_exchange_offsets

FRAGMENTS = [
    "Interpellation till arbetsmarknadsborgarrådet Karin Ernlund (C) om Samordningsförbundet",
    "Interpellation 2018/19:260 Arbetslösheten av Jens Holm (V) till Finansminister Magdalena Andersson (S)",
    "Svar på Interpellation av Salar Rashid (S) om ",
    "Fru talman! Jens Holm har frågat mig om ",
    "Jag vill därför fråga ",
    "arbetsmarknadsborgarrådet:",
    "\n1. Avser borgarrådet att agera?",
    "\n2) Vilka åtgärder vidtas?",
    "\n- Hur ser ministern på detta?",
    "\n• När kommer beslutet?",
    "Stockholm den 22 mars 2021",
    "Dnr KS 2021/417",
    "Socialdemokraterna",
    "\f",
    "\n\n",
    "\n",
    " ",
    "  ",
    "?",
    ".",
    "(S)",
    "(kd)",
    "54,7 miljoner kronor",
    "i fjol",
    "för-\nvaltningen",
    "Karin ernlund",
    "Den första frågan gäller ",
    "Varför? ",
    "\u00a0",
    "\u00ad",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
    max_size=40,
).map("".join)


def _fields(value: object) -> list[Field]:
    """Every Field inside a metadata dataclass tree."""
    if isinstance(value, Field):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f for item in dataclasses.fields(value) for f in _fields(getattr(value, item.name))]
    return []


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_segment_functions_never_raise_and_keep_offsets_in_the_text(text: str) -> None:
    clean = repair(text).clean
    paragraphs = [(p.clean_start, p.clean_end) for p in repair(text).paragraphs]

    role, confidence, hits = classify(clean)
    assert role in DocumentRole
    assert 0.0 <= confidence <= 1.0
    for hit in hits:
        assert 0 <= hit.start <= hit.end <= len(clean)

    for roles in DocumentRole:
        for field in _fields(extract_metadata(clean, paragraphs, roles)):
            assert 0 <= field.start <= field.end <= len(clean)

    for items in (split_questions(clean), find_restated_questions(clean)):
        assert all(item.n >= 1 for item in items)  # the marker's own number where there is one
        previous_end = 0
        for item in items:
            assert previous_end <= item.start < item.end <= len(clean)
            previous_end = item.end

    sentences = split_sentences(clean)
    previous_end = 0
    for start, end in sentences:
        assert previous_end <= start <= end <= len(clean)
        previous_end = end


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS.filter(lambda t: t.strip() != ""), min_size=1, max_size=2))
def test_the_rule_path_keeps_every_span_true_to_the_original(texts: list[str]) -> None:
    """Whole documents through annotate (rules, no model): each input is annotated or reported,
    and every span of every record satisfies `text[start:end] == span.text`."""
    run = annotate_texts([(f"doc{i}.txt", t) for i, t in enumerate(texts)], model="blank")
    annotated = {d.id for e in run.exchanges for d in e.documents}
    failed = {e.path for e in run.errors}
    assert annotated | failed == {f"doc{i}.txt" for i in range(len(texts))}
    assert not annotated & failed
    for exchange in run.exchanges:
        assert_exchange_offsets(exchange)
