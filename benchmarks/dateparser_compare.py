"""Our normalised date values against dateparser's, on the same gold spans.

For every DATE and DURATION mention in a riksdag-qa `gold.jsonl` (default:
../shared/data/riksdag-qa/dev) both systems get the same document date as anchor and are scored
on whether they give the gold TIMEX3 value:

- ours (in context): `extract_dates(document, anchor)`; the value of our mention overlapping the
  gold span (none → wrong). This is what the pipeline outputs.
- ours (span only): `extract_dates(gold span text, anchor)`, the first mention; no sentence context.
- dateparser: `DateDataParser(languages=["sv"]).get_date_data(gold span text)` with
  RELATIVE_BASE = the anchor, once with its default settings and once with DATE_ORDER=DMY (the
  Swedish order; its default reads "27 oktober" as October 2027); its datetime is written at its own `period` (day → 2021-03-22,
  month → 2021-03, year → 2021, week → 2021-W12). dateparser has no seasons, quarters, decades or
  durations, so those rows show what it returns instead.

It also counts how many gold MONEY/PERCENT spans dateparser reads as a date (the issue's
"54,7 → 1954-07-01" trap); ours never returns a date inside an amount.

    pip install dateparser   # the `bench` extra
    python benchmarks/dateparser_compare.py [--data PATH] [--show N]

Develop on dev only: the eval folder's labels are kept for independent evaluation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from amounts_dates_gold import iter_gold_documents  # the same gold reader (this folder)

from debatt_nlp.swedish.timex import extract_dates

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "riksdag-qa" / "dev"


def value_kind(label: str, value: str | None) -> str:
    """A row of the table: what sort of value the gold has."""
    if label == "DURATION":
        return "duration"
    v = value or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return "month"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"\d{4}-[QHT]\d", v):
        return "quarter/half"
    if re.fullmatch(r"\d{4}-W\d{2}", v):
        return "week"
    if re.fullmatch(r"\d{2,3}", v):
        return "decade/century"
    return "other"


_PARSERS: dict[str, Any] = {}


def dateparser_value(text: str, anchor: dt.date | None, dmy: bool = False) -> str | None:
    """dateparser's reading of `text`, written as a TIMEX3 value at its own period. `dmy` sets
    DATE_ORDER=DMY, the Swedish order (without it "27 oktober" is read as October 2027)."""
    from dateparser.date import DateDataParser

    key = f"{anchor.isoformat() if anchor else ''}|{dmy}"
    if key not in _PARSERS:
        if len(_PARSERS) > 4:
            _PARSERS.clear()  # a few anchors at a time: documents are read one by one
        settings: dict[str, Any] = {"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time())} if anchor else {}
        if dmy:
            settings["DATE_ORDER"] = "DMY"
        _PARSERS[key] = DateDataParser(languages=["sv"], settings=settings)
    data = _PARSERS[key].get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return d.date().isoformat()


def run(data: Path, show: int) -> dict[str, dict[str, float]]:
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser is not installed: pip install dateparser (the `bench` extra)", file=sys.stderr)
        raise SystemExit(2) from None
    totals: dict[str, Counter] = defaultdict(Counter)
    examples: list[str] = []
    amount_spans = amount_as_date = 0
    amount_examples: list[str] = []
    started = time.perf_counter()
    for doc in iter_gold_documents(data):
        text, anchor, mentions = doc.text, doc.anchor, doc.mentions
        ours_doc = extract_dates(text, anchor)
        for g in mentions.get("dates", []):
            if g["label"] not in ("DATE", "DURATION"):
                continue
            kind = value_kind(g["label"], g.get("value"))
            near = [
                d for d in ours_doc if d.start < g["end"] and g["start"] < d.end and d.label == g["label"]
            ]
            ours_ctx = near[0].value if near else None
            alone = [d for d in extract_dates(g["text"], anchor) if d.label == g["label"]]
            ours_span = alone[0].value if alone else None
            theirs = dateparser_value(g["text"], anchor)
            theirs_dmy = dateparser_value(g["text"], anchor, dmy=True)
            for k in (kind, "ALL DATE" if g["label"] == "DATE" else "ALL DURATION", "ALL"):
                c = totals[k]
                c["n"] += 1
                c["ctx"] += ours_ctx == g.get("value")
                c["span"] += ours_span == g.get("value")
                c["dp"] += theirs == g.get("value")
                c["dp_dmy"] += theirs_dmy == g.get("value")
                c["dp_none"] += theirs_dmy is None
            if theirs_dmy != g.get("value") and len(examples) < show:
                examples.append(
                    f"{g['text']!r:32} gold={g.get('value')!s:12} ours={ours_ctx!s:12} dateparser={theirs_dmy}"
                )
        for a in mentions.get("amounts", []):
            amount_spans += 1
            number = re.match(r"[\d\s\u00a0,.]+\d", a["text"])
            probe = number.group(0) if number else a["text"]
            got = dateparser_value(probe, anchor, dmy=True)
            if got is not None:
                amount_as_date += 1
                if len(amount_examples) < 5:
                    amount_examples.append(f"{probe!r} → {got}")
    elapsed = time.perf_counter() - started
    print(f"riksdag-qa gold: {data}  ({elapsed:.1f} s)")
    print(
        f"{'gold value kind':16} {'n':>4} | {'ours (context)':>14} {'ours (span)':>12} |"
        f" {'dateparser':>10} {'dateparser DMY':>14} | DMY none"
    )
    order = ["day", "month", "year", "season", "quarter/half", "week", "decade/century", "other", "duration"]
    results: dict[str, dict[str, float]] = {}
    for k in [*order, "ALL DATE", "ALL DURATION", "ALL"]:
        c = totals.get(k)
        if not c:
            continue
        n = c["n"]
        row = {
            "n": n,
            "ours_context": c["ctx"] / n,
            "ours_span": c["span"] / n,
            "dateparser": c["dp"] / n,
            "dateparser_dmy": c["dp_dmy"] / n,
        }
        results[k] = row
        print(
            f"{k:16} {n:4d} | {row['ours_context']:14.3f} {row['ours_span']:12.3f} |"
            f" {row['dateparser']:10.3f} {row['dateparser_dmy']:14.3f} | {c['dp_none']:8d}"
        )
    print(
        f"\ngold MONEY/PERCENT spans whose number dateparser reads as a date: {amount_as_date}/{amount_spans}"
        + (f"  e.g. {', '.join(amount_examples)}" if amount_examples else "")
    )
    if examples:
        print(f"\nfirst {len(examples)} spans dateparser (DMY) gets wrong:")
        for e in examples:
            print("  " + e)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a riksdag-qa folder with gold.jsonl")
    parser.add_argument("--show", type=int, default=15, help="how many dateparser errors to list")
    args = parser.parse_args(argv)
    if not (args.data / "gold.jsonl").exists():
        print(f"no gold.jsonl in {args.data}: nothing to compare", file=sys.stderr)
        return 2
    run(args.data.resolve(), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
