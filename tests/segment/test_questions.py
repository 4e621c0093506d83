"""Question items: numbered, bulleted, unmarked lines and prose; background questions excluded."""

from __future__ import annotations

from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.segment.questions import find_restated_questions, split_questions
from helpers import SEED_REPLY, read_original


def items(text: str) -> list[tuple[str, str]]:
    clean = repair(text).clean
    return [(clean[q.start : q.end], q.marker) for q in split_questions(clean)]


BACKGROUND = (
    "Interpellation 2017/18:103 Effekter av elcykelpremien av Maria Malmer Stenergard (M) till Statsrådet "
    "Isabella Lövin (MP)\n\nKlimathotet är akut. Men vad kostar det egentligen? Mycket talar för att "
    "branschen klarar sig väl utan subventioner.\n\n"
)


def test_numbered_items() -> None:
    text = BACKGROUND + (
        "Mina frågor till justitieminister Beatrice Ask är:\n\n"
        "1. Avser ministern att vidta åtgärder med anledning av Riksrevisionens rekommendationer?\n"
        "2. Avser ministern att ta initiativ till en uppföljning av påföljdsreformen?\n"
    )
    assert items(text) == [
        ("Avser ministern att vidta åtgärder med anledning av Riksrevisionens rekommendationer?", "numbered"),
        ("Avser ministern att ta initiativ till en uppföljning av påföljdsreformen?", "numbered"),
    ]


def test_bulleted_items_with_en_dash_and_double_marker() -> None:
    text = BACKGROUND + (
        "Med anledning av ovanstående vill jag fråga kulturminister Parisa Liljestrand:\n\n"
        "– Har ministern för avsikt att införa anmälningsplikt för bibliotekarier?\n"
        "– 2. Hur avser ministern att säkerställa att folkbiblioteken fortsatt ska vara ”öppna för alla”?\n"
    )
    assert items(text) == [
        ("Har ministern för avsikt att införa anmälningsplikt för bibliotekarier?", "bulleted"),
        (
            "Hur avser ministern att säkerställa att folkbiblioteken fortsatt ska vara ”öppna för alla”?",
            "numbered",
        ),
    ]


def test_prose_question_after_cue_and_background_question_excluded() -> None:
    text = BACKGROUND + (
        "Med anledning av ovanstående vill jag fråga statsrådet Isabella Lövin:\n\n"
        "Vilka utsläppseffekter bedöms elcykelpremien ha? Avser statsrådet att låta utvärdera premien?"
    )
    assert items(text) == [
        ("Vilka utsläppseffekter bedöms elcykelpremien ha?", "prose"),
        ("Avser statsrådet att låta utvärdera premien?", "prose"),
    ]


def test_question_in_the_cue_sentence_itself() -> None:
    text = BACKGROUND + "Jag vill därför fråga statsrådet om hon avser att ta initiativ till en utvärdering?"
    assert items(text) == [
        ("Jag vill därför fråga statsrådet om hon avser att ta initiativ till en utvärdering?", "prose")
    ]


def test_unmarked_list_one_question_per_line() -> None:
    text = BACKGROUND + (
        "Jag vill därför ställa tre frågor till socialministern.\n\n"
        "Pågår förberedelser för åtgärder? Skulle de omfatta även städfunktioner?\n"
        "Kommer åtgärderna att innebära förbud mot hyrda lokaler?\n"
    )
    assert items(text) == [
        ("Pågår förberedelser för åtgärder? Skulle de omfatta även städfunktioner?", "line"),
        ("Kommer åtgärderna att innebära förbud mot hyrda lokaler?", "line"),
    ]


def test_without_cue_the_trailing_questions_count_and_signature_is_excluded() -> None:
    text = (
        "Interpellation till skolborgarrådet Isabel Smedberg-Palmqvist (M) om skolmaten\n\n"
        "Vem ansvarar egentligen? Skolmaten har blivit sämre.\n\n"
        "Vilka åtgärder avser skolborgarrådet att vidta?\n\nStockholm den 1 mars 2021\n\nKarin Gustafsson (S)"
    )
    assert items(text) == [("Vilka åtgärder avser skolborgarrådet att vidta?", "prose")]


def test_no_questions_gives_no_items() -> None:
    assert items("Interpellation till borgarrådet X (M) om skolan\n\nSkolan behöver mer resurser.") == []


def test_seed_reply_restatements() -> None:
    clean = repair(read_original(SEED_REPLY)).clean
    restated = find_restated_questions(clean)
    assert [r.n for r in restated] == [1, 2, 3]
    assert clean[restated[2].start : restated[2].end].startswith("Kommer arbetsmarknadsborgarrådet")
    assert clean[restated[2].start : restated[2].end].endswith("ska fortsätta gälla?")
