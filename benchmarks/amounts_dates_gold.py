"""Amounts and dates against the riksdag-qa gold (value level and span level).

Reads `gold.jsonl` of a riksdag-qa folder (default: ../shared/data/riksdag-qa/dev), runs
`extract_amounts` and `extract_dates` on every `<id>_question.txt` / `<id>_answer.txt` (anchor:
index.jsonl's "date" for the question, "date_answered" for the answer) and prints, per label,
precision / recall / F1 where

- value level: a predicted mention is a hit when it overlaps a gold mention of the same label and
  has the same normalised value (amounts: equal within 1e-6 relative; dates: equal strings);
- span level: overlap and same label, whatever the value.

Matching is one-to-one (greedy, in text order). QUANTITY and SET have no gold and are not scored.

    python benchmarks/amounts_dates_gold.py [--data PATH] [--errors] [--speed N]

`--speed N` also times both extractors on the first N interpellations of
../shared/data/riksdag/interpellations-dev.jsonl.gz (anchor: the date sent).

Develop on dev only: the eval folder's labels are kept for independent evaluation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from debatt_nlp.swedish.amounts import extract_amounts
from debatt_nlp.swedish.timex import extract_dates

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "riksdag-qa" / "dev"
CORPUS = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "riksdag"
    / "interpellations-dev.jsonl.gz"
)
AMOUNT_LABELS = ("MONEY", "PERCENT")
DATE_LABELS = ("DATE", "DURATION")


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


class GoldDocument(NamedTuple):
    """One side of a riksdag-qa gold pair, with its text and the date that anchors its dates."""

    record_id: str
    side: str  # "question" | "answer"
    text: str
    anchor: dt.date | None  # from index.jsonl: the date sent (question) or answered (answer)
    mentions: dict[str, Any]


def iter_gold_documents(data: Path) -> Iterator[GoldDocument]:
    """Every question and answer file of a riksdag-qa folder that exists, with its gold mentions."""
    index = {}
    for line in read_text(data / "index.jsonl").splitlines():
        if line.strip():
            row = json.loads(line)
            index[row["id"]] = row
    for line in read_text(data / "gold.jsonl").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        meta = index.get(record["id"], {})
        for side, date_key in (("question", "date"), ("answer", "date_answered")):
            path = data / record[f"{side}_file"]
            if not path.exists():
                continue
            anchor = dt.date.fromisoformat(meta[date_key]) if meta.get(date_key) else None
            yield GoldDocument(record["id"], side, read_text(path), anchor, record["mentions"][side])


def same_value(label: str, gold: Any, pred: Any) -> bool:
    if label in AMOUNT_LABELS:
        if gold is None or pred is None:
            return gold is None and pred is None
        return math.isclose(float(gold), float(pred), rel_tol=1e-6, abs_tol=1e-9)
    return gold == pred


def match(
    gold: list[dict], pred: list[dict], by_value: bool
) -> tuple[int, list[tuple[dict, dict | None]], list[dict]]:
    """One-to-one greedy matching in text order. Returns (hits, gold with its match, unmatched pred)."""
    used: set[int] = set()
    pairs: list[tuple[dict, dict | None]] = []
    hits = 0
    for g in sorted(gold, key=lambda x: x["start"]):
        found = None
        for i, p in enumerate(pred):
            if i in used or p["label"] != g["label"]:
                continue
            if p["start"] < g["end"] and g["start"] < p["end"]:
                if by_value and not same_value(g["label"], g.get("value"), p.get("value")):
                    continue
                found = i
                break
        if found is not None:
            used.add(found)
            hits += 1
            pairs.append((g, pred[found]))
        else:
            pairs.append((g, None))
    return hits, pairs, [p for i, p in enumerate(pred) if i not in used]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(data: Path, show_errors: bool) -> dict[str, dict[str, float]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[str] = []
    n_docs = 0
    started = time.perf_counter()
    for doc in iter_gold_documents(data):
        n_docs += 1
        text, anchor, mentions = doc.text, doc.anchor, doc.mentions
        gold = [
            {**m, "label": m["label"]}
            for m in [*mentions.get("amounts", []), *mentions.get("dates", [])]
            if m["label"] in AMOUNT_LABELS + DATE_LABELS
        ]
        pred = [a.model_dump(mode="json") for a in extract_amounts(text)]
        pred += [d.model_dump(mode="json") for d in extract_dates(text, anchor)]
        pred = [p for p in pred if p["label"] in AMOUNT_LABELS + DATE_LABELS]
        for label in AMOUNT_LABELS + DATE_LABELS:
            g = [m for m in gold if m["label"] == label]
            p = [m for m in pred if m["label"] == label]
            hits, pairs, extra = match(g, p, by_value=True)
            span_hits, _, _ = match(g, p, by_value=False)
            c = counts[label]
            c["gold"] += len(g)
            c["pred"] += len(p)
            c["hit"] += hits
            c["span_hit"] += span_hits
            if show_errors:
                for gm, pm in pairs:
                    if pm is None:
                        near = [x for x in p if x["start"] < gm["end"] and gm["start"] < x["end"]]
                        got = f" got {near[0]['text']!r}={near[0].get('value')!r}" if near else ""
                        errors.append(
                            f"MISS {label:8} {doc.record_id} {doc.side[0]} {gm['text']!r}={gm.get('value')!r}{got}"
                        )
                for pm in extra:
                    if any(pm["start"] < gm["end"] and gm["start"] < pm["end"] for gm in g):
                        continue  # already reported as a wrong value
                    context = text[max(0, pm["start"] - 30) : pm["end"] + 20].replace("\n", " ")
                    errors.append(
                        f"FP   {label:8} {doc.record_id} {doc.side[0]} {pm['text']!r}={pm.get('value')!r} … {context!r}"
                    )
    elapsed = time.perf_counter() - started
    results: dict[str, dict[str, float]] = {}
    print(f"riksdag-qa gold: {data}  ({n_docs} documents, {elapsed:.2f} s)")
    print(
        f"{'label':10} {'gold':>5} {'pred':>5} | {'P':>6} {'R':>6} {'F1':>6} (value) | {'P':>6} {'R':>6} {'F1':>6} (span)"
    )
    total = defaultdict(int)
    for label in AMOUNT_LABELS + DATE_LABELS:
        c = counts[label]
        p, r, f = prf(c["hit"], c["pred"], c["gold"])
        sp, sr, sf = prf(c["span_hit"], c["pred"], c["gold"])
        results[label] = {"gold": c["gold"], "pred": c["pred"], "p": p, "r": r, "f1": f, "span_f1": sf}
        for k in ("gold", "pred", "hit", "span_hit"):
            total[k] += c[k]
        print(
            f"{label:10} {c['gold']:5d} {c['pred']:5d} | {p:6.3f} {r:6.3f} {f:6.3f}         | {sp:6.3f} {sr:6.3f} {sf:6.3f}"
        )
    p, r, f = prf(total["hit"], total["pred"], total["gold"])
    sp, sr, sf = prf(total["span_hit"], total["pred"], total["gold"])
    print(
        f"{'all':10} {total['gold']:5d} {total['pred']:5d} | {p:6.3f} {r:6.3f} {f:6.3f}         | {sp:6.3f} {sr:6.3f} {sf:6.3f}"
    )
    if show_errors:
        print(f"\n{len(errors)} errors:")
        for e in errors:
            print("  " + e)
    return results


def speed(n: int, corpus: Path = CORPUS) -> None:
    """Documents per second of extract_amounts + extract_dates on the corpus's first n texts."""
    import gzip
    import itertools

    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in itertools.islice(handle, n)]
    docs = [(r["text"], (r.get("dates") or {}).get("sent")) for r in rows]
    extract_amounts("5 kr")  # compile the patterns outside the timing
    extract_dates("1 maj 2020")
    chars = sum(len(t) for t, _ in docs)
    started = time.perf_counter()
    n_amounts = n_dates = 0
    for text, sent in docs:
        n_amounts += len(extract_amounts(text))
        n_dates += len(extract_dates(text, dt.date.fromisoformat(sent) if sent else None))
    elapsed = time.perf_counter() - started
    print(
        f"\nspeed: {len(docs)} interpellations, {chars} chars, {n_amounts} amounts, {n_dates} dates in"
        f" {elapsed:.2f} s: {len(docs) / elapsed:.0f} docs/s, {chars / elapsed / 1e3:.0f} k chars/s (one process)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a riksdag-qa folder with gold.jsonl")
    parser.add_argument("--errors", action="store_true", help="list misses and false positives")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="also time N corpus documents")
    args = parser.parse_args(argv)
    if not (args.data / "gold.jsonl").exists():
        print(f"no gold.jsonl in {args.data}: nothing to evaluate", file=sys.stderr)
        return 2
    run(args.data.resolve(), args.errors)
    if args.speed:
        if not CORPUS.exists():
            print(f"no corpus at {CORPUS}: no speed figure", file=sys.stderr)
            return 2
        speed(args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
