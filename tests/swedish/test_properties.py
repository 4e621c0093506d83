"""Property tests: the extractors never raise on arbitrary text, and every span's offsets hold."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatt_nlp.swedish.amounts import extract_amounts
from debatt_nlp.swedish.numbers import MatchText, parse_number
from debatt_nlp.swedish.timex import extract_dates

# Pieces that make the rules fire, so that random text reaches the interesting branches: number
# and scale words, currencies, months, seasons, separators, and the characters PDF extraction
# leaves behind (no-break and thin spaces, soft hyphens, zero-width spaces, CR LF).
TOKENS = [
    "1", "20", "2021", "54,7", "1 200", "3\u00a0500", "½", "tre", "tjugofem", "en halv", "ett par",
    "miljoner", "miljarder", "tusen", "kronor", "kr", "SEK", "mnkr", "Mkr", "öre", "euro", "€", "$",
    "%", "procent", "procentenheter", "drygt", "cirka", "knappt", "högst", "mellan", "och", "till",
    "per", "invånare", "år", "åren", "mars", "den", "våren", "i höstas", "i fjol", "i dag", "kvartalet",
    "tredje", "1990-talet", "KS", "2021/417", "2017:725", "2018/19:260", "§", "kap.", "snart",
    "–", "-", "/", ":", ",", ".", "(", ")", " ", "\u00a0", "\u202f", "\u2009", "\u00ad", "\u200b",
    "\n", "\r\n", "\n\n", "\t", "Å", "ä", "ö", "é",
]  # fmt: skip
ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Z"),
    include_characters="åäöÅÄÖ0123456789 ,.:/-–%\u00a0\u202f\u00ad\u200b\n\r",
)
swedishish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(ALPHABET, max_size=6)), max_size=40).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)
)
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(swedishish, st.text(max_size=80)))
def test_amounts_never_raise_and_offsets_hold(text: str) -> None:
    for a in extract_amounts(text):
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start : a.end] == a.text


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(swedishish, st.text(max_size=80)), anchor=anchors)
def test_dates_never_raise_and_offsets_hold(text: str, anchor: dt.date | None) -> None:
    for d in extract_dates(text, anchor):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        if d.relative and d.anchor is not None:
            assert anchor is not None and d.anchor == anchor.isoformat()


@settings(max_examples=100, deadline=None)
@given(text=swedishish)
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0


@settings(max_examples=100, deadline=None)
@given(text=swedishish)
def test_match_text_maps_every_span_back(text: str) -> None:
    mt = MatchText(text)
    for start in range(0, len(mt.norm), 3):
        end = min(len(mt.norm), start + 4)
        s, e = mt.span(start, end)
        assert 0 <= s <= e <= len(text)
        # the original stretch, with the invisible characters dropped, is the normalised one
        visible = "".join(ch for ch in text[s:e] if ch not in "\u00ad\u200b\u200c\u200d\u2060\ufeff")
        assert len(visible) == end - start


@settings(max_examples=60, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=999_999_999),
    sep=st.sampled_from([" ", "\u00a0", "\u202f"]),
    unit=st.sampled_from(["kronor", "kr", "SEK"]),
)
def test_grouped_digits_round_trip(value: int, sep: str, unit: str) -> None:
    # a number written with Swedish thousands separators reads back as itself
    digits = f"{value:,}".replace(",", sep)
    text = f"Kostnaden är {digits} {unit} enligt beräkningen."
    (amount,) = [a for a in extract_amounts(text) if a.label.value == "MONEY"]
    assert amount.value == value and amount.unit == "SEK"
    assert amount.text == f"{digits} {unit}"


def test_long_unpunctuated_text_stays_fast() -> None:
    # one "sentence" of 3 000 amounts and 3 000 dates: the per-sentence context must not be
    # recomputed per mention (it took 37 s before it was cached); generous bound for a busy CPU
    text = "tre miljoner och den 3 mars i " * 3000
    started = time.perf_counter()
    amounts = extract_amounts(text)
    dates = extract_dates(text, dt.date(2021, 3, 22))
    assert len(amounts) == 3000 and len(dates) == 3000
    assert time.perf_counter() - started < 8.0


@pytest.mark.parametrize(
    "anchor", [dt.date(9999, 12, 31), dt.date(1, 1, 1), "0001-01-01", "2021-02-30", 20210322]
)
def test_absurd_anchors_count_as_none(anchor: object) -> None:
    text = "i höstas, i vår, nästa år, i fjol, den 3 april, förra veckan, i morgon, på måndag, årsskiftet"
    dates = extract_dates(text, anchor)  # type: ignore[arg-type]
    assert dates and all(d.anchor is None for d in dates)


def test_overflowing_numbers_are_no_amounts() -> None:
    text = "9" * 400 + " kronor och " + "9" * 400 + " miljarder kronor samt 5 kronor"
    assert [a.value for a in extract_amounts(text)] == [5]
