"""Rebuild models/sv_debatt_core from ../shared/data in one command (CPU only).

    python training/train.py                 # convert, vectors, train NER + UD, assemble, evaluate, copy
    python training/train.py --no-vectors    # without the floret vectors
    python training/train.py --steps assemble,evaluate,copy

Steps (each writes under training/output/, git-ignored):
  convert   training/convert.py → output/corpus/*.spacy
  vectors   training/vectors.py → output/vectors/model (floret 20k x 100 on the Riksdag dev texts)
  ner       spacy train configs/ner.cfg → output/ner/model-best
  ud        spacy train configs/ud.cfg  → output/ud/model-best
  assemble  one pipeline: the NER pipeline's vocab/vectors + ner, the UD components sourced in
  evaluate  spacy evaluate on the held-out splits → output/metrics/*.json
  copy      output/sv_debatt_core → models/sv_debatt_core (the model card README.md is kept)

Threads are limited to one (OMP/OPENBLAS/MKL) unless --threads says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "training" / "output"
CFG = ROOT / "training" / "configs"
MODEL_NAME = "sv_debatt_core"
MODEL_VERSION = "0.2.0"
ALL_STEPS = ["convert", "vectors", "ner", "ud", "assemble", "evaluate", "copy"]


def run(cmd: list[str], env: dict[str, str], log: Path | None = None) -> None:
    print("$", " ".join(cmd), flush=True)
    t0 = time.time()
    if log is None:
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    else:
        with log.open("w") as fh:
            subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    print(f"  done in {time.time() - t0:.0f}s", flush=True)


def spacy_train(name: str, cfg: Path, vectors: Path | None, env: dict[str, str], extra: list[str]) -> None:
    out = OUT / name
    cmd = [sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out)]
    if vectors is not None:
        cmd += ["--paths.vectors", str(vectors)]
        cmd += ["--components.tok2vec.model.embed.include_static_vectors", "true"]
    run(cmd + extra, env, OUT / f"{name}.log")


# Our output uses only the entities from the model (sentences come from our rules), so the UD
# components ship disabled: the default run is NER only, and `spacy.load(path, enable=[...])`
# turns the UD components back on when lemmas, tags or a parse are wanted.
UD_TOK2VEC = "ud_tok2vec"


def assemble(vectors: bool) -> Path:
    import spacy

    ner_nlp = spacy.load(OUT / "ner" / "model-best")
    ud_nlp = spacy.load(OUT / "ud" / "model-best")
    # NER gets its own copy of its tok2vec, so it runs without any other component enabled.
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    # Both trainings initialised from the same floret table, so the NER vocab serves both.
    nlp = spacy.blank("sv", vocab=ner_nlp.vocab)
    ud_names = [n for n in ud_nlp.pipe_names if n != "tok2vec"]
    # The UD tok2vec stays shared by its four listeners (upstream "*"), under its own name.
    nlp.add_pipe("tok2vec", name=UD_TOK2VEC, source=ud_nlp)
    for n in ud_names:
        nlp.add_pipe(n, source=ud_nlp)
    nlp.add_pipe("ner", source=ner_nlp)
    for n in [UD_TOK2VEC, *ud_names]:
        nlp.disable_pipe(n)
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": "Swedish pipeline for political text (debatt-nlp): tagger, morphologizer, "
            "trainable lemmatizer, parser (UD Talbanken/PUD), NER (SUC 3.0 + klintan)"
            + (", floret vectors trained on Riksdag interpellations" if vectors else ""),
            "license": "CC BY-SA 4.0",
            "author": "debatt-nlp",
            "sources": [
                {"name": "UD Swedish-Talbanken", "license": "CC BY-SA 4.0"},
                {"name": "UD Swedish-PUD", "license": "CC BY-SA 4.0"},
                {"name": "SUC 3.0 (kb-labb/sucx3_ner)", "license": "CC BY 4.0"},
                {"name": "klintan/swedish-ner-corpus (webbnyheter 2012)", "license": "CC BY 4.0"},
                {"name": "Sveriges riksdag / SWERIK interpellations (vectors)", "license": "free reuse"},
            ],
        }
    )
    dst = OUT / MODEL_NAME
    if dst.exists():
        shutil.rmtree(dst)
    nlp.to_disk(dst)
    print(f"assembled {nlp.pipe_names} → {dst}", flush=True)
    return dst


def load_full(model: Path):
    """The pipeline with every component on (the UD components ship disabled)."""
    import spacy

    return spacy.load(model, config={"nlp": {"disabled": []}})


def evaluate() -> dict:
    """Score the assembled pipeline on the held-out splits, every component enabled.

    In-process rather than `spacy evaluate`, which would load the default (NER-only) pipeline."""
    from spacy.tokens import DocBin
    from spacy.training import Example

    metrics = OUT / "metrics"
    metrics.mkdir(parents=True, exist_ok=True)
    nlp = load_full(OUT / MODEL_NAME)
    results = {}
    for split in ("suc_test", "klintan_test", "ud_test", "ud_dev", "suc_dev"):
        docs = DocBin().from_disk(OUT / "corpus" / f"{split}.spacy").get_docs(nlp.vocab)
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
        scores = nlp.evaluate(examples, batch_size=256)
        (metrics / f"{split}.json").write_text(json.dumps(scores, indent=1, default=float))
        results[split] = scores
    keys = ("ents_f", "ents_p", "ents_r", "pos_acc", "tag_acc", "morph_acc", "lemma_acc")
    keys += ("dep_las", "dep_uas", "speed")
    summary = {s: {k: r.get(k) for k in keys if r.get(k) is not None} for s, r in results.items()}
    for s in ("suc_test", "klintan_test"):
        summary[s]["ents_per_type"] = results[s].get("ents_per_type")
    (metrics / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    return summary


def copy_model() -> None:
    src, dst = OUT / MODEL_NAME, ROOT / "models" / MODEL_NAME
    card = dst / "README.md"
    saved = card.read_text(encoding="utf-8") if card.exists() else None
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    if saved is not None:
        card.write_text(saved, encoding="utf-8")
    size = sum(p.stat().st_size for p in dst.rglob("*") if p.is_file())
    print(f"copied → {dst} ({size / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared/data", help="path to the shared data folder")
    ap.add_argument("--steps", default=",".join(ALL_STEPS))
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--ner-steps", type=int, default=None, help="override training.max_steps for NER")
    ap.add_argument("--ud-steps", type=int, default=None, help="override training.max_steps for UD")
    args = ap.parse_args()
    steps = args.steps.split(",")
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = str(args.threads)
    OUT.mkdir(parents=True, exist_ok=True)
    vectors = None if args.no_vectors else OUT / "vectors" / "model"
    t0 = time.time()
    if "convert" in steps:
        run([sys.executable, "training/convert.py", "--shared", args.shared], env)
    if "vectors" in steps and vectors is not None:
        cmd = [sys.executable, "training/vectors.py", "--shared", args.shared, "--threads", str(args.threads)]
        run(cmd, env)
    if "ner" in steps:
        extra = ["--training.max_steps", str(args.ner_steps)] if args.ner_steps else []
        spacy_train("ner", CFG / "ner.cfg", vectors, env, extra)
    if "ud" in steps:
        extra = ["--training.max_steps", str(args.ud_steps)] if args.ud_steps else []
        spacy_train("ud", CFG / "ud.cfg", vectors, env, extra)
    if "assemble" in steps:
        assemble(vectors is not None)
    if "evaluate" in steps:
        evaluate()
    if "copy" in steps:
        copy_model()
    print(f"total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
