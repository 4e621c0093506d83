"""Agreement and retrieval metrics (pure, no dependencies): P/R/F1, accuracy, macro-F1, Cohen's kappa,
Spearman's rho, and one-to-one span matching."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")


def safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    f = safe_div(2 * p * r, p + r)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return round(safe_div(sum(g == p for g, p in zip(gold, pred, strict=True)), len(gold)), 4)


def per_label_prf(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, Any]]:
    out = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        out[label] = {**prf(tp, fp, fn), "support": sum(g == label for g in gold)}
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """Unweighted mean of the per-label F1 over `labels` (a label absent from both counts as F1 0,
    as in scikit-learn with an explicit label list)."""
    if not labels:
        return 0.0
    per = per_label_prf(gold, pred, labels)
    return round(sum(float(per[label]["f1"]) for label in labels) / len(labels), 4)


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    """confusion[gold_label][pred_label] = count."""
    table = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, pred, strict=True):
        if g in table and p in table[g]:
            table[g][p] += 1
    return table


def cohen_kappa(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float | None:
    """Cohen's kappa of two label sequences; None when chance agreement is 1 (a single label used)."""
    n = len(gold)
    if n == 0:
        return None
    observed = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    expected = sum((sum(g == lab for g in gold) / n) * (sum(p == lab for p in pred) / n) for lab in labels)
    if expected >= 1.0:
        return None
    return round((observed - expected) / (1.0 - expected), 4)


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    n = len(x)
    if n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rho with average ranks for ties (Pearson on the ranks); None when undefined."""
    rho = pearson(average_ranks(x), average_ranks(y))
    return None if rho is None else round(rho, 4)


def match_one_to_one(
    gold: Sequence[T], pred: Sequence[U], score: Callable[[T, U], float], minimum: float
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching: highest-scoring pairs first, each item used once, pairs scoring
    below `minimum` (or 0) never matched. Returns (gold index, pred index, score)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = score(g, p)
            if s > 0 and s >= minimum:
                pairs.append((s, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, s))
    return sorted(out)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def iou(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    inter = overlap(a_start, a_end, b_start, b_end)
    union = max(a_end, b_end) - min(a_start, b_start)
    return safe_div(inter, union)
