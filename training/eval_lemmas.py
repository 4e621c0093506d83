"""Lemma and POS accuracy on UD Swedish-Talbanken test (held out), gold tokenisation.

    python training/eval_lemmas.py [--model models/sv_debatt_core]

Compares the pipeline's trainable (edit-tree) lemmatizer with simplemma (context-free dictionary
lookup, PyPI; skipped when not installed). Accuracy is exact string match with the gold lemma over
all tokens (punctuation included), as spaCy's lemma_acc; also reported case-insensitively.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ROOT / "models" / "sv_debatt_core"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    import spacy
    from convert import read_conllu
    from spacy.tokens import Doc

    # the UD components ship disabled (the tool needs only NER): turn them on, leave NER out
    nlp = spacy.load(args.model, exclude=["ner", "parser"], config={"nlp": {"disabled": []}})
    sents = read_conllu(Path(args.shared) / "ud/talbanken/sv_talbanken-ud-test.conllu")
    gold = [(c[1], c[2], c[3]) for s in sents for c in s]
    docs = [Doc(nlp.vocab, words=[c[1] for c in s]) for s in sents]
    for _name, proc in nlp.pipeline:
        docs = list(proc.pipe(docs, batch_size=256))
    pred = [(t.lemma_, t.pos_) for d in docs for t in d]
    n = len(gold)
    systems = {"model (trainable_lemmatizer)": [p[0] for p in pred]}
    try:
        import simplemma

        systems["simplemma 2 (context-free)"] = [simplemma.lemmatize(w, lang="sv") for w, _, _ in gold]
    except ImportError:
        print("simplemma not installed: skipped")
    print(f"UD Talbanken test: {len(sents)} sentences, {n} tokens (gold tokenisation)")
    print(f"POS (UPOS) accuracy: {sum(p[1] == g[2] for p, g in zip(pred, gold, strict=True)) / n:.4f}")
    for name, lemmas in systems.items():
        acc = sum(lem == g[1] for lem, g in zip(lemmas, gold, strict=True)) / n
        acc_ci = sum(lem.lower() == g[1].lower() for lem, g in zip(lemmas, gold, strict=True)) / n
        print(f"lemma accuracy {name}: {acc:.4f} (case-insensitive {acc_ci:.4f})")
    sample = nlp("Regeringen har beslutat att myndigheterna ska få större anslag.")
    print("example:", " ".join(f"{t.text}/{t.lemma_}/{t.pos_}" for t in sample))
    if args.errors:
        errs = Counter(
            (g[0], g[1], lem, g[2])
            for lem, g in zip(systems["model (trainable_lemmatizer)"], gold, strict=True)
            if lem != g[1]
        )
        for e, c in errs.most_common(args.errors):
            print(c, e)


if __name__ == "__main__":
    main()
