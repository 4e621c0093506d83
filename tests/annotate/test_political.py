"""The political entity layer: pure parts (no model), the spaCy component, the seeds, riksdag-qa dev."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from debatt_nlp.annotate.political import genitive, load_gazetteer, refine_entities, strip_genitive
from debatt_nlp.schema import Entity

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "sv_debatt_core"
GENERIC = {"regeringen", "regionen", "staden", "kommunerna", "myndigheten", "kommuner", "regioner"}


def find(ents: list[Entity], text: str, label: str | None = None) -> list[Entity]:
    return [e for e in ents if e.text == text and (label is None or e.label == label)]


def check_offsets(text: str, ents: list[Entity]) -> None:
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
    spans = sorted((e.start, e.end) for e in ents)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, "entities must not overlap"


def assert_seed_entities(interpellation: list[Entity], reply: list[Entity]) -> None:
    both = interpellation + reply
    karin = [e for e in both if e.label == "PER" and e.norm == "Karin Ernlund"]
    assert karin and all(e.party == "C" and e.role == "arbetsmarknadsborgarrådet" for e in karin)
    salar = [e for e in both if e.label == "PER" and e.text == "Salar Rashid"]
    assert salar and all(e.party == "S" for e in salar)
    for name in (
        "Region Stockholm",
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "Stockholms stad",
        "Samordningsförbundet Stockholms stad",
    ):
        assert find(both, name, "ORG"), name
    for name in ("Sverige", "Liljeholmen", "Stockholm"):
        assert find(both, name, "LOC"), name
    assert find(both, "S", "PARTY") and find(both, "C", "PARTY")
    assert not [e for e in both if e.text.casefold() in GENERIC], "a generic noun became an entity"
    # the lowercased signature of the reply is the same person
    signature = [e for e in reply if e.text == "Karin ernlund"]
    assert signature and signature[0].label == "PER" and signature[0].norm == "Karin Ernlund"
    assert signature[0].party == "C"
    # the date line's place
    assert any(e.label == "LOC" and e.text == "Stockholm" for e in reply)


# ------------------------------------------------------------------------------ pure layer


def test_gazetteer_loads_and_is_cached():
    gz = load_gazetteer()
    assert gz is load_gazetteer()
    assert gz.lookup("Försäkringskassan")[1][0] == "ORG"
    assert gz.lookup("Region Stockholms")[1][1] == "Region Stockholm"
    assert gz.lookup("Socialdemokraterna")[1][:2] == ("PARTY", "S")
    assert gz.party_letters["kd"] == "KD" and gz.party_letters["fp"] == "L"
    assert (
        gz.is_role("arbetsmarknadsborgarrådet") and gz.is_role("Statsrådet") and gz.is_role("finansministern")
    )
    assert gz.is_generic("regeringen") and gz.is_generic("Regeringens")


def test_genitive_helpers():
    assert genitive("Stockholm") == "Stockholms"
    assert genitive("EU") == "EU:s"
    assert genitive("Paris") == "Paris"
    assert strip_genitive("EU:s") == "EU"
    assert strip_genitive("Ernlunds") == "Ernlund"


def test_seeds_without_model(seed_texts):
    interpellation, reply = seed_texts
    ents_i = refine_entities(interpellation, [])
    ents_r = refine_entities(reply, [])
    check_offsets(interpellation, ents_i)
    check_offsets(reply, ents_r)
    assert_seed_entities(ents_i, ents_r)


def test_title_and_party_attach_to_person():
    text = "Interpellation till arbetsmarknadsborgarrådet Karin Ernlund (C) om Samordningsförbundet."
    ents = refine_entities(text, [])
    per = find(ents, "Karin Ernlund", "PER")[0]
    assert (per.party, per.role, per.norm) == ("C", "arbetsmarknadsborgarrådet", "Karin Ernlund")
    party = find(ents, "C", "PARTY")[0]
    assert text[party.start - 1] == "(" and party.norm == "C"
    # the model's span including the title is trimmed
    start = text.index("arbetsmarknadsborgarrådet")
    ents = refine_entities(text, [(start, text.index(" (C)"), "PER")])
    assert find(ents, "Karin Ernlund", "PER")


def test_riksdag_title_line():
    text = "Interpellation 2017/18:91 av Jens Holm (V) till Statsrådet Sven-Erik Bucht (S)\n\nText."
    ents = refine_entities(text, [])
    holm = find(ents, "Jens Holm", "PER")[0]
    bucht = find(ents, "Sven-Erik Bucht", "PER")[0]
    assert holm.party == "V" and holm.role is None
    assert bucht.party == "S" and bucht.role == "Statsrådet"
    assert [e.text for e in ents if e.label == "PARTY"] == ["V", "S"]


def test_historic_party_letters_fold_to_party_code():
    text = "Frågan ställdes av Cecilia Malmström (fp) och Göran Hägglund (kd)."
    ents = refine_entities(text, [])
    parties = [(e.text, e.norm) for e in ents if e.label == "PARTY"]
    assert parties == [("fp", "L"), ("kd", "KD")]
    assert find(ents, "Göran Hägglund", "PER")[0].party == "kd"  # as written


def test_norm_folds_inflections():
    text = (
        "Karin Ernlund (C) svarar. Stockholms stads budget och Region Stockholms anslag. "
        "Ernlunds svar gällde EU:s regler och Sveriges kommuner."
    )
    ents = refine_entities(text, [])
    assert find(ents, "Stockholms stads", "ORG")[0].norm == "Stockholms stad"
    assert find(ents, "Region Stockholms", "ORG")[0].norm == "Region Stockholm"
    ernlunds = find(ents, "Ernlunds", "PER")[0]
    assert ernlunds.norm == "Karin Ernlund" and ernlunds.party == "C"
    assert find(ents, "EU:s", "ORG")[0].norm == "EU"
    assert find(ents, "Sveriges", "LOC")[0].norm == "Sverige"


def test_generic_nouns_are_never_entities():
    text = "Regeringen och regionen, staden, kommunerna och myndigheten. Myndigheten svarar."
    words = ("Regeringen", "regionen", "staden", "kommunerna", "myndigheten", "Myndigheten")
    model = [(text.index(w), text.index(w) + len(w), "ORG") for w in words]
    assert refine_entities(text, model) == []


def test_model_labels_are_corrected_and_extras_kept():
    text = "Socialdemokraterna i Sverige kritiserade förslaget i mars 2021."
    model = [(0, 18, "ORG"), (21, 28, "ORG"), (text.index("mars"), len(text) - 1, "TME")]
    ents = refine_entities(text, model)
    assert [(e.text, e.label, e.source) for e in ents] == [
        ("Socialdemokraterna", "PARTY", "gazetteer"),
        ("Sverige", "LOC", "gazetteer"),
        ("mars 2021", "TME", "model"),
    ]
    assert ents[0].norm == "S"


def test_two_letter_party_codes_in_running_text():
    text = "Under presskonferensen då SD och regeringen presenterade avtalet stod KD:s ledare bredvid."
    ents = refine_entities(text, [])
    assert [(e.text, e.label, e.norm) for e in ents if e.label == "PARTY"] == [
        ("SD", "PARTY", "SD"),
        ("KD:s", "PARTY", "KD"),
    ]
    # one-letter codes stay ambiguous outside parentheses
    assert not refine_entities("Bilaga S och bilaga C.", [])


def test_sentence_initial_common_word_from_the_model_is_dropped():
    text = (
        "Regeringen har infört nystartsjobb. Nystartsjobb innebär att arbetsgivaren får ett avdrag. "
        "Diskriminering av människor är oacceptabelt, och diskriminering ska motverkas."
    )
    model = [(text.index("Nystartsjobb"), text.index(" innebär"), "LOC")]
    model.append((text.index("Diskriminering"), text.index(" av"), "PER"))
    assert refine_entities(text, model) == []
    # a name that the text never writes in lower case is kept
    text = "Wikileaks släppte dokumenten. Enligt Wikileaks var de äkta."
    model = [(0, 9, "ORG"), (text.rindex("Wikileaks"), text.rindex("Wikileaks") + 9, "ORG")]
    assert [e.text for e in refine_entities(text, model)] == ["Wikileaks", "Wikileaks"]


def _span(text: str, surface: str, label: str) -> tuple[int, int, str]:
    start = text.index(surface)
    return (start, start + len(surface), label)


def test_model_persons_that_cannot_be_persons_are_dropped():
    text = (
        "Projektet DEV låter unga möta yrken inom design. Enligt Mekanismen för ren utveckling "
        "ska Citybanan byggas. Anna Berg har skrivit om saken, och Berg menar att statsrådet "
        "Eneroth bör svara."
    )
    model = [
        _span(text, "DEV", "PER"),  # an acronym: names are written in title case
        _span(text, "Mekanismen", "PER"),  # one word, part of no full name in the text
        _span(text, "Citybanan", "PER"),
        _span(text, "Anna Berg", "PER"),
        (text.index("Berg menar"), text.index(" menar"), "PER"),  # surname of Anna Berg
        _span(text, "Eneroth", "PER"),  # one word, but after a title
    ]
    persons = [e.text for e in refine_entities(text, model) if e.label == "PER"]
    assert persons == ["Anna Berg", "Berg", "Eneroth"]


def test_longer_mention_wins():
    text = "Samordningsförbundet Stockholms stad och Stockholms samordningsförbund."
    ents = refine_entities(text, [(21, 30, "LOC")])  # the model's "Stockholms"
    assert [e.text for e in ents] == ["Samordningsförbundet Stockholms stad", "Stockholms samordningsförbund"]


def test_date_line_place_is_loc():
    text = "Stockholm den 22 mars 2021\n\nSalar Rashid (S)\n"
    ents = refine_entities(text, [])
    assert (ents[0].text, ents[0].label) == ("Stockholm", "LOC")
    assert find(ents, "Salar Rashid", "PER")[0].party == "S"


# ------------------------------------------------------------------------------ the spaCy component


def test_component_without_model(seed_texts):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    import debatt_nlp.annotate.political_component  # noqa: F401

    nlp = spacy.blank("sv")
    nlp.add_pipe("debatt_political_entities")
    docs = list(nlp.pipe(seed_texts))
    assert_seed_entities(docs[0]._.entities, docs[1]._.entities)
    # serialisable: config round trip and Doc bytes with the extension
    nlp2 = spacy.blank("sv").from_config(nlp.config)
    assert "debatt_political_entities" in nlp2.pipe_names
    restored = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert restored._.entities == docs[0]._.entities


@pytest.fixture(scope="module")
def full_nlp():
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip("models/sv_debatt_core is not built")
    spacy = pytest.importorskip("spacy")
    import debatt_nlp.annotate.political_component  # noqa: F401

    nlp = spacy.load(MODEL_DIR)
    nlp.add_pipe("debatt_political_entities", after="ner")
    return nlp


def test_component_with_model_on_seeds(full_nlp, seed_texts):
    docs = list(full_nlp.pipe(seed_texts))
    for doc in docs:
        check_offsets(doc.text, doc._.entities)
    assert_seed_entities(docs[0]._.entities, docs[1]._.entities)
    # the seeds name two people and nobody else ("Svar på Interpellation av …" is no person)
    persons = {e.norm for doc in docs for e in doc._.entities if e.label == "PER"}
    assert persons == {"Karin Ernlund", "Salar Rashid"}


def test_model_title_is_trimmed_by_the_layer(full_nlp):
    text = "Statsminister Stefan Löfven besökte Göteborg tillsammans med företrädare för Volvo."
    ents = full_nlp(text)._.entities
    check_offsets(text, ents)
    per = find(ents, "Stefan Löfven", "PER")
    assert per and per[0].role == "Statsminister"
    assert not [e for e in ents if e.text.startswith("Statsminister")]
    assert find(ents, "Göteborg", "LOC")


def test_full_stack_on_riksdag_qa_dev(full_nlp, riksdag_qa_dev):
    """Exact-match micro F1 over PER/ORG/LOC/PARTY on the dev gold (not the eval split)."""
    tp = fp = fn = 0
    for line in (riksdag_qa_dev / "gold.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        for side in ("question", "answer"):
            text = (riksdag_qa_dev / row[f"{side}_file"]).read_text(encoding="utf-8")
            gold = {(e["start"], e["end"], e["label"]) for e in row["mentions"][side]["entities"]}
            pred = {
                (e.start, e.end, e.label)
                for e in full_nlp(text)._.entities
                if e.label in ("PER", "ORG", "LOC", "PARTY")
            }
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.92, f1  # measured 0.937 (benchmarks/ner_eval.py); the issue asks >= 0.90


def test_layer_alone_on_riksdag_qa_dev(riksdag_qa_dev):
    tp = fp = fn = 0
    for line in (riksdag_qa_dev / "gold.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        for side in ("question", "answer"):
            text = (riksdag_qa_dev / row[f"{side}_file"]).read_text(encoding="utf-8")
            gold = {(e["start"], e["end"], e["label"]) for e in row["mentions"][side]["entities"]}
            ents = refine_entities(text, [])
            check_offsets(text, ents)
            pred = {(e.start, e.end, e.label) for e in ents if e.label in ("PER", "ORG", "LOC", "PARTY")}
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.90  # measured 0.927
