"""NER evaluation of models/sv_debatt_core and the political entity layer.

    python benchmarks/ner_eval.py [--model models/sv_debatt_core] [--shared ../shared/data]

1. The model alone on the held-out NER splits rebuilt from ../shared exactly as training/convert.py
   makes them: SUC 3.0 test (10 %, seed 13) and the klintan test file; per-label P/R/F (spaCy Scorer).
2. The full stack (model + debatt_political_entities) on riksdag-qa/dev/gold.jsonl
   (mentions.question/answer.entities, PER ORG LOC PARTY), exact span match and overlap match
   (same label, spans overlap, one-to-one), per label and micro-averaged; also the model alone
   (its PER/ORG/LOC) and the layer alone (gazetteers + rules, no model) for comparison.
Only the dev split is read; riksdag-qa/eval is never touched.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
LABELS = ("PER", "ORG", "LOC", "PARTY")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _char_spans(words: list[str], tags: list, spaces: list[bool]) -> tuple[str, list, list]:
    """Text, gold (start, end, label) char spans and ignore regions (MISC) from IO-tagged tokens."""
    offsets, pos = [], 0
    for w, sp in zip(words, spaces, strict=True):
        offsets.append((pos, pos + len(w)))
        pos += len(w) + (1 if sp else 0)
    text = "".join(w + (" " if sp else "") for w, sp in zip(words, spaces, strict=True))
    gold, ignore = [], []
    i = 0
    while i < len(tags):
        j = i + 1
        while j < len(tags) and tags[j] == tags[i]:
            j += 1
        if tags[i] not in ("O", None):
            span = (offsets[i][0], offsets[j - 1][1], tags[i])
            (ignore if tags[i] == "MISC" else gold).append(span)
        i = j
    return text, gold, ignore


def heldout(nlp, shared: Path) -> dict:
    """Model NER on the held-out SUC test split and the klintan test file (char-span exact match).
    klintan has PER/ORG/LOC (+ MISC): there only PER/ORG/LOC predictions are scored and predictions
    overlapping a MISC span are ignored."""
    sys.path.insert(0, str(ROOT / "training"))
    import random

    import convert  # training/convert.py

    rng = random.Random(13)
    suc = convert.read_suc_jsonl(shared / "ner/suc3-derived/dev.jsonl")
    rng.shuffle(suc)
    klintan = []
    words: list[str] = []
    tags: list[str] = []
    for line in (shared / "ner/klintan/test_corpus.txt").open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                klintan.append((words, tags))
            words, tags = [], []
            continue
        parts = line.split()  # train: TAB, test: spaces
        w, t = parts[0], parts[-1] if len(parts) > 1 else "0"
        words.append(w)
        tags.append(t.strip() if t.strip() in ("PER", "ORG", "LOC", "MISC") else "O")
    if words:
        klintan.append((words, tags))
    splits = {
        "SUC 3.0 test (held out, 10 %)": (suc[int(0.9 * len(suc)) :], None),
        "klintan test (held out)": (klintan, {"PER", "ORG", "LOC"}),
    }
    results = {}
    for name, (data, only) in splits.items():
        items = [_char_spans(w, t, convert.spaces_for(w)) for w, t in data]
        t0 = time.time()
        with nlp.select_pipes(enable=["ner"] + (["tok2vec"] if "tok2vec" in nlp.pipe_names else [])):
            docs = list(nlp.pipe((text for text, _, _ in items), batch_size=256))
        dt = time.time() - t0
        c: Counter = Counter()
        for (_text, gold, ignore), doc in zip(items, docs, strict=True):
            pred = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            if only:
                pred = [p for p in pred if p[2] in only]
            pred = [p for p in pred if not any(p[0] < g[1] and g[0] < p[1] for g in ignore)]
            gs, ps = set(gold), set(pred)
            for _s, _e, lab in gs & ps:
                c[(lab, "tp")] += 1
            for _s, _e, lab in ps - gs:
                c[(lab, "fp")] += 1
            for _s, _e, lab in gs - ps:
                c[(lab, "fn")] += 1
        labels = sorted({lab for lab, _ in c})
        tp, fp, fn = (sum(c[(lab, k)] for lab in labels) for k in ("tp", "fp", "fn"))
        res = {"ALL": prf(tp, fp, fn)} | {
            lab: prf(c[(lab, "tp")], c[(lab, "fp")], c[(lab, "fn")]) for lab in labels
        }
        results[name] = res
        print(f"\n== {name}: {len(items)} sentences ({dt:.1f}s, model NER only, exact span)")
        for lab in ["ALL", *labels]:
            p, r, f = res[lab]
            n = tp + fn if lab == "ALL" else c[(lab, "tp")] + c[(lab, "fn")]
            print(f"   {lab:<4} P {p:.3f}  R {r:.3f}  F {f:.3f}   (gold {n})")
    return results


def match(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]], overlap: bool) -> Counter:
    c: Counter = Counter()
    used = set()
    for g in gold:
        hit = None
        for j, p in enumerate(pred):
            if j in used or p[2] != g[2]:
                continue
            if (p[0], p[1]) == (g[0], g[1]) or (overlap and p[0] < g[1] and g[0] < p[1]):
                hit = j
                break
        if hit is None:
            c[(g[2], "fn")] += 1
        else:
            used.add(hit)
            c[(g[2], "tp")] += 1
    for j, p in enumerate(pred):
        if j not in used:
            c[(p[2], "fp")] += 1
    return c


def report(name: str, counts: dict[str, Counter]) -> dict:
    print(f"\n== {name}")
    out = {}
    for mode, c in counts.items():
        row = {}
        for lab in LABELS:
            row[lab] = prf(c[(lab, "tp")], c[(lab, "fp")], c[(lab, "fn")])
        tp = sum(c[(lab, "tp")] for lab in LABELS)
        fp = sum(c[(lab, "fp")] for lab in LABELS)
        fn = sum(c[(lab, "fn")] for lab in LABELS)
        row["ALL"] = prf(tp, fp, fn)
        out[mode] = row
        print(f"   [{mode}]  gold {tp + fn}  pred {tp + fp}")
        for lab in (*LABELS, "ALL"):
            p, r, f = row[lab]
            n = tp + fn if lab == "ALL" else c[(lab, "tp")] + c[(lab, "fn")]
            print(f"   {lab:<5} P {p:.3f}  R {r:.3f}  F {f:.3f}   (gold {n})")
    return out


def political_dev(nlp, shared: Path, show_errors: int) -> dict:
    from debatt_nlp.annotate.political import refine_entities

    dev = shared / "riksdag-qa" / "dev"
    gold_rows = [json.loads(line) for line in (dev / "gold.jsonl").open(encoding="utf-8")]
    texts, golds = [], []
    for row in gold_rows:
        for side in ("question", "answer"):
            text = (dev / row[f"{side}_file"]).read_text(encoding="utf-8")
            ents = row["mentions"][side]["entities"]
            for e in ents:
                assert text[e["start"] : e["end"]] == e["text"], (row["id"], e)
            texts.append((row["id"], side, text))
            golds.append([(e["start"], e["end"], e["label"]) for e in ents if e["label"] in LABELS])
    n_words = sum(len(t.split()) for _, _, t in texts)
    t0 = time.time()
    docs = list(nlp.pipe((t for _, _, t in texts), batch_size=8))
    dt = time.time() - t0
    print(f"\n riksdag-qa dev: {len(texts)} files, {n_words} words, {dt:.1f}s full stack")
    systems = {
        "full stack (model + political layer)": [
            [(e.start, e.end, e.label) for e in d._.entities if e.label in LABELS] for d in docs
        ],
        "model alone (PER/ORG/LOC)": [
            [(e.start_char, e.end_char, e.label_) for e in d.ents if e.label_ in LABELS] for d in docs
        ],
        "political layer alone (no model)": [
            [(e.start, e.end, e.label) for e in refine_entities(t, []) if e.label in LABELS]
            for _, _, t in texts
        ],
    }
    results = {}
    for name, preds in systems.items():
        counts = {"exact": Counter(), "overlap": Counter()}
        for g, p in zip(golds, preds, strict=True):
            counts["exact"] += match(g, p, overlap=False)
            counts["overlap"] += match(g, p, overlap=True)
        results[name] = report(name, counts)
    if show_errors:
        print("\n== full-stack errors (exact): '-' missed gold, '+' spurious prediction")
        preds = systems["full stack (model + political layer)"]
        shown = 0
        for (rid, side, text), g, p in zip(texts, golds, preds, strict=True):
            gs, ps = set(g), set(p)
            for s, e, lab in sorted(gs - ps):
                print(f"  - {rid} {side} {lab} {text[s:e]!r} ctx={text[max(0, s - 30) : e + 20]!r}")
                shown += 1
            for s, e, lab in sorted(ps - gs):
                print(f"  + {rid} {side} {lab} {text[s:e]!r} ctx={text[max(0, s - 30) : e + 20]!r}")
                shown += 1
            if shown > show_errors:
                break
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ROOT / "models" / "sv_debatt_core"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--skip-heldout", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print up to N dev-set errors")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    import spacy

    import debatt_nlp.annotate.political_component  # noqa: F401  (registers the factory)

    shared = Path(args.shared)
    if not shared.exists():
        sys.exit(f"shared data not found at {shared}")
    nlp = spacy.load(args.model)
    print(f"model {nlp.meta['name']} {nlp.meta['version']}: {nlp.pipe_names}")
    out = {}
    if not args.skip_heldout:
        out["heldout"] = heldout(nlp, shared)
    nlp.add_pipe("debatt_political_entities", after="ner")
    out["riksdag_qa_dev"] = political_dev(nlp, shared, args.errors)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
