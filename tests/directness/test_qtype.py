"""Question typing from Swedish surface form: each form implies an expected answer."""

from __future__ import annotations

import pytest

from debatt_nlp.directness import type_question


@pytest.mark.parametrize(
    ("question", "category", "expected"),
    [
        ("Har statsrådet fört samtal med Region Stockholm om anslaget?", "factual_polar", "yes_no"),
        ("Finns det några planer på att bygga ut Norrbotniabanan?", "factual_polar", "yes_no"),
        (
            "Avser ministern att ta initiativ till en översyn av assistansersättningen?",
            "intention",
            "commitment_or_refusal",
        ),
        ("Kommer statsrådet att verka för en sänkt skatt på diesel?", "intention", "commitment_or_refusal"),
        (
            "Är statsrådet beredd att ta initiativ till en utvärdering av reformen?",
            "intention",
            "commitment_or_refusal",
        ),
        (
            "Anser statsrådet att nuvarande regler för vapenlicenser är tillräckliga?",
            "stance_polar",
            "stance",
        ),
        ("Vilka åtgärder avser statsrådet att vidta för att korta vårdköerna?", "measures", "measures"),
        ("På vilket sätt avser ministern att säkerställa att tågen går i tid?", "measures", "measures"),
        ("När kommer regeringen att presentera förslaget om en ny polisutbildning?", "time", "date"),
        ("Hur många poliser kommer att anställas i Norrbotten under 2024?", "amount", "amount"),
        ("Hur mycket pengar har regeringen avsatt för ändamålet?", "amount", "amount"),
        ("Varför har regeringen valt att inte höja anslaget till Försäkringskassan?", "reason", "reason"),
        ("Vad tycker statsrådet om att Region Stockholm bryter mot överenskommelsen?", "opinion", "stance"),
        ("Hur ser statsrådet på de växande vårdköerna i glesbygden?", "opinion", "stance"),
        ("Vilka slutsatser drar statsrådet av Riksrevisionens rapport?", "opinion", "stance"),
    ],
)
def test_single_part_forms(question: str, category: str, expected: str) -> None:
    qtype = type_question(question)
    assert not qtype.multi
    assert qtype.category == category
    assert qtype.expected_answer == expected


def test_list_marker_is_ignored() -> None:
    assert type_question("2. Varför dröjer beslutet?").category == "reason"


def test_conditional_follow_up_is_a_second_part() -> None:
    question = "Avser statsrådet att höja bostadsbidraget, och om inte, varför?"
    qtype = type_question(question)
    assert qtype.multi
    first, second = qtype.parts
    assert (first.category, second.category) == ("intention", "reason")
    assert not first.conditional and second.conditional
    assert qtype.expected_answer == "commitment_or_refusal + reason"
    for part in qtype.parts:
        assert question[part.start : part.end] == part.text


def test_in_that_case_when() -> None:
    qtype = type_question("Kommer ministern att verka för en folkomröstning, och i så fall när?")
    assert [p.category for p in qtype.parts] == ["intention", "time"]
    assert qtype.parts[1].conditional


def test_coordinated_wh_questions() -> None:
    qtype = type_question(
        "Hur ser statsrådet på utvecklingen av skolsegregationen, och vilka åtgärder avser statsrådet att vidta?"
    )
    assert [p.category for p in qtype.parts] == ["opinion", "measures"]
    assert qtype.label == "multi: wh/opinion + wh/measures"


def test_preface_is_skipped() -> None:
    qtype = type_question(
        "Mot bakgrund av Riksrevisionens granskning, vilka åtgärder avser statsrådet att vidta?"
    )
    assert qtype.category == "measures"


def test_statement_without_interrogative_form() -> None:
    assert type_question("Regeringen bör agera nu.").category == "other"
