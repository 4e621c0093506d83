"""Directness labels, components and evidence on Swedish replies written for the test, and on the seeds.

Each case states what GUIDELINES.md (riksdag-qa) says the label should be; the reply texts are short
ministerial answers in the chamber's style."""

from __future__ import annotations

import json

import pytest

from debatt_nlp.align import align_questions
from debatt_nlp.directness import score_directness
from debatt_nlp.evaluate.gold import build_document, document_from_text, questions_from_gold
from debatt_nlp.schema import Directness, Document, Question
from helpers import REPO, SEED_INTERPELLATION, SEED_REPLY

INTERPELLATION = (
    "Interpellation 2023/24:5 till socialministern om assistansersättningen\n\nBakgrund.\n\n1. {q}\n"
)
HEAD = "Fru talman! Anna Svensson har frågat mig {restated}\n\n"
END = "\n\nStockholm den 3 maj 2023\n\nKarin Berg"

Q_INTENTION = "Avser statsrådet att ta initiativ till en ändring av reglerna för assistansersättningen?"
R_INTENTION = "om jag avser att ta initiativ till en ändring av reglerna för assistansersättningen."
Q_AMOUNT = "Hur många personer har fått sin assistansersättning indragen sedan 2020?"
R_AMOUNT = "hur många personer som har fått sin assistansersättning indragen sedan 2020."
Q_MEASURES = "Vilka åtgärder avser statsrådet att vidta för att korta vårdköerna i Region Stockholm?"
R_MEASURES = "vilka åtgärder jag avser att vidta för att korta vårdköerna i Region Stockholm."


def score(question: str, restated: str, body: str) -> tuple[Directness, Document]:
    interpellation = document_from_text(INTERPELLATION.format(q=question), "interpellation")
    start = interpellation.text.index(question)
    q = Question(
        start=start, end=start + len(question), text=question, n=1, marker="numbered", clean_text=question
    )
    reply = document_from_text(HEAD.format(restated=restated) + body + END, "reply")
    [aligned] = align_questions([q], interpellation, reply)
    result = score_directness(aligned, reply)
    for ev in result.evidence:
        assert reply.text[ev.start : ev.end] == ev.text
    for component in result.components:
        for ev in component.evidence:
            assert reply.text[ev.start : ev.end] == ev.text
    assert 0.0 <= result.score <= 1.0
    return result, reply


def component(result: Directness, name: str) -> float | bool | None:
    return next(c.value for c in result.components if c.name == name)


def rules(result: Directness) -> set[str]:
    return {ev.rule for ev in result.evidence}


# ---- reply -------------------------------------------------------------------------------------------


def test_clear_commitment_is_a_reply() -> None:
    result, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Regeringen avser att ändra reglerna för assistansersättningen. En lagrådsremiss om ändrade regler "
        "för assistansersättningen kommer att beslutas i juni 2024.",
    )
    assert (result.label, result.evasion_type) == ("reply", "explicit")
    assert any(r.startswith("fulfils.commitment_or_refusal") for r in rules(result))
    assert result.question_type == "polar/intention"


def test_clear_no_is_a_reply() -> None:
    # GUIDELINES.md: an unambiguous no to a "do you intend to" question is a reply.
    result, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Jag avser inte att ta initiativ till någon ändring av reglerna för assistansersättningen.",
    )
    assert result.label == "reply"
    assert any(r.endswith(".denial") for r in rules(result))


def test_the_number_asked_for_is_a_reply() -> None:
    result, _ = score(
        Q_AMOUNT,
        R_AMOUNT,
        "Enligt Försäkringskassan har 1 200 personer fått sin assistansersättning indragen sedan 2020.",
    )
    assert result.label == "reply"
    assert "fulfils.amount" in rules(result)


# ---- non-reply cues, with scope ------------------------------------------------------------------------


def test_declining_to_preempt_an_inquiry_is_a_non_reply() -> None:
    result, reply = score(
        Q_INTENTION,
        R_INTENTION,
        "Regeringen har tillsatt en utredning om assistansersättningen. Det är inte lämpligt att jag "
        "föregriper utredningens arbete med reglerna för assistansersättningen.",
    )
    assert (result.label, result.evasion_type) == ("non_reply", "declining")
    assert component(result, "non_reply_cues") == 1.0
    declining = [ev for ev in result.evidence if ev.rule == "nonreply.declining"]
    assert declining and "föregrip" in reply.text[declining[0].start : declining[0].end + 20]


@pytest.mark.parametrize(
    "body",
    [
        "Reglerna för assistansersättningen är viktiga för många. Jag avser att återkomma till riksdagen "
        "i frågan om assistansersättningen.",
        "Frågan om reglerna för assistansersättningen bereds för närvarande i Regeringskansliet.",
    ],
)
def test_deferral_without_content_is_a_non_reply(body: str) -> None:
    result, _ = score(Q_INTENTION, R_INTENTION, body)
    assert result.label == "non_reply"
    assert component(result, "non_reply_cues") == 0.5
    assert "nonreply.deferral" in rules(result)


def test_claims_ignorance() -> None:
    result, _ = score(
        Q_AMOUNT,
        R_AMOUNT,
        "Jag har inga uppgifter om hur många personer som har fått sin assistansersättning indragen sedan 2020.",
    )
    assert (result.label, result.evasion_type) == ("non_reply", "claims_ignorance")


def test_jurisdiction_shift_is_a_non_reply() -> None:
    result, _ = score(
        Q_MEASURES,
        R_MEASURES,
        "Vårdköerna i Region Stockholm är en fråga för regionen. Det är regionen som ansvarar för att "
        "prioritera vården.",
    )
    assert result.label == "non_reply"
    assert "nonreply.jurisdiction" in rules(result)


def test_off_topic_deferral_does_not_undo_a_commitment() -> None:
    # The deferral cue governs a sentence about another matter (interpreters in court).
    result, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Regeringen avser att ändra reglerna för assistansersättningen redan i år. Ersättningen till "
        "tolkar i domstol bereds däremot fortfarande i Regeringskansliet.",
    )
    assert result.label == "reply"


# ---- generality ----------------------------------------------------------------------------------------


def test_hedging_without_content_is_partial_general() -> None:
    result, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Vi arbetar aktivt med frågor om assistansersättningen. Det är viktigt att personer med "
        "funktionsnedsättning får det stöd de behöver. Regeringen följer utvecklingen noga.",
    )
    assert (result.label, result.evasion_type) == ("partial", "general")
    assert component(result, "generality") == 1.0  # three hedging cues saturate G
    assert component(result, "expected_answer_fulfilment") == 0.0


def test_label_and_score_agree() -> None:
    commitment, _ = score(
        Q_INTENTION, R_INTENTION, "Regeringen avser att ändra reglerna för assistansersättningen redan i år."
    )
    hedge, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Vi arbetar aktivt med frågor om assistansersättningen. Det är viktigt att alla får stöd.",
    )
    declining, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Det är inte lämpligt att jag föregriper utredningens arbete med reglerna för assistansersättningen.",
    )
    assert commitment.score > hedge.score > declining.score
    assert commitment.scheme_version == hedge.scheme_version


# ---- the seeds -----------------------------------------------------------------------------------------


def test_seed_labels_match_the_seed_gold() -> None:
    """corpus/seeds-gold.jsonl (annotated by hand, rationale in docs/directness.md): all three partial."""
    record = json.loads((REPO / "corpus" / "seeds-gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    interpellation = build_document(SEED_INTERPELLATION, "interpellation")
    reply = build_document(SEED_REPLY, "reply")
    aligned = align_questions(questions_from_gold(record, interpellation.text), interpellation, reply)
    labels = [score_directness(q, reply).label for q in aligned]
    assert labels == [q["label"] for q in record["questions"]]
    types = [score_directness(q, reply).question_type for q in aligned]
    assert types == ["polar/factual_polar", "wh/opinion", "polar/intention"]


def test_measures_question_needs_the_measure_on_topic() -> None:
    concrete, _ = score(
        Q_MEASURES,
        R_MEASURES,
        "Regeringen har gett Socialstyrelsen i uppdrag att korta vårdköerna i Region Stockholm, och "
        "regionen får 300 miljoner kronor för att korta vårdköerna under 2024.",
    )
    assert concrete.label == "reply"
    assert concrete.expected_answer == "measures"
    vague, _ = score(
        Q_MEASURES,
        R_MEASURES,
        "Vårdköerna i Region Stockholm är för långa. Vi arbetar aktivt med frågan och det är viktigt att "
        "alla regioner tar sitt ansvar.",
    )
    assert vague.label == "partial"


def test_returning_with_a_proposal_is_a_commitment_not_a_deferral() -> None:
    # "återkomma … med förslag" contains the deferral trigger "avser att återkomma" but commits to a
    # proposal: the longer cue wins, as in ConText.
    result, _ = score(
        Q_INTENTION,
        R_INTENTION,
        "Jag avser att återkomma till riksdagen med förslag om ändrade regler för assistansersättningen "
        "under hösten 2024.",
    )
    assert result.label != "non_reply"
    assert any(r.startswith("fulfils.commitment_or_refusal") for r in rules(result))
    assert "nonreply.deferral" not in rules(result)
