"""Train small floret (subword-hashed) vectors on the Riksdag interpellations (dev file only).

Writes training/output/vectors/{corpus.txt, vectors.floret} and a spaCy vectors model in
training/output/vectors/model (``spacy init vectors --mode floret``). Sizes: ``--bucket`` rows x
``--dim`` dims (default 20,000 x 100 float32 = 8 MB).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path


def write_corpus(src: Path, dst: Path) -> int:
    import spacy

    nlp = spacy.blank("sv")
    n_words = 0

    def paragraphs():
        with gzip.open(src, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for para in text.split("\n"):
                    para = " ".join(para.split())
                    if para:
                        yield para

    with dst.open("w", encoding="utf-8") as out:
        for doc in nlp.tokenizer.pipe(paragraphs(), batch_size=1000):
            words = [t.text for t in doc if not t.is_space]
            n_words += len(words)
            out.write(" ".join(words) + "\n")
    return n_words


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", default="training/output/vectors")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--bucket", type=int, default=20000)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import floret

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.txt"
    if not corpus.exists():
        n = write_corpus(Path(args.shared) / "riksdag/interpellations-dev.jsonl.gz", corpus)
        print(f"corpus: {n} words", flush=True)
    model = floret.train_unsupervised(
        str(corpus),
        model="cbow",
        mode="floret",
        dim=args.dim,
        bucket=args.bucket,
        minn=4,
        maxn=5,
        hashCount=2,
        epoch=args.epoch,
        minCount=5,
        thread=args.threads,
        verbose=1,
    )
    model.save_floret_vectors(str(out / "vectors.floret"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "sv",
            str(out / "vectors.floret"),
            str(out / "model"),
            "--mode",
            "floret",
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
