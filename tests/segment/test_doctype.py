"""Interpellation, reply or other — with the rule that decided."""

from __future__ import annotations

import pytest

from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.schema import DocumentRole
from debatt_nlp.segment.doctype import classify
from helpers import SEED_INTERPELLATION, SEED_REPLY, read_original


@pytest.mark.parametrize(
    ("text", "role", "rule"),
    [
        (
            "Interpellation 2006/07:4 Folkomröstning om EU:s konstitution av Jacob Johnson (v) till "
            "statsrådet Cecilia Malmström (fp)\n\nI sin regeringsförklaring …",
            DocumentRole.interpellation,
            "interpellation_title_riksdag",
        ),
        (
            "den 23 september\n\nInterpellation 1999/2000:16 av Per Westerberg (m) till näringsminister "
            "Björn Rosengren om offentliga myndigheters upphandling av telefonitjänster\n\nSedan …",
            DocumentRole.interpellation,
            "interpellation_title_riksdag",
        ),
        (
            "1994/95:1 av Per Gahrton (mp) till statsministern om en rättvis och tillförlitlig EU-omröstning",
            DocumentRole.interpellation,
            "interpellation_title_number_av_till",
        ),
        (
            "Fru talman! Jacob Johnson har frågat mig om jag är beredd att ta initiativ till folkomröstning.",
            DocumentRole.reply,
            "reply_speech_talman_asked",
        ),
        (
            "Fru ålderspresident! Larry Söder har frågat finansmarknads- och bostadsministern hur han ser på "
            "tomträttssystemet.",
            DocumentRole.reply,
            "reply_speech_talman_asked",
        ),
        (
            "Herr talman! Pia Nilsson har i interpellationen ställt följande frågor till mig:",
            DocumentRole.reply,
            "reply_speech_talman_asked",
        ),
        (
            "Protokoll från sammanträde med kommunfullmäktige. Närvarande: ordföranden.",
            DocumentRole.other,
            None,
        ),
    ],
)
def test_classify(text: str, role: DocumentRole, rule: str | None) -> None:
    predicted, confidence, hits = classify(text)
    assert predicted == role
    if rule is None:
        assert hits == []
    else:
        assert hits[0].rule == rule
        assert confidence >= 0.7


def test_seed_reply_is_a_reply_although_its_title_says_interpellation() -> None:
    role, _, hits = classify(repair(read_original(SEED_REPLY)).clean)
    assert role == DocumentRole.reply
    assert hits[0].rule == "reply_title_svar_pa"


def test_seed_interpellation() -> None:
    role, confidence, _ = classify(repair(read_original(SEED_INTERPELLATION)).clean)
    assert role == DocumentRole.interpellation
    assert confidence >= 0.9
