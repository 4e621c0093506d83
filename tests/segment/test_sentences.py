from __future__ import annotations

from debatt_nlp.segment.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_initials_and_list_markers_do_not_split() -> None:
    text = "Det gäller bl.a. Försäkringskassan, t.ex. i Malmö. K. Ernlund svarade. 1. Har du svarat?"
    assert sentences(text) == [
        "Det gäller bl.a. Försäkringskassan, t.ex. i Malmö.",
        "K. Ernlund svarade.",
        "1. Har du svarat?",
    ]


def test_lines_are_sentences_and_quotes_close_sentences() -> None:
    text = "Han sa: ”Sverige ska vara aktivt.” Sedan kom svaret.\nStockholm den 22 mars 2021"
    assert sentences(text) == [
        "Han sa: ”Sverige ska vara aktivt.”",
        "Sedan kom svaret.",
        "Stockholm den 22 mars 2021",
    ]


def test_lowercase_after_full_stop_does_not_split() -> None:
    assert sentences("Det kostar 3.5 mnkr och ca. tio personer berörs.") == [
        "Det kostar 3.5 mnkr och ca. tio personer berörs."
    ]
