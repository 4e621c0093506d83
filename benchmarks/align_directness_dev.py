"""Alignment and directness on the 36 riksdag-qa dev pairs and the seed pair: every `evaluate` figure.

    python benchmarks/align_directness_dev.py [--shared ../shared] [--model blank] [--json out.json]

Annotates the dev folder and the repo's seeds/ with `debatt-nlp annotate` (nothing is copied), then
scores them with `debatt_nlp.evaluate` against ../shared/data/riksdag-qa/dev/gold.jsonl and
corpus/seeds-gold.jsonl. Where the annotate output does not yet carry answer spans / directness (the
pipeline wiring), the benchmark fills them with `align_questions` and `score_directness` itself, on the
same documents, and says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from debatt_nlp.align import align_questions
from debatt_nlp.directness import score_directness
from debatt_nlp.evaluate import evaluate_records, format_report
from debatt_nlp.schema import Exchange

REPO = Path(__file__).resolve().parents[1]


def annotate(folder: Path, out: Path, model: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["debatt-nlp", "annotate", str(folder), "-o", str(out), "--model", model],
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started


def fill(exchanges: list[Exchange]) -> tuple[list[dict[str, Any]], bool]:
    """Exchanges as dicts, with alignment and directness computed here where the pipeline left them out."""
    wired = any(q.answer_spans or q.directness for ex in exchanges for q in ex.questions)
    out = []
    for ex in exchanges:
        if not wired and len(ex.documents) > 1 and ex.questions:
            interpellation, reply = ex.documents[0], ex.documents[1]
            questions = align_questions(ex.questions, interpellation, reply)
            questions = [q.model_copy(update={"directness": score_directness(q, reply)}) for q in questions]
            ex = ex.model_copy(update={"questions": questions})
        out.append(ex.model_dump(mode="json"))
    return out, wired


def read_exchanges(path: Path) -> list[Exchange]:
    with open(path, encoding="utf-8") as fh:
        return [Exchange.model_validate_json(line) for line in fh if line.strip() and '"documents"' in line]


def read_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--model", default="blank")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    dev = args.shared / "data" / "riksdag-qa" / "dev"
    if not (dev / "gold.jsonl").exists():
        print(f"no gold at {dev}", file=sys.stderr)
        return 2
    sets = {"dev": (dev, dev / "gold.jsonl"), "seeds": (REPO / "seeds", REPO / "corpus" / "seeds-gold.jsonl")}
    results: dict[str, Any] = {}
    all_pred: list[dict[str, Any]] = []
    all_gold: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (folder, gold_path) in sets.items():
            out = Path(tmp) / f"{name}.jsonl"
            seconds = annotate(folder, out, args.model)
            started = time.perf_counter()
            preds, wired = fill(read_exchanges(out))
            fill_seconds = time.perf_counter() - started
            gold = read_gold(gold_path)
            result = evaluate_records(preds, gold)
            results[name] = result
            all_pred += preds
            all_gold += gold
            source = "annotate output" if wired else "align_questions/score_directness run by this benchmark"
            print(
                f"=== {name}: {len(gold)} exchanges (annotate {seconds:.1f}s; alignment+directness from {source}"
                f", {fill_seconds:.1f}s)"
            )
            print(format_report(result))
            print()
    combined = evaluate_records(all_pred, all_gold)
    results["dev+seeds"] = combined
    print(f"=== dev + seeds: {len(all_gold)} exchanges")
    print(format_report(combined))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
