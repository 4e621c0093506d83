"""The optional stanza backend (src/debatt_nlp/annotate/stanza_adapter.py).

The adapter is tested on real stanza `Document`s read from CoNLL-U with `CoNLL.conll2doc`: UD
Talbanken from ../shared as it is, and rewritten with multi-word tokens and NER tags added (plus a
small hand-written document). No stanza model can be downloaded here, so the loaders are tested on
a REAL `stanza.Pipeline` built from a fake resources.json whose processors are stand-ins plugged in
through stanza's own extension points (a tokenize and a pos "processor variant", stanza's built-in
identity lemmatizer, and an NER processor subclass): the Documents the adapter converts are made by
stanza's pipeline code. What the real neural models output is not tested here (see docs/stanza.md).
Tests that need stanza skip when it is not installed; the BackendUnavailable ones run either way.
"""

from __future__ import annotations

import builtins
import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
import types
import warnings
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatt_nlp.annotate import stanza_adapter
from debatt_nlp.annotate.stanza_adapter import (
    PIP_EXTRA_COMMAND,
    BackendUnavailable,
    backends_info,
    default_model_dirs,
    download_command,
    find_stanza_models,
    load_stanza_nlp,
    load_stanza_pipeline,
    map_label,
    stanza_doc_to_spacy,
)
from helpers import REPO, SHARED

TALBANKEN_DEV = SHARED / "data" / "ud" / "talbanken" / "sv_talbanken-ud-dev.conllu"


def _stanza_installed() -> bool:
    try:
        return importlib.util.find_spec("stanza") is not None
    except (ImportError, ValueError):
        return False


HAS_STANZA = _stanza_installed()


@pytest.fixture(scope="module")
def stanza():
    return pytest.importorskip("stanza")


@pytest.fixture(scope="module")
def conll(stanza):
    from stanza.utils.conll import CoNLL

    return CoNLL


def _download_call(model_dir: Path) -> str:
    """What the issue asks the error to show, written out here independently of the adapter."""
    return f'stanza.download("sv", model_dir="{model_dir}")'


# --------------------------------------------------------------------------- CoNLL-U helpers


def _row(i, form, lemma="_", upos="_", xpos="_", feats="_", misc="_") -> str:
    return "\t".join([str(i), form, lemma, upos, xpos, feats, "_", "_", "_", misc])


def _misc(start: int, end: int, ner: str = "O") -> str:
    return f"start_char={start}|end_char={end}|ner={ner}"


# Stanza's own CoNLL-U output keeps offsets and NER in MISC; `1-2` / `4-6` are multi-word tokens:
# "Kalle's" -> "Kalle" + "'s" spells its surface, "pga." -> "på grund av" does not.
MWT_TEXT = "Anna Ek (S) frågade i Stockholm i går.\n\nKalle's svar kom pga. stormen."
MWT_CONLLU = "\n".join(
    [
        "# text = Anna Ek (S) frågade i Stockholm i går.",
        _row(1, "Anna", "Anna", "PROPN", "PM|NOM", "Case=Nom", _misc(0, 4, "B-PRS")),
        _row(2, "Ek", "Ek", "PROPN", "PM|NOM", "Case=Nom", _misc(5, 7, "E-PRS")),
        _row(3, "(", "(", "PUNCT", "PAD", "_", _misc(8, 9)),
        _row(4, "S", "S", "PROPN", "PM|NOM", "Case=Nom", _misc(9, 10, "S-INST")),
        _row(5, ")", ")", "PUNCT", "PAD", "_", _misc(10, 11)),
        _row(6, "frågade", "fråga", "VERB", "VB|PRT|AKT", "Tense=Past|VerbForm=Fin", _misc(12, 19)),
        _row(7, "i", "i", "ADP", "PP", "_", _misc(20, 21)),
        _row(8, "Stockholm", "Stockholm", "PROPN", "PM|NOM", "Case=Nom", _misc(22, 31, "S-LOC")),
        _row(9, "i", "i", "ADP", "PP", "_", _misc(32, 33, "B-TME")),
        _row(10, "går", "går", "NOUN", "NN|NEU|SIN|IND|NOM", "Number=Sing", _misc(34, 37, "E-TME")),
        _row(11, ".", ".", "PUNCT", "MAD", "_", _misc(37, 38)),
        "",
        "# text = Kalle's svar kom pga. stormen.",
        _row("1-2", "Kalle's", misc=_misc(40, 47, "S-PER")),
        _row(1, "Kalle", "Kalle", "PROPN", "PM|GEN", "Case=Gen"),
        _row(2, "'s", "'s", "PART", "PS", "_"),
        _row(3, "svar", "svar", "NOUN", "NN|NEU|SIN|IND|NOM", "Number=Sing", _misc(48, 52)),
        _row(4, "kom", "komma", "VERB", "VB|PRT|AKT", "Tense=Past", _misc(53, 56)),
        _row("5-7", "pga.", misc=_misc(57, 61)),
        _row(5, "på", "på", "ADP", "PP", "_"),
        _row(6, "grund", "grund", "NOUN", "NN|UTR|SIN|IND|NOM", "Number=Sing"),
        _row(7, "av", "av", "ADP", "PP", "_"),
        _row(8, "stormen", "storm", "NOUN", "NN|UTR|SIN|DEF|NOM", "Definite=Def|Number=Sing", _misc(62, 69)),
        _row(9, ".", ".", "PUNCT", "MAD", "_", _misc(69, 70)),
        "",
    ]
)

MWT_TOKENS = [  # (text, idx, whitespace, is_sent_start, lemma, pos)
    ("Anna", 0, " ", True, "Anna", "PROPN"),
    ("Ek", 5, " ", False, "Ek", "PROPN"),
    ("(", 8, "", False, "(", "PUNCT"),
    ("S", 9, "", False, "S", "PROPN"),
    (")", 10, " ", False, ")", "PUNCT"),
    ("frågade", 12, " ", False, "fråga", "VERB"),
    ("i", 20, " ", False, "i", "ADP"),
    ("Stockholm", 22, " ", False, "Stockholm", "PROPN"),
    ("i", 32, " ", False, "i", "ADP"),
    ("går", 34, "", False, "går", "NOUN"),
    (".", 37, "", False, ".", "PUNCT"),
    ("\n\n", 38, "", False, "\n\n", "SPACE"),
    ("Kalle", 40, "", True, "Kalle", "PROPN"),
    ("'s", 45, " ", False, "'s", "PART"),
    ("svar", 48, " ", False, "svar", "NOUN"),
    ("kom", 53, " ", False, "komma", "VERB"),
    ("pga.", 57, " ", False, "på", "ADP"),
    ("stormen", 62, "", False, "storm", "NOUN"),
    (".", 69, "", False, ".", "PUNCT"),
]
MWT_ENTS = [  # (text, label, start_char, end_char)
    ("Anna Ek", "PER", 0, 7),
    ("S", "ORG", 9, 10),
    ("Stockholm", "LOC", 22, 31),
    ("i går", "TME", 32, 37),
    ("Kalle's", "PER", 40, 47),
]


def _feats(feats: str | None) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in feats.split("|")) if feats else {}


def _tokens(doc):
    return [(t.text, t.idx, t.whitespace_, t.is_sent_start, t.lemma_, t.pos_) for t in doc]


def _ents(doc):
    return [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]


def _read_talbanken(conll, reconstruct: bool):
    if not TALBANKEN_DEV.exists():
        pytest.skip(f"{TALBANKEN_DEV} is not available")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if reconstruct:
            if "reconstruct_text" not in inspect.signature(conll.conll2doc).parameters:
                pytest.skip("this stanza's CoNLL.conll2doc cannot rebuild the text and offsets")
            return conll.conll2doc(input_file=str(TALBANKEN_DEV), reconstruct_text=True)
        return conll.conll2doc(input_file=str(TALBANKEN_DEV))


def _text_comments(path: Path) -> list[str]:
    return [
        line.split("=", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text =")
    ]


# --------------------------------------------------------------------------- adapter: Talbanken


def test_talbanken_offsets_sentences_and_analyses(conll):
    sdoc = _read_talbanken(conll, reconstruct=True)
    doc = stanza_doc_to_spacy(sdoc)
    assert doc.text == sdoc.text
    words = [t for t in doc if not t.is_space]
    stanza_tokens = [token for sentence in sdoc.sentences for token in sentence.tokens]
    assert len(words) == len(stanza_tokens) == sdoc.num_tokens > 9000
    for token, stanza_token in zip(words, stanza_tokens, strict=True):
        (word,) = stanza_token.words  # Talbanken has no multi-word tokens
        assert token.idx == stanza_token.start_char
        assert token.idx + len(token.text) == stanza_token.end_char
        assert token.text == stanza_token.text == sdoc.text[token.idx : token.idx + len(token)]
        assert token.lemma_ == word.lemma
        assert token.pos_ == word.upos
        assert token.tag_ == word.xpos
        assert token.morph.to_dict() == _feats(word.feats)
    assert doc.has_annotation("SENT_START")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [s.text for s in sdoc.sentences] == _text_comments(TALBANKEN_DEV)
    first = next(iter(doc.sents))
    assert first.text.startswith("Kibbutzgrundarna kom från en miljö,")
    assert [(t.text, t.lemma_, t.pos_) for t in first[:2]] == [
        ("Kibbutzgrundarna", "kibbutzgrundare", "NOUN"),
        ("kom", "komma", "VERB"),
    ]
    assert str(first[0].morph) == "Case=Nom|Definite=Def|Gender=Com|Number=Plur"
    assert list(doc.ents) == []  # Talbanken has no NER


def test_talbanken_without_offsets_rebuilds_the_text(conll):
    """A Document read from CoNLL-U without offsets: the text is rebuilt from SpaceAfter."""
    sdoc = _read_talbanken(conll, reconstruct=False)
    assert sdoc.text is None
    doc = stanza_doc_to_spacy(sdoc)
    assert [s.text.strip() for s in doc.sents] == _text_comments(TALBANKEN_DEV)
    assert doc.text == " ".join(_text_comments(TALBANKEN_DEV))
    assert len([t for t in doc if not t.is_space]) == sdoc.num_tokens


# --------------------------------------------------------------------------- adapter: Talbanken + MWT + NER


def _talbanken_sentences() -> list[tuple[str, list[list[str]]]]:
    """(text, word rows) of every Talbanken dev sentence (it has no multi-word tokens)."""
    if not TALBANKEN_DEV.exists():
        pytest.skip(f"{TALBANKEN_DEV} is not available")
    sentences = []
    for block in TALBANKEN_DEV.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        texts = [line.split("=", 1)[1].strip() for line in lines if line.startswith("# text =")]
        rows = [line.split("\t") for line in lines if not line.startswith("#")]
        rows = [row for row in rows if "." not in row[0]]  # enhanced-UD empty nodes are no tokens
        if texts and rows:
            sentences.append((texts[0], rows))
    return sentences


def _misc_join(*parts: str) -> str:
    kept = [part for part in parts if part and part != "_"]
    return "|".join(kept) or "_"


def _rewrite_talbanken(separator: str, with_offsets: bool):
    """Talbanken dev rewritten the way stanza could have analysed it, as CoNLL-U:

    - abbreviations whose lemma has parts ("t.ex." lemma "till_exempel") become multi-word tokens
      whose words ("till", "exempel") do not spell the surface: expected as ONE token with the
      first word's lemma;
    - a word followed without space by punctuation ("miljö" ",") becomes a multi-word token
      "miljö," whose words spell it: expected as the two tokens;
    - runs of PROPN words get BIOES tags ner=B-PRS/I-PRS/E-PRS/S-PRS: expected as PER entities;
    - with_offsets: start_char/end_char in MISC, as stanza writes them, for the text that joins
      the sentences with `separator`.

    Returns (conllu, text, expected tokens (text, idx, lemma, pos), expected entities, counts).
    """
    blocks, expected_tokens, expected_ents = [], [], []
    counts = {"spelled": 0, "not_spelled": 0, "entities": 0}
    base = 0
    texts = []
    for text, rows in _talbanken_sentences():
        texts.append(text)
        cursor, spans = 0, []
        for row in rows:  # every word's place in the sentence, found from the forms
            start = text.index(row[1], cursor)
            assert not text[cursor:start].strip()
            spans.append((base + start, base + start + len(row[1])))
            cursor = start + len(row[1])
        kinds = _kinds(rows)
        in_run = [kind == "plain" and row[3] == "PROPN" for kind, row in zip(kinds, rows, strict=True)]
        lines = [f"# text = {text}"]
        new_id = 0
        for i, (row, kind, (start, end)) in enumerate(zip(rows, kinds, spans, strict=True)):
            form, lemma, upos, xpos, feats, misc = row[1], row[2], row[3], row[4], row[5], row[9]
            offsets = f"start_char={start}|end_char={end}" if with_offsets else ""
            if kind == "not_spelled":
                parts = lemma.split("_")
                mwt_misc = _misc_join(misc, offsets, "ner=O")
                lines.append(_row(f"{new_id + 1}-{new_id + len(parts)}", form, misc=mwt_misc))
                for part in parts:
                    new_id += 1
                    lines.append(_row(new_id, part, part, upos, xpos, feats))
                expected_tokens.append((form, start, parts[0], upos))
                counts["not_spelled"] += 1
                continue
            if kind == "spelled":  # this word and the punctuation after it
                following = rows[i + 1]
                end = spans[i + 1][1]
                offsets = f"start_char={start}|end_char={end}" if with_offsets else ""
                mwt_misc = _misc_join(following[9], offsets, "ner=O")
                lines.append(_row(f"{new_id + 1}-{new_id + 2}", form + following[1], misc=mwt_misc))
                counts["spelled"] += 1
            if kind in ("spelled", "spelled_second"):
                new_id += 1
                lines.append(_row(new_id, form, lemma, upos, xpos, feats))
                expected_tokens.append((form, start, lemma, upos))
                continue
            tag = "O"
            if in_run[i]:
                first = i == 0 or not in_run[i - 1]
                last = i + 1 == len(rows) or not in_run[i + 1]
                tag = {(True, True): "S", (True, False): "B", (False, True): "E"}.get((first, last), "I")
                tag += "-PRS"
                if first:
                    run_start = start
                if last:
                    expected_ents.append((run_start, end, "PER"))
                    counts["entities"] += 1
            new_id += 1
            lines.append(
                _row(new_id, form, lemma, upos, xpos, feats, _misc_join(misc, offsets, f"ner={tag}"))
            )
            expected_tokens.append((form, start, lemma, upos))
        blocks.append("\n".join(lines))
        base += len(text) + len(separator)
    return "\n\n".join(blocks) + "\n\n", separator.join(texts), expected_tokens, expected_ents, counts


def _kinds(rows: list[list[str]]) -> list[str]:
    """How `_rewrite_talbanken` treats each word: not_spelled (an abbreviation with a multi-part
    lemma), spelled + spelled_second (a non-name word and the punctuation glued to it), plain."""
    kinds = ["plain"] * len(rows)
    for i, row in enumerate(rows):
        if kinds[i] != "plain":
            continue
        if "Abbr=Yes" in row[5] and "_" in row[2]:
            kinds[i] = "not_spelled"
        elif (
            i + 1 < len(rows)
            and "SpaceAfter=No" in row[9]
            and row[3] not in ("PUNCT", "PROPN")
            and rows[i + 1][3] == "PUNCT"
            and "Abbr=Yes" not in rows[i + 1][5]
        ):
            kinds[i], kinds[i + 1] = "spelled", "spelled_second"
    return kinds


@pytest.mark.parametrize("source", ["rebuilt text", "offsets and text", "document entities"])
def test_talbanken_with_multiword_tokens_and_ner(conll, source):
    with_offsets = source != "rebuilt text"
    separator = " " if source == "rebuilt text" else "\n\n"
    conllu, text, tokens, ents, counts = _rewrite_talbanken(separator, with_offsets)
    assert counts["spelled"] > 10 and counts["not_spelled"] > 10 and counts["entities"] > 20
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sdoc = conll.conll2doc(input_str=conllu)
    assert sum(len(t.words) > 1 for t in sdoc.iter_tokens()) == counts["spelled"] + counts["not_spelled"]
    if source == "rebuilt text":
        doc = stanza_doc_to_spacy(sdoc)  # no text, no offsets: rebuilt from SpaceAfter
    elif source == "offsets and text":
        doc = stanza_doc_to_spacy(sdoc, text=text)  # entities decoded from the token tags
    else:
        sdoc.text = text
        sdoc.build_ents()  # as stanza's NER processor leaves a Document
        assert len(sdoc.ents) == counts["entities"]
        doc = stanza_doc_to_spacy(sdoc)
    assert doc.text == text
    words = [t for t in doc if not t.is_space]
    assert [(t.text, t.idx, t.lemma_, t.pos_) for t in words] == tokens
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == ents
    assert all(e.text == text[e.start_char : e.end_char] for e in doc.ents)
    assert [s.text.strip() for s in doc.sents] == _text_comments(TALBANKEN_DEV)


# --------------------------------------------------------------------------- adapter: MWT and NER


def test_multiword_tokens_and_ner_from_token_tags(conll):
    sdoc = conll.conll2doc(input_str=MWT_CONLLU)
    assert sdoc.text is None and sdoc.ents == []  # entities only in the tokens' tags
    assert [len(t.words) for t in sdoc.sentences[1].tokens] == [2, 1, 1, 3, 1, 1]
    doc = stanza_doc_to_spacy(sdoc, text=MWT_TEXT)
    assert doc.text == MWT_TEXT
    assert _tokens(doc) == MWT_TOKENS
    assert _ents(doc) == MWT_ENTS
    # "pga." stays one token with the first word's analysis; "Kalle's" is split like spaCy would
    pga = doc[16]
    assert (pga.text, pga.tag_, str(pga.morph)) == ("pga.", "PP", "")
    assert (doc[12].tag_, str(doc[12].morph)) == ("PM|GEN", "Case=Gen")
    assert [s.text for s in doc.sents] == [MWT_TEXT[:40], MWT_TEXT[40:]]


def test_ner_from_document_entity_spans(conll):
    """A Document with text (as a pipeline returns it) carries entity spans: those are used."""
    sdoc = conll.conll2doc(input_str=MWT_CONLLU)
    sdoc.text = MWT_TEXT
    sdoc.build_ents()
    assert [(e.text, e.type) for e in sdoc.ents] == [
        ("Anna Ek", "PRS"),
        ("S", "INST"),
        ("Stockholm", "LOC"),
        ("i går", "TME"),
        ("Kalle's", "PER"),
    ]
    doc = stanza_doc_to_spacy(sdoc)
    assert doc.text == MWT_TEXT
    assert _tokens(doc) == MWT_TOKENS
    assert _ents(doc) == MWT_ENTS


def test_converted_doc_feeds_the_political_entity_layer(conll):
    from debatt_nlp.annotate.political_component import PoliticalEntities

    sdoc = conll.conll2doc(input_str=MWT_CONLLU)
    doc = stanza_doc_to_spacy(sdoc, text=MWT_TEXT)
    doc = PoliticalEntities(None, "debatt_political_entities")(doc)
    found = {(e.start, e.end, e.label) for e in doc._.entities}
    assert (0, 7, "PER") in found
    assert (22, 31, "LOC") in found


# --------------------------------------------------------------------------- adapter: whitespace


def _document(stanza, text: str, sentences: list[list[tuple[int, int]]], **extra):
    """A real stanza Document the way a pipeline builds one: token dicts with offsets, and text."""
    from stanza.models.common.doc import Document

    dicts = [
        [
            {"id": (i,), "text": text[start:end], "start_char": start, "end_char": end, **extra}
            for i, (start, end) in enumerate(sentence, 1)
        ]
        for sentence in sentences
    ]
    return Document(dicts, text=text)


def _regex_sentences(text: str) -> list[list[tuple[int, int]]]:
    sentences: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for match in re.finditer(r"\w+|[^\w\s]", text):
        current.append(match.span())
        if match.group() in ".?!":
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def test_whitespace_layout(stanza):
    text = "  \nHej  då.\tNu\n\n går vi.\n "
    sdoc = _document(stanza, text, _regex_sentences(text), lemma="x", upos="X")
    doc = stanza_doc_to_spacy(sdoc)
    assert doc.text == text
    assert [(t.text, t.whitespace_, t.is_sent_start, t.pos_) for t in doc] == [
        ("  \n", "", True, "SPACE"),  # leading whitespace: part of the first sentence
        ("Hej", " ", False, "X"),
        (" ", "", False, "SPACE"),
        ("då", "", False, "X"),
        (".", "", False, "X"),
        ("\t", "", False, "SPACE"),
        ("Nu", "", True, "X"),
        ("\n\n ", "", False, "SPACE"),
        ("går", " ", False, "X"),
        ("vi", "", False, "X"),
        (".", "", False, "X"),
        ("\n ", "", False, "SPACE"),
    ]
    assert [s.text for s in doc.sents] == ["  \nHej  då.\t", "Nu\n\n går vi.\n "]


def test_text_no_token_covers_becomes_tokens(stanza):
    text = "Hej ¤¤ då"
    sdoc = _document(stanza, text, [[(0, 3), (7, 9)]])
    doc = stanza_doc_to_spacy(sdoc)
    assert doc.text == text
    assert [(t.text, t.idx, t.pos_) for t in doc] == [("Hej", 0, ""), ("¤¤", 4, "X"), ("då", 7, "")]


def test_offsets_that_do_not_fit_the_text_raise(stanza):
    sdoc = _document(stanza, "Hej då", [[(0, 3), (4, 6)]])
    with pytest.raises(ValueError, match="do not fit"):
        stanza_doc_to_spacy(sdoc, text="Hej")


@pytest.mark.skipif(not HAS_STANZA, reason="stanza is not installed")
@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab Å.?!\n\t\u00a0,", max_size=40))
def test_any_text_round_trips(text):
    import stanza

    sentences = _regex_sentences(text)
    doc = stanza_doc_to_spacy(_document(stanza, text, sentences))
    assert doc.text == text
    spans = [span for sentence in sentences for span in sentence]
    assert [(t.idx, t.idx + len(t)) for t in doc if not t.is_space] == spans
    starts = [t.idx for t in doc if t.is_sent_start]
    expected = [sentence[0][0] for sentence in sentences]
    if doc and (not expected or expected[0] != 0):
        expected = [0, *expected[1:]]  # leading whitespace joins the first sentence
    assert starts == expected


# --------------------------------------------------------------------------- labels and tags


def test_label_map():
    assert [map_label(x) for x in ("PRS", "PER", "PERSON", "INST", "ORG", "GPE", "LOC")] == [
        "PER",
        "PER",
        "PER",
        "ORG",
        "ORG",
        "LOC",
        "LOC",
    ]
    assert [map_label(x) for x in ("TME", "MSR", "WRK", "EVN", "OBJ", "OTH")] == [
        "TME",
        "MSR",
        "WRK",
        "EVN",
        "OBJ",
        "OTH",
    ]


def test_decode_bioes_and_bio_tags():
    decode = stanza_adapter._decode_tags
    assert decode(["B-PER", "E-PER", "O", "S-LOC", "B-ORG", "I-ORG", "E-ORG"]) == [
        (0, 1, "PER"),
        (3, 3, "LOC"),
        (4, 6, "ORG"),
    ]
    assert decode(["B-PER", "I-PER", "I-LOC", None, "I-ORG", "O"]) == [
        (0, 1, "PER"),
        (2, 2, "LOC"),
        (4, 4, "ORG"),
    ]
    assert decode([]) == [] and decode(["O", "_", None]) == []


# --------------------------------------------------------------------------- loader: errors


def test_missing_stanza_package_names_the_pip_command(monkeypatch):
    """Runs with or without stanza: `import stanza` is made to fail."""
    monkeypatch.setitem(sys.modules, "stanza", None)
    with pytest.raises(BackendUnavailable) as raised:
        load_stanza_pipeline(None)
    assert PIP_EXTRA_COMMAND in str(raised.value)
    assert PIP_EXTRA_COMMAND == 'pip install -e ".[stanza]"'


def test_missing_torch_is_named(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "stanza":
            raise ModuleNotFoundError("No module named 'torch'", name="torch")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(BackendUnavailable, match="needs torch") as raised:
        find_stanza_models(None)
    assert "docs/stanza.md" in str(raised.value) and PIP_EXTRA_COMMAND in str(raised.value)


def test_a_broken_install_is_reported_not_raised(monkeypatch):
    """An import that fails with something other than ImportError (a torch build that does not
    load here) still becomes BackendUnavailable, so the CLI can exit cleanly."""
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "stanza":
            raise OSError("libtorch_cpu.so: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(BackendUnavailable, match=r"libtorch_cpu\.so") as raised:
        find_stanza_models(None)
    assert isinstance(raised.value.__cause__, OSError)


@pytest.mark.skipif(HAS_STANZA, reason="stanza is installed")
def test_without_stanza_installed_the_loader_says_how_to_install():
    with pytest.raises(BackendUnavailable) as raised:
        load_stanza_pipeline(Path("/nonexistent"))
    assert PIP_EXTRA_COMMAND in str(raised.value)


@pytest.fixture
def importable_stanza(monkeypatch):
    """The real stanza where installed; otherwise a stub, so that the model-directory checks
    (which come after the import) are tested either way. Pipeline must not be reached."""
    if HAS_STANZA:
        return pytest.importorskip("stanza")
    stub = types.ModuleType("stanza")
    stub.__version__ = "0.0-stub"

    def pipeline(*args, **kwargs):
        raise AssertionError("Pipeline must not be built when the models are missing")

    stub.Pipeline = pipeline
    monkeypatch.setitem(sys.modules, "stanza", stub)
    return stub


def test_missing_model_dir_names_the_directory_and_the_download_command(importable_stanza, tmp_path):
    for model_dir in (tmp_path / "nowhere", tmp_path):  # absent, and present but empty
        for load in (find_stanza_models, load_stanza_pipeline):
            with pytest.raises(BackendUnavailable) as raised:
                load(model_dir)
            message = str(raised.value)
            assert f"(looked in: {model_dir})" in message
            assert _download_call(model_dir) in message
            assert download_command(model_dir) in message


def test_missing_models_in_the_default_dir(importable_stanza, tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "res"))
    assert default_model_dirs() == [tmp_path / "res"]
    with pytest.raises(BackendUnavailable) as raised:
        load_stanza_pipeline(None)
    assert f"(looked in: {tmp_path / 'res'})" in str(raised.value)
    assert _download_call(tmp_path / "res") in str(raised.value)


def test_default_dirs_without_the_environment_variable(monkeypatch, tmp_path):
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    dirs = default_model_dirs()
    assert dirs[0] == tmp_path / "stanza_resources"
    assert stanza_adapter.default_model_dir() == dirs[0]
    assert len(set(dirs)) == len(dirs)


def test_the_download_command_runs_in_a_shell(tmp_path):
    """The printed command, pasted into a POSIX shell, calls stanza.download("sv", model_dir=DIR)
    with DIR intact, even with a space and quotes in it (a stub stanza records the call)."""
    stub_dir = tmp_path / "stub"
    stub_dir.mkdir()
    record = tmp_path / "called.json"
    (stub_dir / "stanza.py").write_text(
        "import json, os\n"
        "def download(lang, model_dir=None, **kwargs):\n"
        "    with open(os.environ['RECORD'], 'w', encoding='utf-8') as f:\n"
        "        json.dump([lang, model_dir, kwargs], f)\n",
        encoding="utf-8",
    )
    model_dir = tmp_path / 'it\'s a "dir" $HOME'
    env = {
        **os.environ,
        "PYTHONPATH": str(stub_dir),
        "RECORD": str(record),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    subprocess.run(["sh", "-c", download_command(model_dir)], env=env, check=True, timeout=60)
    assert json.loads(record.read_text(encoding="utf-8")) == ["sv", str(model_dir), {}]


# --------------------------------------------------------------------------- a real stanza Pipeline, fake models


def _fake_resources(model_dir: Path, packages: dict[str, str]) -> Path:
    """A resources.json naming `packages` as the Swedish defaults (no model files at all)."""
    (model_dir / "sv").mkdir(parents=True)
    resources = {
        "sv": {
            "lang_name": "Swedish",
            **{processor: {package: {}} for processor, package in packages.items()},
            "default_processors": packages,
            "packages": {"default": packages},
        }
    }
    (model_dir / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    return model_dir


NEURAL_PACKAGES = {"tokenize": "talbanken", "pos": "talbanken", "lemma": "talbanken", "ner": "suc3shuffle"}
FAKE = "debattfake"
FAKE_PACKAGES = {"tokenize": FAKE, "pos": FAKE, "lemma": "identity", "ner": FAKE}
FAKE_ABBREVIATIONS = {"t.ex.": ("till", "exempel"), "bl.a.": ("bland", "annat")}
FAKE_NAMES = {("Karin", "Larsson"): "PRS", ("Göteborg",): "LOC"}
NAME_WORDS = {word for name in FAKE_NAMES for word in name}


@pytest.fixture
def fake_models(stanza, tmp_path, monkeypatch):
    """A model dir whose resources.json makes a real stanza.Pipeline use stand-in processors:

    - tokenize: a stanza processor variant (the mechanism stanza's own spaCy tokenizer uses):
      words and punctuation by regex, sentences end after . ? !, the abbreviations in
      FAKE_ABBREVIATIONS become multi-word tokens; it records each batch of texts it gets;
    - pos: a variant: PROPN for the words of FAKE_NAMES and capitalised words not first in a
      sentence, PUNCT, NUM, else NOUN;
    - lemma: stanza's own identity lemmatizer (lemma = word text);
    - ner: stanza's NERProcessor with the model replaced by the FAKE_NAMES lexicon (BIOES tags),
      its own bulk_process then builds the Document's entities.
    """
    from stanza.models.common import doc as sdoc
    from stanza.pipeline.ner_processor import NERProcessor
    from stanza.pipeline.processor import ProcessorVariant
    from stanza.pipeline.registry import NAME_TO_PROCESSOR_CLASS, PROCESSOR_VARIANTS

    class FakeTokenizer(ProcessorVariant):
        batches: ClassVar[list[list[str]]] = []

        def __init__(self, config):
            pass

        def bulk_process(self, docs):
            FakeTokenizer.batches.append([d.text for d in docs])
            return [self.process(d) for d in docs]

        def process(self, document):
            text = document.text
            sentences, current, n = [], [], 0
            for match in re.finditer(r"[a-z]+\.[a-z]+\.|\w+|[^\w\s]", text):
                misc = f"start_char={match.start()}|end_char={match.end()}"
                words = FAKE_ABBREVIATIONS.get(match.group(), (match.group(),))
                if len(words) > 1:
                    current.append({"id": (n + 1, n + len(words)), "text": match.group(), "misc": misc})
                    current += [{"id": (n + k,), "text": w} for k, w in enumerate(words, 1)]
                else:
                    current.append({"id": (n + 1,), "text": match.group(), "misc": misc})
                n += len(words)
                if match.group() in ".?!":
                    sentences.append(current)
                    current, n = [], 0
            if current:
                sentences.append(current)
            return sdoc.Document(sentences, text)

    class FakeTagger(ProcessorVariant):
        OVERRIDE = True

        def __init__(self, config):
            pass

        def process(self, document):
            for sentence in document.sentences:
                for i, word in enumerate(sentence.words):
                    if not word.text[0].isalnum():
                        word.upos = "PUNCT"
                    elif word.text.isdigit():
                        word.upos = "NUM"
                    else:
                        name = word.text in NAME_WORDS or (i > 0 and word.text[0].isupper())
                        word.upos = "PROPN" if name else "NOUN"
            return document

    class FakeNER(NERProcessor):
        def _set_up_model(self, config, pipeline, device):
            self.trainers, self.model_paths = [], []

        def _set_up_final_config(self, config):
            self.configs = [dict(config)]
            self._config = self.configs[0]

        def process(self, document):
            tags = []
            for sentence in document.sentences:
                texts = [token.text for token in sentence.tokens]
                sentence_tags = ["O"] * len(texts)
                for i in range(len(texts)):
                    for name, label in FAKE_NAMES.items():
                        if tuple(texts[i : i + len(name)]) == name:
                            inner = [f"I-{label}"] * (len(name) - 2)
                            edges = [f"S-{label}"] if len(name) == 1 else [f"B-{label}", *inner, f"E-{label}"]
                            sentence_tags[i : i + len(name)] = edges
                tags += sentence_tags
            document.set(["ner"], tags, to_token=True)
            return document

    # what stanza's register_processor_variant decorator does, undone after the test
    monkeypatch.setitem(PROCESSOR_VARIANTS["tokenize"], FAKE, FakeTokenizer)
    monkeypatch.setitem(PROCESSOR_VARIANTS["pos"], FAKE, FakeTagger)
    monkeypatch.setitem(NAME_TO_PROCESSOR_CLASS, "ner", FakeNER)
    FakeTokenizer.batches.clear()
    model_dir = _fake_resources(tmp_path / "res", FAKE_PACKAGES)
    return types.SimpleNamespace(dir=model_dir, batches=FakeTokenizer.batches)


def test_incomplete_models_are_reported_by_the_real_pipeline(stanza, tmp_path):
    """resources.json but no model files: stanza's own FileNotFoundError becomes BackendUnavailable."""
    model_dir = _fake_resources(tmp_path / "res", NEURAL_PACKAGES)
    with pytest.raises(BackendUnavailable) as raised:
        load_stanza_pipeline(model_dir)
    message = str(raised.value)
    assert str(model_dir) in message and _download_call(model_dir) in message
    assert isinstance(raised.value.__cause__, FileNotFoundError)


def test_loader_batches_texts_and_returns_docs(fake_models):
    import spacy

    vocab = spacy.blank("sv").vocab
    backend = load_stanza_pipeline(fake_models.dir, vocab=vocab, batch_size=2)
    texts = ["Hej Karin Larsson.", "", "  \n", "Två meningar. Här kommer Per!", " Sist t.ex. i Göteborg."]
    docs = backend(texts)
    assert [d.text for d in docs] == texts
    assert all(d.vocab is vocab for d in docs)
    # batches of 2 texts; blank texts never reach stanza
    assert fake_models.batches == [
        ["Hej Karin Larsson."],
        ["Två meningar. Här kommer Per!"],
        [" Sist t.ex. i Göteborg."],
    ]
    assert len(docs[1]) == 0 and [t.is_space for t in docs[2]] == [True]
    assert [len(list(d.sents)) for d in docs] == [1, 0, 1, 2, 1]
    assert _ents(docs[0]) == [("Karin Larsson", "PER", 4, 17)]
    assert _ents(docs[4]) == [("Göteborg", "LOC", 14, 22)]
    assert [(t.text, t.lemma_, t.pos_) for t in docs[4] if not t.is_space] == [
        ("Sist", "Sist", "NOUN"),
        ("t.ex.", "till", "NOUN"),  # a multi-word token that its words do not spell: one token
        ("i", "i", "NOUN"),
        ("Göteborg", "Göteborg", "PROPN"),
        (".", ".", "PUNCT"),
    ]
    assert backend.meta["name"] == "stanza_sv"
    assert backend.meta["model_dir"] == str(fake_models.dir)
    assert backend.meta["packages"] == FAKE_PACKAGES  # what stanza loaded, as configured
    assert backend.meta["processors"] == ["tokenize", "pos", "lemma", "ner"]


# --------------------------------------------------------------------------- load_stanza_nlp: stanza + rule layers

E2E_TEXT = (
    "Karin Larsson frågade t.ex. om Göteborg. Regeringen gav 5 miljoner kronor den 22 mars 2021! "
    "Vad gör Socialdemokraterna i går?"
)


@pytest.fixture(scope="module")
def rules():
    from debatt_nlp.annotate.pipeline import BLANK_MODEL, load_pipeline

    return load_pipeline(BLANK_MODEL)


def test_load_stanza_nlp_runs_stanza_then_the_rule_layers(fake_models, rules, stanza):
    rule_names = list(rules.pipe_names)
    nlp = load_stanza_nlp(fake_models.dir, rules, batch_size=2)
    assert rules.pipe_names == rule_names  # `rules` is left as it was
    assert nlp.pipe_names == ["stanza", *rule_names]
    assert nlp.meta["name"] == "stanza_sv" and nlp.meta["version"] == stanza.__version__
    assert nlp.meta["stanza"]["model_dir"] == str(fake_models.dir)

    def prepared(text: str, anchor: str | None):
        doc = nlp.make_doc(text)  # as the annotator does: the Doc carries the anchor date
        doc.user_data["anchor_date"] = anchor
        return doc

    inputs = [
        (prepared(E2E_TEXT, "2021-03-25"), "a"),
        (prepared("", None), "b"),
        (prepared("Hej.", None), "c"),
    ]
    results = list(nlp.pipe(inputs, as_tuples=True))
    assert [context for _, context in results] == ["a", "b", "c"]
    doc = results[0][0]
    assert fake_models.batches == [[E2E_TEXT], ["Hej."]]  # batch_size=2 texts, the blank one skipped
    assert doc.text == E2E_TEXT
    assert all(E2E_TEXT[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert [(t.text, t.lemma_) for t in doc[3:5]] == [("t.ex.", "till"), ("om", "om")]  # stanza's tokens
    assert _ents(doc) == [("Karin Larsson", "PER", 0, 13), ("Göteborg", "LOC", 31, 39)]  # stanza's NER
    # the political layer sees stanza's entities: "Karin Larsson" comes from the NER only
    entities = {(e.text, e.label) for e in doc._.entities}
    assert {("Karin Larsson", "PER"), ("Göteborg", "LOC"), ("Socialdemokraterna", "PARTY")} <= entities
    assert [a.text for a in doc._.amounts] == ["5 miljoner kronor"]
    assert [(d.text, d.value) for d in doc._.dates] == [
        ("22 mars 2021", "2021-03-22"),
        ("i går", "2021-03-24"),
    ]
    # layers that read only the text give what the spaCy backend gives; so do the sentence rules
    reference = rules(prepared(E2E_TEXT, "2021-03-25"))
    assert doc._.amounts == reference._.amounts and doc._.dates == reference._.dates
    assert [s.text for s in doc.sents] == [s.text for s in reference.sents]
    assert ("Karin Larsson", "PER") not in {(e.text, e.label) for e in reference._.entities}
    assert len(results[1][0]) == 0 and results[1][0]._.amounts == []
    single = nlp("Karin Larsson.")  # __call__ on a text goes through the same component
    assert _ents(single) == [("Karin Larsson", "PER", 0, 13)]
    fake_models.batches.clear()
    texts = ["I går.", "Karin Larsson!", "Göteborg?"]
    piped = list(nlp.pipe(texts, batch_size=2))  # plain texts; Language.pipe's batch_size reaches stanza
    assert [d.text for d in piped] == texts
    assert fake_models.batches == [texts[:2], texts[2:]]
    assert [_ents(d) for d in piped] == [[], [("Karin Larsson", "PER", 0, 13)], [("Göteborg", "LOC", 0, 8)]]


def test_without_the_sentence_rules_stanzas_sentences_stand(fake_models):
    import spacy

    import debatt_nlp.annotate.amounts_dates  # noqa: F401  (registers the debatt_amounts factory)

    rules_without_sentences = spacy.blank("sv")
    rules_without_sentences.add_pipe("debatt_amounts")
    nlp = load_stanza_nlp(fake_models.dir, rules_without_sentences)
    doc = nlp("Hej! nu går vi.")  # the fake tokenizer ends a sentence at "!", the sentence rules do not
    assert [s.text_with_ws for s in doc.sents] == ["Hej! ", "nu går vi."]
    assert doc._.amounts == []


def test_load_stanza_nlp_refuses_trained_components(rules, tmp_path):
    import spacy

    with_tagger = spacy.blank("sv")
    with_tagger.add_pipe("tagger")
    with pytest.raises(ValueError, match="tagger"):
        load_stanza_nlp(tmp_path, with_tagger)


def test_load_stanza_nlp_without_models_names_the_directory_and_command(importable_stanza, rules, tmp_path):
    with pytest.raises(BackendUnavailable) as raised:
        load_stanza_nlp(tmp_path / "none", rules)
    assert f"(looked in: {tmp_path / 'none'})" in str(raised.value)
    assert _download_call(tmp_path / "none") in str(raised.value)


# --------------------------------------------------------------------------- info, isolation


def test_backends_info(monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "res"))
    infos = {info["name"]: info for info in backends_info()}
    assert set(infos) == {"spacy", "stanza"}
    for info in infos.values():
        assert {"name", "available", "version", "models", "detail"} <= set(info)
    assert infos["spacy"]["available"] is True
    stanza_info = infos["stanza"]
    assert stanza_info["available"] is False
    if not HAS_STANZA:
        assert stanza_info["version"] is None and PIP_EXTRA_COMMAND in stanza_info["detail"]
    elif importlib.util.find_spec("torch") is not None:
        assert f"(looked in: {tmp_path / 'res'})" in stanza_info["detail"]
        assert _download_call(tmp_path / "res") in stanza_info["detail"]
        _fake_resources(tmp_path / "res", NEURAL_PACKAGES)
        stanza_info = {i["name"]: i for i in backends_info()}["stanza"]
        assert stanza_info["available"] is True
        assert stanza_info["models"] == str(tmp_path / "res")
        # --stanza-dir: only that directory counts
        other = {i["name"]: i for i in backends_info(stanza_dir=tmp_path / "other")}["stanza"]
        assert other["available"] is False and _download_call(tmp_path / "other") in other["detail"]


def test_backends_info_names_the_spacy_model(tmp_path):
    spacy_info = {i["name"]: i for i in backends_info(model=str(tmp_path / "no-model"))}["spacy"]
    assert spacy_info["models"] is None and str(tmp_path / "no-model") in spacy_info["detail"]
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "meta.json").write_text("{}", encoding="utf-8")
    spacy_info = {i["name"]: i for i in backends_info(model=str(tmp_path / "m"))}["spacy"]
    assert spacy_info["models"] == str(tmp_path / "m")


def test_backends_info_without_stanza(monkeypatch):
    monkeypatch.setattr(stanza_adapter, "_stanza_version", lambda: None)
    stanza_info = {i["name"]: i for i in backends_info()}["stanza"]
    assert stanza_info == {
        "name": "stanza",
        "available": False,
        "version": None,
        "models": None,
        "detail": f"not installed: {PIP_EXTRA_COMMAND} (see docs/stanza.md)",
    }


def test_only_the_adapter_imports_stanza():
    pattern = re.compile(r"^\s*(import|from)\s+stanza\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "src" / "debatt_nlp").rglob("*.py")
        if path.name != "stanza_adapter.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
