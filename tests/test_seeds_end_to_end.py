"""`debatt-nlp annotate seeds/`: the issue's acceptance criteria on the two seed documents."""

from __future__ import annotations

import pytest

from debatt_nlp.api import annotate_paths
from debatt_nlp.schema import DocumentRole, Exchange
from helpers import SEEDS, assert_exchange_offsets


@pytest.fixture(scope="module")
def exchange() -> Exchange:
    run = annotate_paths([SEEDS])
    assert run.errors == []
    assert len(run.exchanges) == 1, "the two seeds form one exchange"
    return run.exchanges[0]


def test_both_seeds_typed_and_paired(exchange: Exchange) -> None:
    interpellation, reply = exchange.documents
    assert interpellation.id == "000_6562c8b76ec6988c.txt"
    assert interpellation.role == DocumentRole.interpellation
    assert reply.id == "001_89a311dc7ce6a7a3.txt"
    assert reply.role == DocumentRole.reply
    assert exchange.pairing is not None
    kinds = {e.kind for e in exchange.pairing.evidence}
    assert {"interpellant", "answerer", "restated_questions"} <= kinds
    assert exchange.pairing.confidence > 0.5


def test_interpellation_metadata(exchange: Exchange) -> None:
    meta = exchange.documents[0].metadata
    assert (meta.author.name, meta.author.party) == ("Salar Rashid", "S")
    assert (meta.addressee.name, meta.addressee.party, meta.addressee.role) == (
        "Karin Ernlund",
        "C",
        "arbetsmarknadsborgarrådet",
    )
    assert meta.date == "2021-03-22"
    assert meta.place == "Stockholm"
    assert meta.topic == "Samordningsförbundet Stockholms stads utveckling"
    assert meta.dnr is None


def test_reply_metadata(exchange: Exchange) -> None:
    meta = exchange.documents[1].metadata
    assert (meta.author.name, meta.author.party, meta.author.role) == (
        "Karin Ernlund",
        "C",
        "arbetsmarknadsborgarrådet",
    )
    assert (meta.addressee.name, meta.addressee.party) == ("Salar Rashid", "S")
    assert meta.date == "2021-10-25"
    assert meta.dnr == "KS 2021/417"


def test_three_questions_with_exact_texts(exchange: Exchange) -> None:
    texts = [q.text for q in exchange.questions]
    assert texts == [
        "Har arbetsmarknadsborgarrådet Karin Ernlund (C) fört samtal med sina blågröna partikollegor i "
        "Region Stockholm för att regionen ska öka sitt verksamhetsbidrag till Stockholms samordningsförbund?",
        "Vad tycker arbetsmarknadsborgarrådet Karin Ernlund (C) om att Region Stockholm bryter mot "
        "överenskommelsen som har satt i enlighet med Nationella rådets finansieringsmodell?",
        "Kommer arbetsmarknadsborgarrådet Karin Ernlund (C) att inför budget 2022 för Stockholms "
        "samordningsförbund kämpa för att den överenskomna finansieringsmodellen ska fortsätta gälla?",
    ]
    assert [q.n for q in exchange.questions] == [1, 2, 3]
    assert {q.marker for q in exchange.questions} == {"numbered"}


def test_reply_restates_the_three_questions(exchange: Exchange) -> None:
    reply = exchange.documents[1]
    assert [r.n for r in reply.restated_questions] == [1, 2, 3]
    for question in exchange.questions:
        restated = question.restated_in_reply
        assert restated is not None
        # The restatement is hard-wrapped in the PDF text; its words are the question's words.
        assert " ".join(restated.text.split())[:40] == question.clean_text[:40]


def test_page_header_inside_sentence_is_repaired(exchange: Exchange) -> None:
    interpellation = exchange.documents[0]
    rules = [r.rule for r in interpellation.repairs]
    assert rules.count("page_header_repeated") == 2
    assert "page_break_join" in rules
    sentence = next(s for s in interpellation.sentences if s.text.startswith("Eftersom verksamhetsbidraget"))
    assert "Socialdemokraterna" in sentence.text  # offsets stay true to the original
    assert sentence.text.endswith("kunnat öka sitt anslag.")


def test_every_span_indexes_the_original_text(exchange: Exchange) -> None:
    assert assert_exchange_offsets(exchange) > 100


def test_provenance_names_tool_model_and_rules(exchange: Exchange) -> None:
    provenance = exchange.provenance
    assert provenance.tool_version
    assert provenance.model.name and provenance.model.version
    assert provenance.ruleset_version
    assert "annotate:debatt_sentences" in provenance.pipeline
