"""Title lines, date lines and signatures in the formats seen in the data."""

from __future__ import annotations

from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.schema import DocumentRole
from debatt_nlp.segment.metadata import MetadataFields, extract_metadata


def meta(text: str, role: DocumentRole) -> MetadataFields:
    repaired = repair(text)
    return extract_metadata(repaired.clean, [(p.clean_start, p.clean_end) for p in repaired.paragraphs], role)


def person(fields: object) -> tuple[str | None, str | None, str | None]:
    return tuple(getattr(getattr(fields, k), "value", None) for k in ("name", "party", "role"))  # type: ignore[return-value]


def test_riksdag_title_with_topic_containing_av() -> None:
    m = meta(
        "Interpellation 2019/20:82 Utredning av strandskyddet av Carl-Oskar Bohlin (M) till Miljö- och "
        "klimatminister Isabella Lövin (MP)\n\nStrandskyddet …",
        DocumentRole.interpellation,
    )
    assert person(m.author) == ("Carl-Oskar Bohlin", "M", None)
    assert person(m.addressee) == ("Isabella Lövin", "MP", "miljö- och klimatminister")
    assert m.topic.value == "Utredning av strandskyddet"
    assert m.riksdag_number.value == "2019/20:82"


def test_old_riksdag_title_with_date_line_first_and_session_year() -> None:
    m = meta(
        "den 23 september\n\nInterpellation 1999/2000:16 av Per Westerberg (m) till näringsminister Björn "
        "Rosengren om offentliga myndigheters upphandling av telefonitjänster\n\nSedan den 11 september …",
        DocumentRole.interpellation,
    )
    assert person(m.author) == ("Per Westerberg", "m", None)
    assert person(m.addressee) == ("Björn Rosengren", None, "näringsminister")
    assert m.topic.value == "offentliga myndigheters upphandling av telefonitjänster"
    # Session 1999/2000 runs September 1999 – August 2000.
    assert m.date.value == "1999-09-23"


def test_title_to_an_office_without_a_name() -> None:
    m = meta(
        "1994/95:1 av Per Gahrton (mp) till statsministern om en rättvis och tillförlitlig EU-omröstning",
        DocumentRole.interpellation,
    )
    assert person(m.author) == ("Per Gahrton", "mp", None)
    assert person(m.addressee) == (None, None, "statsministern")
    assert m.topic.value == "en rättvis och tillförlitlig EU-omröstning"


def test_stockholm_interpellation_signature_and_date_line() -> None:
    m = meta(
        "Interpellation till finansborgarrådet Anna König Jerlmyr (M) om stadens budget\n\n"
        "Stadens kostnader ökar.\n\nStockholm den 3 februari 2020\n\nEmilia Bjuggren (S)",
        DocumentRole.interpellation,
    )
    assert person(m.author) == ("Emilia Bjuggren", "S", None)
    assert person(m.addressee) == ("Anna König Jerlmyr", "M", "finansborgarrådet")
    assert (m.date.value, m.place.value) == ("2020-02-03", "Stockholm")


def test_riksdag_answer_names_the_interpellant() -> None:
    m = meta(
        "Fru talman! Maria Malmer Stenergard har frågat statsrådet Isabella Lövin om vilka utsläppseffekter "
        "elcykelpremien bedöms ha.",
        DocumentRole.reply,
    )
    assert person(m.addressee) == ("Maria Malmer Stenergard", None, None)
    assert m.author.name is None


def test_lowercase_signature_confirms_title_spelling() -> None:
    m = meta(
        "Svar på Interpellation av Salar Rashid (S) till arbetsmarknadsborgarrådet Karin Ernlund (C) om "
        "samordningsförbundet\nDnr KS 2021/417\n\nText.\n\nStockholm den 25 oktober 2021\n\nKarin ernlund",
        DocumentRole.reply,
    )
    assert person(m.author) == ("Karin Ernlund", "C", "arbetsmarknadsborgarrådet")
    assert person(m.addressee) == ("Salar Rashid", "S", None)
    assert m.dnr.value == "KS 2021/417"
    assert m.title.value.endswith("om samordningsförbundet")


def test_other_documents_get_no_title_fields() -> None:
    m = meta("Protokoll\n\nNärvarande: ordföranden.", DocumentRole.other)
    assert m.title is None and m.author.name is None and m.date is None
