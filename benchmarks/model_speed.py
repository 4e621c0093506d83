"""Load time and throughput of models/sv_debatt_core, alone and inside the tool's default pipeline.

    python benchmarks/model_speed.py [--docs 200] [--n-process 1] [--batch-size 16]

Texts: the first --docs interpellations of ../shared/data/riksdag/interpellations-dev.jsonl.gz
(falls back to the seeds when ../shared is absent). Words = whitespace-separated tokens of the input.

Reports
- load time, each in a fresh interpreter: `spacy.load(model)`, and the tool's
  `debatt_nlp.annotate.pipeline.load_pipeline(model)` (model + our sentence, political, amount and date
  layers) followed by its first document;
- words/s of `nlp.pipe` (batched) for: the model as shipped (tok2vec+ner; the UD components ship
  disabled), the model + political layer, and the tool's default pipeline (`load_pipeline`);
- the load average when it starts: on a shared machine the figures scale with the free cores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def load_texts(shared: Path, n: int) -> list[str]:
    src = shared / "riksdag" / "interpellations-dev.jsonl.gz"
    if src.exists():
        texts = []
        with gzip.open(src, "rt", encoding="utf-8") as f:
            for line in f:
                texts.append(json.loads(line)["text"])
                if len(texts) >= n:
                    break
        return texts
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def fresh_seconds(code: str) -> float:
    """Run `code` (which prints one number) in a new interpreter; the number it prints."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.split()[-1])


def load_times(model: str) -> dict[str, float]:
    spacy_load = (
        f"import time, spacy; t = time.perf_counter();spacy.load({model!r}); print(time.perf_counter() - t)"
    )
    tool_load = (
        "import time; t = time.perf_counter();"
        "from debatt_nlp.annotate.pipeline import load_pipeline;"
        f"nlp = load_pipeline({model!r}); nlp('Karin Ernlund (C) i Stockholm.');"
        "print(time.perf_counter() - t)"
    )
    return {
        "spacy.load": fresh_seconds(spacy_load),
        "load_pipeline + first doc (imports included)": fresh_seconds(tool_load),
    }


def words_per_second(run: Callable[[], int], words: int) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    n = run()
    dt = time.perf_counter() - t0
    return words / dt, dt, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ROOT / "models" / "sv_debatt_core"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--n-process", type=int, nargs="+", default=[1])
    args = ap.parse_args()
    import spacy

    import debatt_nlp.annotate.political_component  # registers the factory
    from debatt_nlp.annotate.pipeline import load_pipeline

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    for name, seconds in load_times(args.model).items():
        print(f"load time, {name}: {seconds:.2f}s")
    texts = load_texts(Path(args.shared), args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"texts: {len(texts)} documents, {words} words, batch_size={args.batch_size}")

    model = spacy.load(args.model)
    with_layer = spacy.load(args.model)
    with_layer.add_pipe(debatt_nlp.annotate.political_component.FACTORY, after="ner")
    tool = load_pipeline(args.model)
    stacks = {
        f"model as shipped {model.pipe_names}": (model, lambda d: len(d.ents)),
        "model + political layer": (with_layer, lambda d: len(d._.entities)),
        f"tool default pipeline {tool.pipe_names}": (tool, lambda d: len(d._.entities)),
    }
    for nlp, _count in stacks.values():
        list(nlp.pipe(texts[:2]))  # warm-up
    for n_process in args.n_process:
        for name, (nlp, count) in stacks.items():

            def run(nlp=nlp, count=count, n_process=n_process) -> int:
                docs = nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process)
                return sum(count(d) for d in docs)

            wps, dt, n = words_per_second(run, words)
            print(f"n_process={n_process} {name}: {wps:,.0f} words/s ({dt:.1f}s, {n} entities)")


if __name__ == "__main__":
    main()
