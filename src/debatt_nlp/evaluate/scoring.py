"""Score `debatt-nlp annotate` output against gold in the riksdag-qa `gold.jsonl` format.

Exchanges are matched to gold records by the FILE NAME of their documents (the gold's `question_file`
and `answer_file` against each document's id/path), never by order. Predictions are read as plain
JSON dicts so that a prediction file written by an older schema version can still be scored.

Figures (definitions in docs/directness.md, "Evaluation"):
- questions: item P/R/F1; a predicted item matches a gold item when their spans in the interpellation
  overlap with IoU >= 0.5 (one-to-one, best first); `exact` requires the same whitespace-normalised text.
- pairing: share of gold exchanges whose interpellation was paired with the gold answer file.
- alignment: micro P/R/F1 over (question, answer paragraph) pairs of the matched questions; a predicted
  answer span counts for every gold-convention paragraph (non-empty block) it overlaps.
- directness: accuracy, macro-F1, Cohen's kappa and the confusion matrix of the 3-way label over the
  matched questions that have a predicted label; Spearman's rho of the score against the ordinal gold
  (reply 2, partial 1, non_reply 0).
- mentions: per kind (entities, amounts, dates) P/R/F1, `exact` (same span and label), `overlap`
  (overlapping spans, same label) and, for amounts and dates, `overlap_value` (also the same value).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from debatt_nlp.align.structure import split_paragraphs
from debatt_nlp.evaluate.metrics import (
    accuracy,
    cohen_kappa,
    confusion,
    iou,
    macro_f1,
    match_one_to_one,
    overlap,
    per_label_prf,
    prf,
    spearman,
)

LABELS = ("reply", "partial", "non_reply")
ORDINAL = {"reply": 2, "partial": 1, "non_reply": 0}
QUESTION_IOU = 0.5
# Labels the gold annotates; other predicted labels (model labels such as EVN, QUANTITY, SET) are not
# scored, as the gold does not mark them.
MENTION_LABELS = {
    "entities": ("PER", "ORG", "LOC", "PARTY"),
    "amounts": ("MONEY", "PERCENT"),
    "dates": ("DATE", "DURATION"),
}


# ------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def file_name(doc: dict[str, Any]) -> str:
    """The document's file name: the last component of its id (a path relative to the input root)."""
    return Path(str(doc.get("id") or doc.get("path") or "")).name


def index_predictions(exchanges: Iterable[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], int]]:
    """file name -> (exchange, position of the document in the exchange)."""
    out: dict[str, tuple[dict[str, Any], int]] = {}
    for ex in exchanges:
        for pos, doc in enumerate(ex.get("documents") or []):
            out.setdefault(file_name(doc), (ex, pos))
    return out


# ------------------------------------------------------------------------------------------------
# Components
# ------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def match_questions(
    gold_qs: list[dict[str, Any]], pred_qs: list[dict[str, Any]]
) -> list[tuple[int, int, float]]:
    return match_one_to_one(
        gold_qs, pred_qs, lambda g, p: iou(g["start"], g["end"], p["start"], p["end"]), QUESTION_IOU
    )


def paragraphs_of_spans(text: str, spans: Iterable[dict[str, Any]]) -> set[int]:
    """Gold-convention paragraph indices (non-empty blocks) that the spans overlap."""
    paras = split_paragraphs(text)
    out: set[int] = set()
    for span in spans:
        for p in paras:
            if overlap(span["start"], span["end"], p.start, p.end) > 0:
                out.add(p.index)
    return out


def _mention_value_equal(kind: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    gv, pv = g.get("value"), p.get("value")
    if kind == "amounts":
        if gv is None or pv is None:
            return gv is None and pv is None
        return abs(float(gv) - float(pv)) <= 1e-6 * max(1.0, abs(float(gv)))
    return gv == pv


def score_mentions(
    kind: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> dict[str, tuple[int, int, int]]:
    """Counts (tp, fp, fn) for one kind in one file under the exact / overlap / overlap_value criteria."""
    labels = MENTION_LABELS[kind]
    gold = [g for g in gold if g.get("label") in labels]
    pred = [p for p in pred if p.get("label") in labels]

    def count(criterion: Any) -> tuple[int, int, int]:
        matched = match_one_to_one(gold, pred, criterion, 1e-9)
        return len(matched), len(pred) - len(matched), len(gold) - len(matched)

    def exact(g: dict[str, Any], p: dict[str, Any]) -> float:
        return float(g["start"] == p["start"] and g["end"] == p["end"] and g["label"] == p["label"])

    def overlapping(g: dict[str, Any], p: dict[str, Any]) -> float:
        return iou(g["start"], g["end"], p["start"], p["end"]) if g["label"] == p["label"] else 0.0

    def with_value(g: dict[str, Any], p: dict[str, Any]) -> float:
        return overlapping(g, p) if _mention_value_equal(kind, g, p) else 0.0

    out = {"exact": count(exact), "overlap": count(overlapping)}
    if kind != "entities":
        out["overlap_value"] = count(with_value)
    return out


def _add(total: dict[str, list[int]], counts: dict[str, tuple[int, int, int]]) -> None:
    for key, (tp, fp, fn) in counts.items():
        acc = total.setdefault(key, [0, 0, 0])
        acc[0] += tp
        acc[1] += fp
        acc[2] += fn


# ------------------------------------------------------------------------------------------------
# The whole evaluation
# ------------------------------------------------------------------------------------------------


def evaluate_records(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """All figures for predicted exchanges (annotate output, as dicts) against gold records."""
    by_file = index_predictions(predictions)
    q_counts = [0, 0, 0]
    q_exact = [0, 0, 0]
    pair_correct = 0
    al_counts = [0, 0, 0]
    al_per_question: list[dict[str, Any]] = []
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    scores: list[float] = []
    ordinal: list[int] = []
    n_missing_label = 0
    mentions: dict[str, dict[str, list[int]]] = {k: {} for k in MENTION_LABELS}
    mention_labels: dict[str, dict[str, list[int]]] = {k: {} for k in MENTION_LABELS}
    missing: list[str] = []

    for record in gold:
        found = by_file.get(record["question_file"])
        if found is None:
            missing.append(record["id"])
            q_counts[2] += len(record["questions"])
            q_exact[2] += len(record["questions"])
            al_counts[2] += sum(len(q["answer_paragraphs"]) for q in record["questions"])
            for side in ("question", "answer"):
                for kind in MENTION_LABELS:
                    _add(mentions[kind], score_mentions(kind, record["mentions"][side][kind], []))
            continue
        exchange, pos = found
        docs = exchange.get("documents") or []
        reply = next((d for d in docs[pos + 1 :] if file_name(d) == record["answer_file"]), None)
        if reply is None:
            reply = next(
                (d for d in docs if file_name(d) == record["answer_file"] and d is not docs[pos]), None
            )
        paired = pos == 0 and reply is not None
        pair_correct += int(paired)

        # Questions (only those of the exchange whose interpellation this is).
        pred_qs = (exchange.get("questions") or []) if pos == 0 else []
        gold_qs = record["questions"]
        matched = match_questions(gold_qs, pred_qs)
        q_counts[0] += len(matched)
        q_counts[1] += len(pred_qs) - len(matched)
        q_counts[2] += len(gold_qs) - len(matched)
        exact_matched = match_one_to_one(
            gold_qs, pred_qs, lambda g, p: float(_norm(g["text"]) == _norm(p["text"])), 1.0
        )
        q_exact[0] += len(exact_matched)
        q_exact[1] += len(pred_qs) - len(exact_matched)
        q_exact[2] += len(gold_qs) - len(exact_matched)

        # Alignment and directness over matched questions.
        matched_gold = {i: j for i, j, _s in matched}
        for i, gq in enumerate(gold_qs):
            gold_paras = set(gq["answer_paragraphs"])
            pq = pred_qs[matched_gold[i]] if i in matched_gold else None
            pred_paras = (
                paragraphs_of_spans(reply["text"], pq.get("answer_spans") or [])
                if pq is not None and paired and reply is not None
                else set()
            )
            tp = len(gold_paras & pred_paras)
            al_counts[0] += tp
            al_counts[1] += len(pred_paras - gold_paras)
            al_counts[2] += len(gold_paras - pred_paras)
            al_per_question.append(
                {"id": record["id"], "n": gq["n"], "gold": sorted(gold_paras), "pred": sorted(pred_paras)}
            )
            directness = (pq or {}).get("directness")
            if directness is None:
                n_missing_label += 1
                continue
            gold_labels.append(gq["label"])
            pred_labels.append(directness["label"])
            scores.append(float(directness["score"]))
            ordinal.append(ORDINAL[gq["label"]])

        # Mentions, per file.
        for side, fname in (("question", record["question_file"]), ("answer", record["answer_file"])):
            doc = next((d for d in docs if file_name(d) == fname), None)
            if doc is None and fname in by_file:
                other, other_pos = by_file[fname]
                doc = (other.get("documents") or [])[other_pos]
            for kind in MENTION_LABELS:
                gold_m = record["mentions"][side][kind]
                pred_m = (doc or {}).get(kind) or []
                _add(mentions[kind], score_mentions(kind, gold_m, pred_m))
                for label in MENTION_LABELS[kind]:
                    counts = score_mentions(
                        kind,
                        [g for g in gold_m if g.get("label") == label],
                        [p for p in pred_m if p.get("label") == label],
                    )
                    _add(mention_labels[kind], {label: counts["overlap"]})

    n_gold = len(gold)
    result: dict[str, Any] = {
        "n_gold_exchanges": n_gold,
        "n_pred_exchanges": len(predictions),
        "n_matched_exchanges": n_gold - len(missing),
        "unmatched_gold": missing,
        "questions": {**prf(*q_counts), "criterion": f"span IoU >= {QUESTION_IOU}", "exact": prf(*q_exact)},
        "pairing": {
            "correct": pair_correct,
            "total": n_gold,
            "accuracy": round(pair_correct / n_gold, 4) if n_gold else 0.0,
        },
        "alignment": {
            **prf(*al_counts),
            "n_questions": len(al_per_question),
            "per_question": al_per_question,
        },
        "directness": directness_figures(gold_labels, pred_labels, scores, ordinal, n_missing_label),
        "mentions": {
            kind: {
                **{crit: prf(*counts) for crit, counts in sorted(mentions[kind].items())},
                "per_label_overlap": {label: prf(*c) for label, c in sorted(mention_labels[kind].items())},
            }
            for kind in MENTION_LABELS
        },
    }
    return result


def directness_figures(
    gold_labels: list[str], pred_labels: list[str], scores: list[float], ordinal: list[int], n_missing: int
) -> dict[str, Any]:
    return {
        "n": len(gold_labels),
        "n_missing": n_missing,
        "accuracy": accuracy(gold_labels, pred_labels) if gold_labels else None,
        "macro_f1": macro_f1(gold_labels, pred_labels, LABELS) if gold_labels else None,
        "kappa": cohen_kappa(gold_labels, pred_labels, LABELS),
        "spearman": spearman(scores, [float(o) for o in ordinal]),
        "per_label": per_label_prf(gold_labels, pred_labels, LABELS),
        "confusion": confusion(gold_labels, pred_labels, LABELS),
    }


def evaluate(pred_path: Path, gold_path: Path) -> dict[str, Any]:
    """Read both files and score (see the module doc). The result is JSON-serialisable."""
    predictions = [r for r in read_jsonl(Path(pred_path)) if "documents" in r]
    gold = read_jsonl(Path(gold_path))
    result = evaluate_records(predictions, gold)
    result["predictions"] = str(pred_path)
    result["gold"] = str(gold_path)
    return result
