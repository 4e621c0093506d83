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


def test_word_markup_around_bullets_is_not_part_of_the_item() -> None:
    # Interpellation 2006/07:57: the Riksdag's Word-HTML export left conditional comments around
    # the list markers.
    text = BACKGROUND + (
        "Mot bakgrund av detta vill jag fråga ansvarigt statsråd följande:\n\n"
        "– <![if !supportLists]>- <![endif]>Vad avser statsrådet att göra med den nationella "
        "kunskapsbank som i dag finns inom ALI?\n"
        "– <![if !supportLists]>· <![endif]>Har statsrådet någon plan för hur utbildning och "
        "information om arbetsmiljö och arbetslivets villkor ska bedrivas i fortsättningen?\n"
        "<![if !supportLists]>3. <![endif]>Hur definierar försvarsministern klustervapen?<![if !vml]> <![endif]>\n"
    )
    assert items(text) == [
        (
            "Vad avser statsrådet att göra med den nationella kunskapsbank som i dag finns inom ALI?",
            "bulleted",
        ),
        (
            "Har statsrådet någon plan för hur utbildning och information om arbetsmiljö och "
            "arbetslivets villkor ska bedrivas i fortsättningen?",
            "bulleted",
        ),
        ("Hur definierar försvarsministern klustervapen?", "numbered"),
    ]


def test_empty_word_paragraph_after_the_list_does_not_hide_it() -> None:
    # Interpellation 2005/06:67 ends with its list, no cue, then an empty Word paragraph.
    text = BACKGROUND + (
        "Bara i Stockholmsområdet har HSB noterat fem försäljningar sedan i juni i år.\n\n"
        "1. Har statsrådet uppmärksammat problemet med paketering inom ramen för den ekonomiska "
        "brottsligheten?\n"
        "2. Vad avser statsrådet att vidta för åtgärder för att komma till rätta med denna "
        "försäljningsmetod?\n\n<![if !supportEmptyParas]> <![endif]>\n"
    )
    assert [marker for _, marker in items(text)] == ["numbered", "numbered"]
    assert items(text)[1][0].startswith("Vad avser statsrådet") and items(text)[1][0].endswith("metod?")


def test_questions_whose_numbers_were_lost_lead_the_list() -> None:
    # Interpellation 1999/2000:306: the source lost "1." but kept "2.".
    text = BACKGROUND + (
        "Mot bakgrund av ovanstående frågar jag miljöministern:\n\n"
        "Är miljöministern beredd att ta initiativ till att beskatta förbränning av avfall?\n"
        "2. Vilka initiativ planerar miljöministern vidta för att Sverige ska klara förslagen till nya "
        "avfallsförbränningsdirektiv inom EU?\n"
    )
    assert items(text) == [
        ("Är miljöministern beredd att ta initiativ till att beskatta förbränning av avfall?", "line"),
        (
            "Vilka initiativ planerar miljöministern vidta för att Sverige ska klara förslagen till nya "
            "avfallsförbränningsdirektiv inom EU?",
            "numbered",
        ),
    ]


def test_a_list_starting_at_one_takes_no_unmarked_question_before_it() -> None:
    text = BACKGROUND + (
        "Jag vill fråga utrikesministern:\n\nVad händer nu?\n"
        "1. Hur definierar försvarsministern klustervapen?\n"
    )
    assert items(text) == [("Hur definierar försvarsministern klustervapen?", "numbered")]


def test_earlier_block_counts_when_the_last_cue_asks_no_question() -> None:
    # Interpellation 2005/06:25: the closing "Min fråga … blir därför vilka åtgärder …" has no "?".
    text = BACKGROUND + (
        "Som jag ser det vore detta en tveksam gränsdragning som ger upphov till många nya frågor:\n\n"
        "– <![if !supportLists]>- <![endif]>Omfattas djur som vanligtvis är hägnade men som vid "
        "angreppstillfället är utanför?\n"
        "– <![if !supportLists]>- <![endif]>Varför ställer jordbruksministern tamdjur mot varandra i "
        "skyddsbehovssynpunkt?\n\n"
        "Min fråga till jordbruksministern blir därför vilka åtgärder statsrådet tänker vidta för att "
        "djurägare ska kunna freda sina tamdjur vid ett direkt rovdjursangrepp.\n"
    )
    assert [t.split()[0] for t, _ in items(text)] == ["Omfattas", "Varför"]


def test_background_list_before_the_closing_cue_is_not_items() -> None:
    # Interpellation 2003/04:130 (the TEI marks the background list too; the closing block counts).
    text = BACKGROUND + (
        "Då anser Vänsterpartiet att följande frågor bör bli besvarade:\n\n"
        "– Har de angivna målen med avregleringen och konkurrensutsättningen nåtts?\n"
        "– Vad är bäst för resenären och godstransportköparen?\n\n"
        "Jag vill fråga ministern:\n\n"
        "– 1.När avser ministern att ta inititiv till att tillsätta en utredning för att utvärdera "
        "avregleringen av järnvägstrafiken?\n"
    )
    assert items(text) == [
        (
            "När avser ministern att ta inititiv till att tillsätta en utredning för att utvärdera "
            "avregleringen av järnvägstrafiken?",
            "numbered",
        )
    ]


def test_first_item_glued_to_the_cue_line() -> None:
    # Interpellation 2019/20:164: "1." follows the cue's colon on the same line.
    text = BACKGROUND + (
        "Mina frågor till finansminister Magdalena Andersson är därför:1. Avser ministern att inkludera "
        "en kilometerskatt i den gröna skatteväxlingen?\n\n"
        "2. Vilka ytterligare skattehöjningar är aktuella att införa under mandatperioden?\n"
    )
    assert items(text) == [
        ("Avser ministern att inkludera en kilometerskatt i den gröna skatteväxlingen?", "line"),
        ("Vilka ytterligare skattehöjningar är aktuella att införa under mandatperioden?", "numbered"),
    ]
