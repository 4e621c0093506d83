"""Pairing by content: evidence, one-to-one, threshold, never by file name."""

from __future__ import annotations

from debatt_nlp.pair.pairing import PairingCandidate, pair_documents, stem_counts


def candidate(doc_id: str, text: str, **fields: object) -> PairingCandidate:
    return PairingCandidate(doc_id=doc_id, vocabulary=stem_counts(text), **fields)  # type: ignore[arg-type]


ELCYKEL = "Vilka utsläppseffekter bedöms elcykelpremien ha? Elcykelpremien kostar 350 miljoner kronor."
TOMTRATT = "Hur ser ministern på problemen med tomträttssystemet och avgälderna för tomträtter i Stockholm?"


def test_pairs_follow_content_not_names_or_order() -> None:
    interpellations = [
        candidate(
            "z.txt", ELCYKEL, author="Maria Malmer Stenergard", questions=[ELCYKEL.split("?")[0] + "?"]
        ),
        candidate("a.txt", TOMTRATT, author="Larry Söder", questions=[TOMTRATT]),
    ]
    replies = [
        candidate(
            "1.txt",
            "Fru ålderspresident! Larry Söder har frågat om tomträttssystemet. Avgälderna för tomträtter ökar.",
            addressee="Larry Söder",
            opening="Larry Söder har frågat hur jag ser på tomträttssystemet och avgälderna.",
        ),
        candidate(
            "2.txt",
            "Fru talman! Maria Malmer Stenergard har frågat om utsläppseffekter av elcykelpremien.",
            addressee="Maria Malmer Stenergard",
            opening="Maria Malmer Stenergard har frågat vilka utsläppseffekter elcykelpremien bedöms ha.",
        ),
    ]
    pairs = pair_documents(interpellations, replies)
    assert [(p.interpellation, p.reply) for p in pairs] == [("a.txt", "1.txt"), ("z.txt", "2.txt")]
    for pair in pairs:
        kinds = {e.kind for e in pair.evidence}
        assert {"interpellant", "content", "vocabulary"} <= kinds
        assert 0 < pair.confidence <= 1


def test_riksdag_number_is_strong_evidence() -> None:
    pairs = pair_documents(
        [candidate("i", "skolan", riksdag_number="2018/19:260")],
        [candidate("r", "något helt annat", riksdag_number="2018/19:260")],
    )
    assert [e.kind for e in pairs[0].evidence] == ["riksdag_number"]


def test_unrelated_documents_stay_unpaired() -> None:
    pairs = pair_documents(
        [
            candidate(
                "i", "Vilka åtgärder avser ministern vidta mot tågförseningarna?", author="Patrik Jönsson"
            )
        ],
        [
            candidate(
                "r",
                "Fru talman! Anna Svensson har frågat mig om fiskekvoterna i Östersjön.",
                addressee="Anna Svensson",
            )
        ],
    )
    assert pairs == []
