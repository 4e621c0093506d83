"""models/sv_debatt_core: loads offline, has the expected components, and basic analyses are right."""

from __future__ import annotations

from pathlib import Path

import pytest

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "sv_debatt_core"

pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "meta.json").exists(), reason="models/sv_debatt_core is not built"
)


UD_COMPONENTS = ("ud_tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser")


@pytest.fixture(scope="module")
def default_nlp():
    import spacy

    return spacy.load(MODEL_DIR)


@pytest.fixture(scope="module")
def nlp():
    """Everything enabled: the UD components ship disabled (the tool itself only needs NER)."""
    import spacy

    return spacy.load(MODEL_DIR, config={"nlp": {"disabled": []}})


def test_meta_and_components(default_nlp, nlp):
    assert default_nlp.meta["name"] == "sv_debatt_core"
    assert default_nlp.meta["version"] == "0.2.0"
    assert default_nlp.lang == "sv"
    # the default run is NER alone (with its own tok2vec inside), for throughput
    assert default_nlp.pipe_names == ["ner"]
    assert set(default_nlp.disabled) == set(UD_COMPONENTS)
    assert list(nlp.pipe_names) == [*UD_COMPONENTS, "ner"]
    assert {"PER", "ORG", "LOC"} <= set(nlp.get_pipe("ner").labels)


def test_default_run_has_entities_but_no_lemmas(default_nlp):
    doc = default_nlp("Karin Ernlund besökte Försäkringskassan i Stockholm.")
    assert doc.ents
    assert not doc.has_annotation("LEMMA")


def test_model_card_and_size():
    card = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("CC BY-SA 4.0", "python training/train.py", "lemma", "words/s"):
        assert needle in card
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 60_000_000


def test_lemmas_in_context(nlp):
    doc = nlp("Regeringen har beslutat att Försäkringskassan ska få större anslag.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["har"] == "ha"  # not the noun "hare"
    assert lemmas["beslutat"] == "besluta"
    assert lemmas["anslag"] == "anslag"
    assert doc[0].pos_ == "NOUN" and doc[1].pos_ == "AUX"


def person_names(doc) -> set[str]:
    """PER spans; a title the model took into the span is the political layer's to trim
    (tests/annotate/test_political.py::test_model_title_is_trimmed_by_the_layer)."""
    return {e.text for e in doc.ents if e.label_ == "PER"}


def test_named_entities(default_nlp):
    doc = default_nlp("Statsminister Stefan Löfven besökte Göteborg tillsammans med företrädare för Volvo.")
    assert {"Stefan Löfven", "Statsminister Stefan Löfven"} & person_names(doc)
    assert ("Göteborg", "LOC") in {(e.text, e.label_) for e in doc.ents}
    doc = default_nlp("Frågan ställdes till socialminister Annika Strandhäll i riksdagen i Stockholm.")
    assert {"Annika Strandhäll", "socialminister Annika Strandhäll"} & person_names(doc)
    assert ("Stockholm", "LOC") in {(e.text, e.label_) for e in doc.ents}
    doc = default_nlp("Kommunstyrelsen i Malmö och Arbetsförmedlingen har träffat Ebba Busch.")
    assert "Ebba Busch" in person_names(doc)
    # (the model misses "Arbetsförmedlingen" here: ORG recall is its weak point, which the
    # political layer's gazetteers make up for)
