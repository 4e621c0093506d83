"""Corpus-scale throughput: `annotate` over the Riksdag dev interpellations vs a bare `nlp.pipe`.

    python benchmarks/throughput.py                      # all 14,164 documents, --workers 2
    python benchmarks/throughput.py --limit 2000 --workers 1

Prints documents/s, words/s and peak RSS (the whole process tree, sampled every 0.2 s) for

1. the full tool: `annotate_to_jsonl` with `--input-format jsonl` (ingest, repair, segment, the
   spaCy model + rule layers, pairing, alignment, JSONL written to a temporary file), and
2. the bare model: `spacy.load(model).pipe(texts, n_process=workers)` over the same texts,

and their ratio (our overhead). Issue 6's targets on the 2-core machine: the whole dev corpus in
<= 5 minutes with --workers 2, overhead <= 1.3, peak RSS <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "riksdag" / "interpellations-dev.jsonl.gz"


def tree_rss_bytes(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class PeakRss:
    """Samples the process tree's RSS in a thread; `peak` is the largest sum seen."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(os.getpid()))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def read_records(path: Path, limit: int) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if limit and index >= limit:
                return
            yield json.loads(line)


def report(name: str, seconds: float, n_docs: int, n_words: int, peak: int) -> None:
    print(
        f"{name:<28} {seconds:8.1f} s  {n_docs / seconds:8.1f} docs/s  {n_words / seconds:9.0f} words/s  "
        f"peak RSS {peak / 2**30:.2f} GiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N documents (0 = all).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default="sv_debatt_core")
    parser.add_argument("--skip-bare", action="store_true", help="Only time the full tool.")
    args = parser.parse_args()

    import spacy

    from debatt_nlp.annotate.pipeline import find_model
    from debatt_nlp.api import AnnotateOptions, annotate_to_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_docs = n_words = 0
        with corpus.open("w", encoding="utf-8") as handle:  # the slice being measured, as JSONL input
            for record in read_records(args.data, args.limit):
                handle.write(
                    json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n"
                )
                n_docs += 1
                n_words += len(record["text"].split())
        print(
            f"{n_docs} documents, {n_words} words; model {args.model}; workers {args.workers}; "
            f"{os.cpu_count()} CPUs"
        )

        options = AnnotateOptions(
            model=args.model, batch_size=args.batch_size, workers=args.workers, input_format="jsonl"
        )
        output = Path(tmp) / "annotations.jsonl"
        with PeakRss() as rss:
            started = time.perf_counter()
            summary = annotate_to_jsonl([corpus], output, options=options)
            ours = time.perf_counter() - started
        assert summary.n_annotated + len(summary.errors) == n_docs, "every input must be accounted for"
        report("debatt-nlp annotate", ours, n_docs, n_words, rss.peak)
        print(
            f"  {summary.n_annotated} annotated, {len(summary.errors)} failed, "
            f"{summary.n_exchanges} records, output {output.stat().st_size / 2**20:.0f} MiB"
        )
        if args.skip_bare:
            return

        location = find_model(args.model)
        bare_nlp = spacy.load(location) if location else spacy.blank("sv")
        texts = (r["text"] for r in read_records(args.data, args.limit))
        with PeakRss() as rss:
            started = time.perf_counter()
            for _ in bare_nlp.pipe(texts, batch_size=args.batch_size, n_process=args.workers):
                pass
            bare = time.perf_counter() - started
        report(f"bare nlp.pipe ({bare_nlp.meta.get('name')})", bare, n_docs, n_words, rss.peak)
        print(f"overhead ratio (ours / bare): {ours / bare:.2f}")


if __name__ == "__main__":
    main()
