"""Convert the shared NER and UD corpora into spaCy DocBins under training/output/corpus/.

NER (unified labels PER ORG LOC TME MSR WRK EVN OBJ):
- SUC 3.0 derived ``dev.jsonl`` (IO tags): deduplicated, shuffled with a fixed seed and split
  80/10/10 into train / dev / test (``suc_test`` is the held-out split reported in the model card).
- SUC ``removed_sents.txt`` (sentences where SUC's manual name tags and automatic NE tags disagree):
  the automatic label where both columns see a name, *missing* where only one does; train only.
- klintan (webbnyheter 2012, PER ORG LOC MISC): train split 90/10 into train / dev, its test file held
  out. MISC has no counterpart in the SUC scheme, so MISC tokens are marked *missing* (neither entity
  nor O); so are number/time-looking tokens, because klintan never annotates TME/MSR.

UD (tagger, morphologizer, lemmatizer, parser):
- Talbanken dev + PUD (first 800 sentences) with gold lemmas; the legacy UD v1 Talbanken train file
  converted to UD v2 (CONJ→CCONJ, auxiliaries→AUX, dobj→obj, nsubjpass→nsubj:pass, nmod→obl under
  predicates, …; features completed from the v2 data) with *silver* lemmas (gold lemma of the same
  word+POS in the v2 training data, else simplemma when installed, else left missing).
- dev (model selection): PUD sentences 800–999. Talbanken test stays held out (``ud_test``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "]", "}", "!", "?", "%", "'", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "“"}
NER_LABELS = ("PER", "ORG", "LOC", "TME", "MSR", "WRK", "EVN", "OBJ")
NUMLIKE = re.compile(r"\d")
TIME_WORDS = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    "måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen", "igår", "idag",
    "imorgon", "år", "året", "åren", "veckan", "vecka", "dag", "dagen", "timmar", "minuter", "procent",
    "kronor", "miljoner", "miljarder", "tusen", "hundra", "kvällen", "morgonen", "natten", "våren",
    "sommaren", "hösten", "vintern",
}  # fmt: skip


def spaces_for(words: list[str]) -> list[bool]:
    sp = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        sp.append(nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER)
    return sp


def make_ner_doc(vocab, words: list[str], tags: list[str | None]) -> Doc:
    """tags: a label, "O", or None (missing). IO encoding: runs of one label form an entity."""
    doc = Doc(vocab, words=words, spaces=spaces_for(words))
    ents, missing = [], []
    i = 0
    while i < len(tags):
        t = tags[i]
        j = i + 1
        while j < len(tags) and tags[j] == t:
            j += 1
        if t is None:
            missing.append(Span(doc, i, j))
        elif t != "O":
            ents.append(Span(doc, i, j, label=t))
        i = j
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def norm_suc_label(t: str) -> str:
    if t == "O":
        return "O"
    t = t[:3]
    return t if t in NER_LABELS else "O"


def read_suc_jsonl(path: Path) -> list[tuple[list[str], list[str]]]:
    seen, out = set(), []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        key = tuple(d["tokens"])
        if key in seen or not key:
            continue
        seen.add(key)
        out.append((d["tokens"], [norm_suc_label(t) for t in d["ner_tags"]]))
    return out


def read_suc_removed(path: Path) -> list[tuple[list[str], list[str | None]]]:
    """The SUC sentences that kb-labb left out of the simple scheme because the manual name tags and
    the automatic NE tags disagree. dev.jsonl follows the automatic scheme (countries are LOC,
    Volvo is OBJ, newspapers WRK), so a token takes the automatic label where the manual column
    also has a name (or both say O); where only one column has a name the token is *missing*
    (no gold either way). TME and MSR exist only in the automatic column and are kept."""
    out, words, tags = [], [], []
    auto_map = {"PRS": "PER", "LOC": "LOC", "ORG": "ORG", "WRK": "WRK", "EVN": "EVN", "OBJ": "OBJ"}
    for line in path.open(encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            if len(parts) == 0 and words:
                out.append((words, tags))
                words, tags = [], []
            continue  # sentence id lines
        if len(parts) != 3:
            continue
        w, manual, auto = parts
        auto_type = auto.split("-", 1)[1] if auto != "O" else None
        lab: str | None
        if auto_type in ("TME", "MSR"):
            lab = auto_type if manual == "O" else None
        elif manual == "O" and auto_type is None:
            lab = "O"
        elif manual != "O" and auto_type in auto_map:
            lab = auto_map[auto_type]
        else:
            lab = None
        words.append(w)
        tags.append(lab)
    if words:
        out.append((words, tags))
    return out


def read_klintan(path: Path) -> list[tuple[list[str], list[str | None]]]:
    out, words, tags = [], [], []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                out.append((words, tags))
                words, tags = [], []
            continue
        parts = line.split()  # train: TAB, test: spaces
        w, t = parts[0], parts[-1] if len(parts) > 1 else "0"
        if t in ("PER", "ORG", "LOC"):
            tag: str | None = t
        elif t == "MISC":
            tag = None
        elif NUMLIKE.search(w) or w.lower() in TIME_WORDS:
            tag = None
        else:
            tag = "O"
        words.append(w)
        tags.append(tag)
    if words:
        out.append((words, tags))
    return out


# ------------------------------------------------------------------------------------------ UD


def read_conllu(path: Path) -> list[list[list[str]]]:
    sents, cur = [], []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


V1_DEPREL = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "name": "flat:name",
    "mwe": "fixed",
    "remnant": "orphan",
    "foreign": "flat:foreign",
}
PREDICATE_POS = {"VERB", "ADJ", "ADV", "AUX"}


def v1_to_v2(sent: list[list[str]], feat_table, feat_table_pos) -> list[list[str]]:
    out = []
    for cols in sent:
        cols = list(cols)
        upos, deprel = cols[3], cols[7]
        if upos == "CONJ":
            upos = "CCONJ"
        elif upos == "DT":  # possessive determiners in the 2015 file: PRON (Poss=Yes) in v2
            upos = "PRON"
        base, _, sub = deprel.partition(":")
        if deprel in V1_DEPREL:
            deprel = V1_DEPREL[deprel]
        elif base in V1_DEPREL:
            deprel = V1_DEPREL[base] + (":" + sub if sub else "")
        if base in ("aux", "auxpass", "cop") and upos == "VERB":
            upos = "AUX"
        cols[3], cols[7] = upos, deprel
        out.append(cols)
    for cols in out:  # nmod under a predicate is obl in UD v2
        if cols[7].startswith("nmod") and cols[7] != "nmod:poss":
            head = int(cols[6])
            if head and out[head - 1][3] in PREDICATE_POS:
                cols[7] = "obl" + cols[7][4:]
    for cols in out:  # complete features from the v2 data (e.g. Mood=Ind, PronType)
        key = (cols[1].lower(), cols[3], cols[4])
        if key in feat_table:
            cols[5] = feat_table[key]
        elif (cols[3], cols[4]) in feat_table_pos:
            cols[5] = feat_table_pos[(cols[3], cols[4])]
    return out


def majority(counter_by_key, min_share=0.0):
    table = {}
    for k, c in counter_by_key.items():
        v, n = c.most_common(1)[0]
        if n / sum(c.values()) >= min_share:
            table[k] = v
    return table


def make_ud_doc(vocab, sent: list[list[str]], with_lemma=True, lemma_fn=None) -> Doc:
    words = [c[1] for c in sent]
    spaces = ["SpaceAfter=No" not in c[9] for c in sent] if len(sent[0]) > 9 else spaces_for(words)
    spaces[-1] = False
    heads = [int(c[6]) - 1 if c[6] != "0" else i for i, c in enumerate(sent)]
    deps = [c[7] if c[6] != "0" else "ROOT" for c in sent]
    lemmas = None
    if with_lemma:
        lemmas = [c[2] for c in sent]
    elif lemma_fn is not None:
        lemmas = [lemma_fn(c[1], c[3]) for c in sent]
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=[c[3] for c in sent],
        tags=[c[4] for c in sent],
        morphs=[c[5] if c[5] != "_" else "" for c in sent],
        heads=heads,
        deps=deps,
        lemmas=lemmas if lemmas and all(lemmas) else None,
    )
    if lemmas and not all(lemmas):
        for t, lem in zip(doc, lemmas, strict=True):
            if lem:
                t.lemma_ = lem
    return doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", default="training/output/corpus")
    ap.add_argument("--silver-lemmas", choices=["simplemma", "none"], default="simplemma")
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("sv")
    stats = {}

    def save(name, docs):
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
        stats[name] = {"docs": len(docs), "tokens": sum(len(d) for d in docs)}

    # ---- NER
    rng = random.Random(13)
    suc = read_suc_jsonl(shared / "ner/suc3-derived/dev.jsonl")
    rng.shuffle(suc)
    n = len(suc)
    suc_train, suc_dev, suc_test = suc[: int(0.8 * n)], suc[int(0.8 * n) : int(0.9 * n)], suc[int(0.9 * n) :]
    removed = read_suc_removed(shared / "ner/suc3-derived/removed_sents.txt")
    test_keys = {tuple(w) for w, _ in suc_test} | {tuple(w) for w, _ in suc_dev}
    removed = [s for s in removed if tuple(s[0]) not in test_keys]
    kl = read_klintan(shared / "ner/klintan/train_corpus.txt")
    rng.shuffle(kl)
    kl_train, kl_dev = kl[: int(0.9 * len(kl))], kl[int(0.9 * len(kl)) :]
    kl_test = read_klintan(shared / "ner/klintan/test_corpus.txt")
    mk = lambda data: [make_ner_doc(nlp.vocab, w, t) for w, t in data]  # noqa: E731
    save("ner_train", mk(suc_train) + mk(removed) + mk(kl_train))
    save("ner_dev", mk(suc_dev) + mk(kl_dev))
    save("suc_dev", mk(suc_dev))
    save("suc_test", mk(suc_test))
    save("klintan_test", mk(kl_test))

    # ---- UD
    ud = shared / "ud"
    tb_dev = read_conllu(ud / "talbanken/sv_talbanken-ud-dev.conllu")
    tb_test = read_conllu(ud / "talbanken/sv_talbanken-ud-test.conllu")
    pud = read_conllu(ud / "pud/sv_pud-ud-test.conllu")
    v1 = read_conllu(ud / "talbanken/legacy_ud1.x_sv-ud-train.conll")
    gold_train = tb_dev + pud[:800]
    feats, feats_pos, lem = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for s in gold_train:
        for c in s:
            feats[(c[1].lower(), c[3], c[4])][c[5]] += 1
            feats_pos[(c[3], c[4])][c[5]] += 1
            lem[(c[1].lower(), c[3])][c[2]] += 1
    feat_table, feat_table_pos = majority(feats), majority(feats_pos, 0.9)
    lemma_table = majority(lem)
    lemma_fn = None
    if args.silver_lemmas == "simplemma":
        import simplemma

        def lemma_fn(word: str, upos: str) -> str:
            key = (word.lower(), upos)
            if key in lemma_table:
                return lemma_table[key]
            if upos in ("PROPN",):
                return word
            if upos == "PUNCT" or upos == "NUM":
                return word
            lemma = simplemma.lemmatize(word, lang="sv")
            if upos != "PROPN" and lemma[:1].isupper() and not word[:1].isupper():
                lemma = lemma.lower()
            return lemma

    v1_docs = [make_ud_doc(nlp.vocab, v1_to_v2(s, feat_table, feat_table_pos), False, lemma_fn) for s in v1]
    save("ud_train", [make_ud_doc(nlp.vocab, s) for s in gold_train] + v1_docs)
    save("ud_train_gold", [make_ud_doc(nlp.vocab, s) for s in gold_train])
    save("ud_dev", [make_ud_doc(nlp.vocab, s) for s in pud[800:]])
    save("ud_test", [make_ud_doc(nlp.vocab, s) for s in tb_test])
    (out / "stats.json").write_text(json.dumps(stats, indent=1))
    print(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
