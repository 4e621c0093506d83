"""The spaCy components "debatt_amounts" and "debatt_dates" on a blank Swedish pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import debatt_nlp.annotate.amounts_dates  # noqa: F401 - registers the factories
from debatt_nlp.annotate.amounts_dates import ANCHOR_KEY, anchor_from_doc
from debatt_nlp.schema import Amount, DateMention


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    pipeline = spacy.blank("sv")
    pipeline.add_pipe("debatt_amounts")
    pipeline.add_pipe("debatt_dates")
    return pipeline


def _run(nlp: spacy.Language, text: str, anchor: object = None) -> Doc:
    doc = nlp.make_doc(text)
    if anchor is not None:
        doc.user_data[ANCHOR_KEY] = anchor
    return nlp(doc)


def test_seed_interpellation(nlp: spacy.Language, seed_texts: tuple[str, str]) -> None:
    text = seed_texts[0]
    doc = _run(nlp, text, "2021-03-22")
    assert doc.text == text
    money = [a for a in doc._.amounts if a.label.value == "MONEY"]
    assert [(a.value, a.unit) for a in money] == [(32e6, "SEK"), (48e6, "SEK"), (54.7e6, "SEK")]
    assert all(isinstance(a, Amount) for a in doc._.amounts)
    assert all(isinstance(d, DateMention) for d in doc._.dates)
    for span in [*doc._.amounts, *doc._.dates]:
        assert text[span.start : span.end] == span.text
    assert "2021-03-22" in [d.value for d in doc._.dates]
    # the years beside the amounts are dates, not amounts
    assert {"2020", "2021"} <= {d.value for d in doc._.dates}
    assert not {"2020", "2021"} & {a.text for a in doc._.amounts}


def test_seed_reply_relative_against_its_date(nlp: spacy.Language, seed_texts: tuple[str, str]) -> None:
    text = seed_texts[1]
    doc = _run(nlp, text, dt.date(2021, 10, 25))
    nxt = [d for d in doc._.dates if d.text == "nästkommande verksamhetsår"]
    assert len(nxt) == 1 and nxt[0].value == "2022" and nxt[0].relative and nxt[0].anchor == "2021-10-25"
    snart = [d for d in doc._.dates if d.text == "20 år"]
    assert snart and snart[0].value == "P20Y" and snart[0].mod is not None and snart[0].mod.value == "APPROX"
    assert doc._.amounts == []  # "Dnr KS 2021/417" is no amount


def test_without_anchor_relative_values_stay_open(nlp: spacy.Language) -> None:
    doc = _run(nlp, "Anslaget höjdes i fjol och mötet hölls den 3 april.")
    values = {d.text: d.value for d in doc._.dates}
    assert values == {"i fjol": None, "3 april": "XXXX-04-03"}
    assert anchor_from_doc(doc) is None


@pytest.mark.parametrize("bad", ["not a date", "2021-13-45", 17])
def test_unreadable_anchor_is_ignored(nlp: spacy.Language, bad: object) -> None:
    doc = _run(nlp, "Anslaget höjdes i fjol.", bad)
    (d,) = doc._.dates
    assert d.value is None and d.anchor is None


def test_options_drop_quantities_and_sets() -> None:
    pipeline = spacy.blank("sv")
    pipeline.add_pipe("debatt_amounts", config={"keep_quantities": False})
    pipeline.add_pipe("debatt_dates", config={"keep_sets": False})
    doc = pipeline("Vi bygger 1,4 miljoner bostäder för 3 miljarder kronor varje femårsperiod.")
    assert [a.label.value for a in doc._.amounts] == ["MONEY"]
    assert all(d.label.value != "SET" for d in doc._.dates)


def test_docbin_round_trip_keeps_mentions(nlp: spacy.Language) -> None:
    # the extension values live in user_data; the msgpack hooks make them survive a DocBin
    doc = _run(nlp, "Det kostar 54,7 miljoner kronor från den 1 januari 2022.", "2021-03-22")
    blob = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(blob).get_docs(nlp.vocab)
    assert list(back._.amounts) == doc._.amounts
    assert list(back._.dates) == doc._.dates
    assert isinstance(back._.amounts[0], Amount) and back._.amounts[0].value == 54.7e6


def test_pipeline_rebuilds_from_config_and_bytes(nlp: spacy.Language) -> None:
    rebuilt = spacy.util.load_model_from_config(nlp.config, auto_fill=True)
    rebuilt.from_bytes(nlp.to_bytes())
    assert rebuilt.pipe_names == ["debatt_amounts", "debatt_dates"]
    doc = rebuilt("Anslaget är 12 miljoner kronor.")
    assert [a.value for a in doc._.amounts] == [12e6]
