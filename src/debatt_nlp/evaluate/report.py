"""A plain-text report of `evaluate()`'s figures (what `debatt-nlp evaluate` prints)."""

from __future__ import annotations

from typing import Any


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _prf_line(name: str, d: dict[str, Any]) -> str:
    if d["tp"] + d["fp"] + d["fn"] == 0:
        return f"  {name:<28} n/a (nothing in gold or predictions)"
    return (
        f"  {name:<28} P {_f(d['precision'])}  R {_f(d['recall'])}  F1 {_f(d['f1'])}"
        f"   (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    )


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"exchanges: {result['n_matched_exchanges']}/{result['n_gold_exchanges']} gold exchanges found "
        f"among {result['n_pred_exchanges']} predicted",
    ]
    if result["unmatched_gold"]:
        lines.append("  not found: " + ", ".join(result["unmatched_gold"]))
    q = result["questions"]
    lines += [
        "questions",
        _prf_line(f"items ({q['criterion']})", q),
        _prf_line("items (exact text)", q["exact"]),
    ]
    p = result["pairing"]
    lines += ["pairing", f"  accuracy {_f(p['accuracy'])} ({p['correct']}/{p['total']})"]
    a = result["alignment"]
    lines += ["alignment", _prf_line(f"paragraphs ({a['n_questions']} gold questions)", a)]
    d = result["directness"]
    lines += [
        "directness",
        f"  labelled {d['n']} matched questions ({d['n_missing']} gold questions without a prediction)",
        f"  accuracy {_f(d['accuracy'])}  macro-F1 {_f(d['macro_f1'])}  Cohen's kappa {_f(d['kappa'])}  "
        f"Spearman (score vs reply 2/partial 1/non_reply 0) {_f(d['spearman'])}",
    ]
    for label, v in d["per_label"].items():
        lines.append(_prf_line(f"{label} (support {v['support']})", v))
    labels = list(d["confusion"])
    lines.append("  confusion (rows gold, columns predicted): " + " ".join(f"{lab:>9}" for lab in labels))
    for g in labels:
        lines.append(f"    {g:<10}" + " ".join(f"{d['confusion'][g][p]:>9}" for p in labels))
    lines.append("mentions")
    for kind, figures in result["mentions"].items():
        for crit in ("exact", "overlap", "overlap_value"):
            if crit in figures:
                lines.append(_prf_line(f"{kind} {crit}", figures[crit]))
        for label, v in figures["per_label_overlap"].items():
            lines.append(_prf_line(f"  {label} overlap", v))
    return "\n".join(lines)
