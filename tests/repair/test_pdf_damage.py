"""PDF-damage repair: the clean view is readable and every clean span maps back to the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debatt_nlp.repair.pdf_damage import repair
from helpers import SEED_INTERPELLATION, SEED_REPLY, read_original


def test_repeated_party_header_in_mid_sentence_is_removed_and_joined() -> None:
    text = read_original(SEED_INTERPELLATION)
    repaired = repair(text)
    assert "Socialdemokraterna" not in repaired.clean
    assert "lika för alla medlemmar har inte de övriga medlemmarna" in repaired.clean
    joined = [r for r in repaired.repairs if r.rule == "page_break_join"]
    assert len(joined) == 1 and "Socialdemokraterna" in joined[0].text


def test_hard_line_breaks_and_trailing_spaces_are_joined() -> None:
    repaired = repair(read_original(SEED_REPLY))
    assert (
        "Har arbetsmarknadsborgarrådet Karin Ernlund (C) fört samtal med sina blågröna partikollegor"
        in repaired.clean
    )
    assert "  " not in repaired.clean
    # The title is one line, the Dnr line stays its own line.
    assert "Stockholms stads utveckling\nDnr KS 2021/417" in repaired.clean


def test_whitespace_only_lines_separate_paragraphs() -> None:
    repaired = repair(read_original(SEED_REPLY))
    starts = [repaired.clean[p.clean_start : p.clean_start + 25] for p in repaired.paragraphs]
    assert starts[:3] == [
        "Svar på Interpellation av",
        "Interpellanten har ställt",
        "1. Har arbetsmarknadsborg",
    ]


def test_hyphenation_at_line_end_is_removed_but_not_before_och() -> None:
    text = (
        "Regeringen har gett Försäkrings-\nkassan i uppdrag att stärka hälso-\noch sjukvården i hela landet."
    )
    repaired = repair(text)
    assert repaired.clean == (
        "Regeringen har gett Försäkringskassan i uppdrag att stärka hälso- och sjukvården i hela landet."
    )
    assert [r.rule for r in repaired.repairs] == ["dehyphenate"]
    start = repaired.clean.index("Försäkringskassan")
    assert repaired.original_slice(start, start + len("Försäkringskassan")) == "Försäkrings-\nkassan"


def test_page_numbers_and_form_feeds() -> None:
    text = "Kommunen har inte fått de medel som\n\n2 (3)\n\f\nutlovades i budgeten för 2022.\n\nNästa stycke."
    repaired = repair(text)
    assert (
        repaired.clean
        == "Kommunen har inte fått de medel som utlovades i budgeten för 2022.\n\nNästa stycke."
    )
    assert {r.rule for r in repaired.repairs} == {"page_number", "page_break_join"}


def test_list_items_keep_their_own_lines() -> None:
    text = "Jag vill fråga ministern:\n1. Avser ministern att\nagera?\n2. När?\n"
    assert repair(text).clean == "Jag vill fråga ministern:\n1. Avser ministern att agera?\n2. När?"


def test_paragraph_offsets_are_original() -> None:
    text = read_original(SEED_REPLY)
    repaired = repair(text)
    for paragraph in repaired.paragraphs:
        assert text[paragraph.start : paragraph.end].strip() == text[paragraph.start : paragraph.end]
        assert (
            repaired.original_slice(paragraph.clean_start, paragraph.clean_end)
            == text[paragraph.start : paragraph.end]
        )


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab Åö.-?\n\n\f \u00a0\t1(S)Socialdemokraterna")),
        max_size=300,
    )
)
def test_any_clean_span_maps_to_a_valid_original_span(text: str) -> None:
    repaired = repair(text)
    assert len(repaired.offsets) == len(repaired.clean) + 1
    assert list(repaired.offsets) == sorted(repaired.offsets)
    for start in range(0, len(repaired.clean), 3):
        for end in range(start, min(len(repaired.clean), start + 20) + 1, 4):
            o_start, o_end = repaired.to_original(start, end)
            assert 0 <= o_start <= o_end <= len(text)
            # Every non-space character of the clean span is in the original span, in order.
            original = text[o_start:o_end]
            pos = 0
            for ch in repaired.clean[start:end].replace(" ", "").replace("\n", ""):
                pos = original.find(ch, pos) + 1
                assert pos > 0
