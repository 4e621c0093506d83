"""Metric functions on small hand-made inputs whose values are worked out by hand in the comments."""

from __future__ import annotations

import pytest

from debatt_nlp.evaluate.metrics import (
    average_ranks,
    cohen_kappa,
    confusion,
    iou,
    macro_f1,
    match_one_to_one,
    prf,
    spearman,
)

LABELS = ("reply", "partial", "non_reply")


def test_prf_counts() -> None:
    # P = 3/4, R = 3/6 = 0.5, F1 = 2*0.75*0.5/1.25 = 0.6
    got = prf(3, 1, 3)
    assert (got["precision"], got["recall"], got["f1"]) == (0.75, 0.5, 0.6)
    assert prf(0, 0, 0)["f1"] == 0.0


def test_kappa_two_by_two_textbook() -> None:
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # po = 35/50 = 0.7; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b, ("y", "n")) == pytest.approx(0.4)


def test_kappa_perfect_and_degenerate() -> None:
    gold = ["reply", "partial", "non_reply", "partial"]
    assert cohen_kappa(gold, gold, LABELS) == 1.0
    assert cohen_kappa(["partial"] * 3, ["partial"] * 3, LABELS) is None


def test_macro_f1_always_partial_matches_the_readme_baseline() -> None:
    # The dev distribution (reply 33, partial 44, non_reply 6): always "partial" gives
    # F1(partial) = 2*(44/83)*1/(44/83+1) = 88/127 and 0 for the others -> macro 0.231.
    gold = ["reply"] * 33 + ["partial"] * 44 + ["non_reply"] * 6
    pred = ["partial"] * 83
    assert macro_f1(gold, pred, LABELS) == pytest.approx(88 / 127 / 3, abs=1e-4)


def test_confusion_rows_are_gold() -> None:
    table = confusion(["reply", "partial"], ["partial", "partial"], LABELS)
    assert (
        table["reply"]["partial"] == 1 and table["partial"]["partial"] == 1 and table["partial"]["reply"] == 0
    )


def test_average_ranks_and_spearman_with_ties() -> None:
    assert average_ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert spearman([0.1, 0.4, 0.9], [0, 1, 2]) == 1.0
    assert spearman([0.9, 0.4, 0.1], [0, 1, 2]) == -1.0
    assert spearman([0.5, 0.5], [0, 1]) is None  # no variance in the scores
    # Ranks x = (1, 2, 3, 4), y = (1.5, 1.5, 3.5, 3.5): rho = 4/sqrt(5*4) = 0.8944
    assert spearman([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1]) == pytest.approx(0.8944, abs=1e-4)


def test_match_one_to_one_prefers_the_best_pair() -> None:
    gold = [(0, 10), (20, 30)]
    pred = [(0, 9), (1, 10), (21, 30)]
    matched = match_one_to_one(gold, pred, lambda g, p: iou(*g, *p), 0.5)
    assert [(g, p) for g, p, _s in matched] == [(0, 0), (1, 2)]  # (0,9) and (1,10) tie: the first wins
    assert match_one_to_one(gold, [(50, 60)], lambda g, p: iou(*g, *p), 0.5) == []
