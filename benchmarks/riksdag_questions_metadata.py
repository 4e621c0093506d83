"""Question items and author/addressee metadata against the SWERIK TEI fields.

Renders ../shared/data/riksdag/interpellations-dev.jsonl.gz to .txt files in a temporary folder,
annotates them with `debatt_nlp.api.annotate_paths` (rules only: the model does not take part in
these fields) and prints:
- question items: precision/recall/F1 against the TEI list items (a weak gold: markup errors
  exist), over all documents with TEI items and over the "clean" ones (every item ends with "?");
- author name/party and addressee name/party accuracy against the TEI asker/addressee;
- how many documents were classified as interpellations, and the question-item figures of the
  splitter alone (every document with TEI items split, whatever its classified role), which
  separates splitting errors from classification errors.

    python benchmarks/riksdag_questions_metadata.py [--limit N] [--every N --offset K]
        [--session 200506 ...] [--data PATH] [--show-errors K] [--dump-errors FILE]
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
from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.segment.questions import split_questions

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "riksdag"
    / "interpellations-dev.jsonl.gz"
)
_MARKUP_RE = re.compile(r"<!\[[^\]]*\]>")
_MARKER_RE = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-–—•*·▪])\s*")
# Zero-width characters: the repair turns them into spaces; both sides are compared without them.
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ROLE_WORD_RE = re.compile(
    r"^(?:[a-zåäö\-]+\s+och\s+)?[a-zåäö\-]*(?:minister|statsråd(?:et)?|statsministern)\s+", re.I
)


def normalise_text(text: str) -> str:
    return " ".join(_ZERO_WIDTH_RE.sub(" ", text).split())


def normalise_item(text: str) -> str:
    text = _MARKUP_RE.sub("", text)
    text = _MARKER_RE.sub("", text)
    text = _MARKER_RE.sub("", text)  # "– - item" carries two markers in some TEI files
    return normalise_text(text)


def gold_addressee_name(name: str | None) -> str | None:
    """The TEI addressee sometimes keeps the title: "Statsrådet Helene Hellmark Knutsson"."""
    if not name:
        return None
    return _ROLE_WORD_RE.sub("", name).strip()


def splitter_alone(text: str) -> list[str]:
    """The question splitter on the repaired text, whatever role the document was given."""
    clean = repair(text).clean
    return [normalise_text(clean[q.start : q.end]) for q in split_questions(clean)]


def tally(counts: Counter[str], subset: str, predicted: list[str], gold: list[str]) -> None:
    counts[f"{subset}_docs"] += 1
    counts[f"{subset}_tp"] += sum((Counter(predicted) & Counter(gold)).values())
    counts[f"{subset}_pred"] += len(predicted)
    counts[f"{subset}_gold"] += len(gold)
    counts[f"{subset}_docs_exact"] += predicted == gold


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
    parser.add_argument("--every", type=int, default=1, help="Only every N-th document (a spread sample).")
    parser.add_argument("--offset", type=int, default=0, help="With --every: start at the K-th document.")
    parser.add_argument(
        "--session", action="append", default=[], help="Only this session, e.g. 200506 (repeatable)."
    )
    parser.add_argument("--show-errors", type=int, default=0, help="Print K question-item mismatches.")
    parser.add_argument(
        "--dump-errors", type=Path, help="Write every clean-list mismatch to this JSONL file."
    )
    args = parser.parse_args()
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    if args.every < 1 or not 0 <= args.offset < args.every:
        parser.error("--every must be >= 1 and 0 <= --offset < --every")

    rows = []
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index % args.every != args.offset:
                continue
            row = json.loads(line)
            if args.session and row["session"] not in args.session:
                continue
            rows.append(row)
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
        predicted = [normalise_text(q.clean_text) for q in exchange.questions]
        gold = [normalise_item(item) for item in row["question_items"] if normalise_item(item)]
        if gold:
            clean = all(g.rstrip('”" ').endswith("?") for g in gold)
            alone = splitter_alone(row["text"])
            for subset in ("all", "clean") if clean else ("all",):
                tally(counts, subset, predicted, gold)
                tally(counts, f"{subset}_alone", alone, gold)
            if clean and predicted != gold:
                counts["clean_not_interpellation"] += doc.role.value != "interpellation"
                mismatches.append(
                    {"id": row["id"], "session": row["session"], "role": doc.role.value}
                    | {"gold": gold, "predicted": predicted, "splitter_alone": alone}
                )
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
    for subset, label in (
        ("all", "all TEI item lists"),
        ("clean", "clean lists (every item ends with '?')"),
        ("all_alone", "all TEI item lists, splitter alone"),
        ("clean_alone", "clean lists, splitter alone"),
    ):
        p, r, f = prf(counts[f"{subset}_tp"], counts[f"{subset}_pred"], counts[f"{subset}_gold"])
        print(
            f"question items, {label}: docs {counts[f'{subset}_docs']}, items {counts[f'{subset}_gold']}: "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f}; documents with exactly the gold list "
            f"{counts[f'{subset}_docs_exact'] / max(1, counts[f'{subset}_docs']):.3f}"
        )
    print(
        f"clean-list documents not exactly right: {len(mismatches)}, of which not classified as "
        f"interpellation: {counts['clean_not_interpellation']}"
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
    if args.dump_errors:
        with args.dump_errors.open("w", encoding="utf-8") as handle:
            for mismatch in mismatches:
                handle.write(json.dumps(mismatch, ensure_ascii=False) + "\n")
    for mismatch in mismatches[: args.show_errors]:
        print(
            f"\n--- {mismatch['id']} (role {mismatch['role']})\n gold: {mismatch['gold']}\n"
            f" pred: {mismatch['predicted']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
