"""Swedish numbers: digits with Swedish separators, number words, scale words, ordinals."""

from __future__ import annotations

import re

import pytest

from debatt_nlp.swedish.numbers import (
    MatchText,
    number_re,
    parse_digits,
    parse_number,
    parse_number_word,
    parse_ordinal,
)

NUMBERS = [
    # digits with Swedish separators
    ("1 200 000", 1_200_000),
    ("1\u00a0200\u00a0000", 1_200_000),  # no-break space
    ("1\u202f200\u202f000", 1_200_000),  # narrow no-break space
    ("3 500", 3_500),
    ("54,7", 54.7),
    ("0,10", 0.1),
    ("3,50", 3.5),
    ("13,4", 13.4),
    ("2020", 2020),
    ("26 690 739", 26_690_739),
    ("1.200.000", 1_200_000),
    ("1 ½", 1.5),
    ("½", 0.5),
    # number words
    ("tre", 3),
    ("femtio", 50),
    ("tjugofem", 25),
    ("åtta", 8),
    ("två", 2),
    ("nio", 9),
    ("tolv", 12),
    ("nitton", 19),
    ("trettio", 30),
    ("hundra", 100),
    ("tusen", 1000),
    ("etthundra", 100),
    ("tvåhundra", 200),
    ("tvåhundrafemtio", 250),
    ("hundratusen", 100_000),
    ("tretusenfemhundra", 3500),
    ("elvahundra", 1100),
    ("fyrtiotvå", 42),
    ("Tjugofem", 25),
    # fractions and idioms
    ("en halv", 0.5),
    ("ett halvt", 0.5),
    ("ett par", 2),
    ("en och en halv", 1.5),
    ("tre och en halv", 3.5),
    ("halvannan", 1.5),
    # with scale words
    ("54,7 miljoner", 54_700_000),
    ("32 miljoner", 32_000_000),
    ("tre miljarder", 3_000_000_000),
    ("en halv miljon", 500_000),
    ("en och en halv miljard", 1_500_000_000),
    ("1 ½ miljon", 1_500_000),
    ("1,4 miljoner", 1_400_000),
    ("13,7 miljarder", 13_700_000_000),
    ("ett par miljoner", 2_000_000),
    ("400 tusen", 400_000),
    ("en kvarts miljard", 250_000_000),
    ("2 miljarderna", 2_000_000_000),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "kalle",
        "tretre",
        "miljoner",
        "2017:725",
        "KS 2021/417",
        "1 20 00",
        "tre kronor",
        "12a",
        "tiotals",
    ],
)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("tjugoett", 21),
        ("sjuttiofem", 75),
        ("nittionio", 99),
        ("niotio", None),
        ("femfem", None),
        ("sextio", 60),
    ],
)
def test_parse_number_word(word: str, expected: int | None) -> None:
    assert parse_number_word(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tredje", 3),
        ("första", 1),
        ("elfte", 11),
        ("1:a", 1),
        ("3:e", 3),
        ("21:a", 21),
        ("4.", 4),
        ("tre", None),
    ],
)
def test_parse_ordinal(text: str, expected: int | None) -> None:
    assert parse_ordinal(text) == expected


def test_parse_digits_rejects_words() -> None:
    assert parse_digits("tre") is None
    assert parse_digits("1 200,5") == pytest.approx(1200.5)


def test_number_pattern_skips_references() -> None:
    text = "SOU 2004:64, KS 2021/417, prop. 2019/20:1, SFS 2017:725 och 1 200 000 kr samt tjugofem"
    found = [m.group(0) for m in re.finditer(number_re(), text, re.IGNORECASE)]
    assert found == ["1 200 000", "tjugofem"]


def test_match_text_maps_soft_hyphens_back() -> None:
    text = "må\u00adnad 1\u00a0000 subven\u00adtioner"
    mt = MatchText(text)
    assert mt.norm == "månad 1 000 subventioner"
    start = mt.norm.index("subventioner")
    s, e = mt.span(start, start + len("subventioner"))
    assert text[s:e] == "subven\u00adtioner"
    s, e = mt.span(6, 11)
    assert text[s:e] == "1\u00a0000"
    s, e = mt.span(0, 5)
    assert text[s:e] == "må\u00adnad"
