"""evaluate_records / evaluate / format_report on small hand-made Swedish exchanges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from debatt_nlp.evaluate import evaluate, evaluate_records, format_report
from helpers import read_original

Q_TEXT = "Interpellation till statsrådet\n\n1. Avser statsrådet att höja anslaget?\n2. När kommer beslutet?\n"
A_TEXT = "Fru talman!\n\nJag avser inte att höja anslaget.\n\nBeslutet kommer i maj 2024.\n\nStockholm"


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _doc(name: str, text: str, role: str, **layers: Any) -> dict[str, Any]:
    return {
        "id": name,
        "text": text,
        "role": role,
        **{k: layers.get(k, []) for k in ("entities", "amounts", "dates")},
    }


def _question(n: int, needle: str, spans: list[str], label: str | None, score: float = 0.5) -> dict[str, Any]:
    s, e = _span(Q_TEXT, needle)
    answer = [dict(zip(("start", "end"), _span(A_TEXT, x), strict=True)) for x in spans]
    directness = None if label is None else {"label": label, "score": score}
    return {"n": n, "start": s, "end": e, "text": needle, "answer_spans": answer, "directness": directness}


def _gold() -> dict[str, Any]:
    q1 = _span(Q_TEXT, "Avser statsrådet att höja anslaget?")
    q2 = _span(Q_TEXT, "När kommer beslutet?")
    maj = _span(A_TEXT, "maj 2024")
    return {
        "id": "x-1",
        "question_file": "x_question.txt",
        "answer_file": "x_answer.txt",
        "questions": [
            {
                "n": 1,
                "text": Q_TEXT[q1[0] : q1[1]],
                "start": q1[0],
                "end": q1[1],
                "answer_paragraphs": [1],
                "label": "reply",
                "evasion_type": "explicit",
            },
            {
                "n": 2,
                "text": Q_TEXT[q2[0] : q2[1]],
                "start": q2[0],
                "end": q2[1],
                "answer_paragraphs": [2],
                "label": "reply",
                "evasion_type": "explicit",
            },
        ],
        "mentions": {
            "question": {"entities": [], "amounts": [], "dates": []},
            "answer": {
                "entities": [],
                "amounts": [],
                "dates": [
                    {"start": maj[0], "end": maj[1], "text": "maj 2024", "label": "DATE", "value": "2024-05"}
                ],
            },
        },
    }


def _prediction(questions: list[dict[str, Any]], dates: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": "x_question.txt",
        "documents": [
            _doc("x_question.txt", Q_TEXT, "interpellation"),
            _doc("x_answer.txt", A_TEXT, "reply", dates=dates or []),
        ],
        "questions": questions,
    }


def test_perfect_prediction_scores_one() -> None:
    maj = _span(A_TEXT, "maj 2024")
    pred = _prediction(
        [
            _question(
                1, "Avser statsrådet att höja anslaget?", ["Jag avser inte att höja anslaget."], "reply", 0.9
            ),
            _question(2, "När kommer beslutet?", ["Beslutet kommer i maj 2024."], "reply", 0.8),
        ],
        dates=[{"start": maj[0], "end": maj[1], "text": "maj 2024", "label": "DATE", "value": "2024-05"}],
    )
    r = evaluate_records([pred], [_gold()])
    assert r["questions"]["f1"] == 1.0 and r["pairing"]["accuracy"] == 1.0
    assert r["alignment"]["f1"] == 1.0
    assert r["directness"]["accuracy"] == 1.0
    assert r["mentions"]["dates"]["overlap_value"]["f1"] == 1.0


def test_errors_are_counted() -> None:
    # q1 aligned to both body paragraphs (1 fp), q2 to none (1 fn); q2 labelled wrongly; the date has a
    # wrong value: it overlaps (tp under `overlap`) but is wrong under `overlap_value`.
    maj = _span(A_TEXT, "maj 2024")
    pred = _prediction(
        [
            _question(
                1,
                "Avser statsrådet att höja anslaget?",
                ["Jag avser inte att höja anslaget.", "Beslutet kommer i maj 2024."],
                "reply",
            ),
            _question(2, "När kommer beslutet?", [], "non_reply"),
        ],
        dates=[{"start": maj[0], "end": maj[1] - 5, "text": "maj", "label": "DATE", "value": "XXXX-05"}],
    )
    r = evaluate_records([pred], [_gold()])
    al = r["alignment"]
    assert (al["tp"], al["fp"], al["fn"]) == (1, 1, 1)
    assert r["directness"]["accuracy"] == 0.5
    assert r["directness"]["confusion"]["reply"]["non_reply"] == 1
    dates = r["mentions"]["dates"]
    assert dates["overlap"]["tp"] == 1 and dates["exact"]["tp"] == 0 and dates["overlap_value"]["tp"] == 0


def test_matching_is_by_file_name_not_order() -> None:
    other = _prediction([])
    other["documents"] = [_doc("y_question.txt", "Annan text?", "interpellation")]
    good = _prediction([_question(1, "Avser statsrådet att höja anslaget?", [], "partial")])
    r = evaluate_records([other, good], [_gold()])
    assert r["n_matched_exchanges"] == 1
    assert r["questions"]["tp"] == 1 and r["questions"]["fn"] == 1


def test_unpaired_interpellation_fails_pairing_and_alignment() -> None:
    pred = _prediction(
        [_question(1, "Avser statsrådet att höja anslaget?", ["Jag avser inte att höja anslaget."], "reply")]
    )
    pred["documents"] = pred["documents"][:1]
    r = evaluate_records([pred], [_gold()])
    assert r["pairing"]["correct"] == 0
    assert r["alignment"]["tp"] == 0


def test_missing_exchange_counts_as_false_negatives() -> None:
    r = evaluate_records([], [_gold()])
    assert r["unmatched_gold"] == ["x-1"]
    assert r["questions"]["fn"] == 2 and r["alignment"]["fn"] == 2
    assert r["mentions"]["dates"]["overlap"]["fn"] == 1


def test_evaluate_reads_files_and_report_is_json_serialisable(tmp_path: Path) -> None:
    pred_path, gold_path = tmp_path / "pred.jsonl", tmp_path / "gold.jsonl"
    pred = _prediction(
        [_question(1, "Avser statsrådet att höja anslaget?", ["Jag avser inte att höja anslaget."], "reply")]
    )
    pred_path.write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    gold_path.write_text(json.dumps(_gold(), ensure_ascii=False) + "\n", encoding="utf-8")
    result = evaluate(pred_path, gold_path)
    json.dumps(result)
    text = format_report(result)
    assert "alignment" in text and "Cohen's kappa" in text and "Spearman" in text


@pytest.mark.usefixtures("riksdag_qa_dev")
def test_gold_scores_itself_perfectly(riksdag_qa_dev: Path) -> None:
    """Turning the dev gold into a prediction must give 1.0 everywhere: the reader and the paragraph
    convention agree with the gold files."""
    gold = [
        json.loads(line) for line in (riksdag_qa_dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    preds = []
    for g in gold[:6]:
        texts = {f: read_original(riksdag_qa_dev / f) for f in (g["question_file"], g["answer_file"])}
        docs = [
            {"id": g[key], "text": texts[g[key]], **g["mentions"][side]}
            for key, side in (("question_file", "question"), ("answer_file", "answer"))
        ]
        questions = [
            {**q, "answer_spans": q["answer_spans"], "directness": {"label": q["label"], "score": 0.5}}
            for q in g["questions"]
        ]
        preds.append({"id": g["id"], "documents": docs, "questions": questions})
    r = evaluate_records(preds, gold[:6])
    assert r["questions"]["exact"]["f1"] == 1.0
    assert r["alignment"]["f1"] == 1.0
    assert r["directness"]["accuracy"] == 1.0
    for kind in ("entities", "amounts", "dates"):
        assert r["mentions"][kind]["exact"]["f1"] in (1.0, 0.0)
        assert r["mentions"][kind]["exact"]["fp"] == 0 and r["mentions"][kind]["exact"]["fn"] == 0
