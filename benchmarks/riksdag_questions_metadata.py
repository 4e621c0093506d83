"""Question items and author/addressee metadata against the SWERIK TEI fields.

Renders ../shared/data/riksdag/interpellations-dev.jsonl.gz to .txt files in a temporary folder,
annotates them with `debatt_nlp.api.annotate_paths` (rules only: the model does not take part in
these fields) and prints:
- question items: precision/recall/F1 against the TEI list items (a weak gold: markup errors
  exist), over all documents with TEI items and over the "clean" ones (every item ends with "?");
- author name/party and addressee name/party accuracy against the TEI asker/addressee;
- how many documents were classified as interpellations.

    python benchmarks/riksdag_questions_metadata.py [--limit N] [--data PATH] [--show-errors K]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from debatt_nlp.api import annotate_paths

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "riksdag"
    / "interpellations-dev.jsonl.gz"
)
_MARKUP_RE = re.compile(r"<!\[[^\]]*\]>")
_MARKER_RE = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-–—•*])\s*")
_ROLE_WORD_RE = re.compile(
    r"^(?:[a-zåäö\-]+\s+och\s+)?[a-zåäö\-]*(?:minister|statsråd(?:et)?|statsministern)\s+", re.I
)


def normalise_item(text: str) -> str:
    text = _MARKUP_RE.sub("", text)
    text = _MARKER_RE.sub("", text)
    text = _MARKER_RE.sub("", text)  # "– - item" carries two markers in some TEI files
    return " ".join(text.split())


def gold_addressee_name(name: str | None) -> str | None:
    """The TEI addressee sometimes keeps the title: "Statsrådet Helene Hellmark Knutsson"."""
    if not name:
        return None
    return _ROLE_WORD_RE.sub("", name).strip()


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N documents (0 = all).")
    parser.add_argument("--show-errors", type=int, default=0, help="Print K question-item mismatches.")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2

    rows = []
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
            if args.limit and len(rows) >= args.limit:
                break
    by_id = {row["id"]: row for row in rows}

    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            Path(tmp, f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
        started = time.perf_counter()
        run = annotate_paths([Path(tmp)], model="blank", batch_size=64)
        elapsed = time.perf_counter() - started

    counts: Counter[str] = Counter()
    mismatches = []
    for exchange in run.exchanges:
        doc = exchange.documents[0]
        row = by_id[doc.id.removesuffix(".txt")]
        counts["docs"] += 1
        counts[f"role_{doc.role.value}"] += 1
        predicted = [" ".join(q.clean_text.split()) for q in exchange.questions]
        gold = [normalise_item(item) for item in row["question_items"] if normalise_item(item)]
        if gold:
            clean = all(g.rstrip('”" ').endswith("?") for g in gold)
            matched = sum((Counter(predicted) & Counter(gold)).values())
            for subset in ("all", "clean") if clean else ("all",):
                counts[f"{subset}_docs"] += 1
                counts[f"{subset}_tp"] += matched
                counts[f"{subset}_pred"] += len(predicted)
                counts[f"{subset}_gold"] += len(gold)
                counts[f"{subset}_docs_exact"] += predicted == gold
            if clean and predicted != gold:
                mismatches.append((row["id"], gold, predicted))
        else:
            counts["prose_docs"] += 1
            counts["prose_with_items"] += bool(predicted)
        meta = doc.metadata
        asker, addressee = row.get("asker"), row.get("addressee")
        if asker and asker.get("name"):
            counts["author_gold"] += 1
            counts["author_name_ok"] += bool(meta.author and meta.author.name == asker["name"])
            if asker.get("party"):
                counts["author_party_gold"] += 1
                counts["author_party_ok"] += bool(
                    meta.author and (meta.author.party or "").lower() == asker["party"].lower()
                )
        if addressee and addressee.get("name"):
            counts["addressee_gold"] += 1
            counts["addressee_name_ok"] += bool(
                meta.addressee and meta.addressee.name == gold_addressee_name(addressee["name"])
            )
            if addressee.get("party"):
                # Older titles name no party for the minister: score what the text states.
                counts["addressee_party_gold"] += 1
                if meta.addressee and meta.addressee.party:
                    counts["addressee_party_predicted"] += 1
                    counts["addressee_party_ok"] += meta.addressee.party.lower() == addressee["party"].lower()

    words = sum(len(row["text"].split()) for row in rows)
    print(
        f"documents: {counts['docs']} ({len(run.errors)} failed) in {elapsed:.1f} s "
        f"({counts['docs'] / elapsed:.1f} docs/s, {words / elapsed:,.0f} words/s, rules + blank tokenizer)"
    )
    print(
        f"classified as interpellation: {counts['role_interpellation']}/{counts['docs']}"
        f" (reply {counts['role_reply']}, other {counts['role_other']})"
    )
    for subset, label in (("all", "all TEI item lists"), ("clean", "clean lists (every item ends with '?')")):
        p, r, f = prf(counts[f"{subset}_tp"], counts[f"{subset}_pred"], counts[f"{subset}_gold"])
        print(
            f"question items, {label}: docs {counts[f'{subset}_docs']}, items {counts[f'{subset}_gold']}: "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f}; documents with exactly the gold list "
            f"{counts[f'{subset}_docs_exact'] / max(1, counts[f'{subset}_docs']):.3f}"
        )
    print(
        f"prose documents (no TEI list): {counts['prose_docs']}, with ≥1 item found: "
        f"{counts['prose_with_items'] / max(1, counts['prose_docs']):.3f}"
    )
    print(
        f"addressee party: precision {counts['addressee_party_ok'] / max(1, counts['addressee_party_predicted']):.3f}"
        f" (n={counts['addressee_party_predicted']} stated in the title), coverage "
        f"{counts['addressee_party_predicted'] / max(1, counts['addressee_party_gold']):.3f}"
    )
    for field in ("author_name", "author_party", "addressee_name"):
        gold_key = field.rsplit("_", 1)[0] + ("_gold" if field.endswith("name") else "_party_gold")
        print(
            f"{field.replace('_', ' ')} accuracy: {counts[field + '_ok'] / max(1, counts[gold_key]):.3f} "
            f"(n={counts[gold_key]})"
        )
    for doc_id, gold, predicted in mismatches[: args.show_errors]:
        print(f"\n--- {doc_id}\n gold: {gold}\n pred: {predicted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
