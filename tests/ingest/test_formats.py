"""PDF, DOCX, TEI and JSONL inputs: text and metadata come through, damage is refused by name."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from debatt_nlp.api import annotate_paths
from debatt_nlp.ingest.pdf import extract_pdf_text
from debatt_nlp.ingest.readers import iter_jsonl_documents
from debatt_nlp.ingest.tei import read_tei
from debatt_nlp.ingest.text_files import IngestError
from helpers import SEED_INTERPELLATION, read_original
from pdf_builder import build_pdf, image_only_pdf

TEI_DOC = """<?xml version='1.0' encoding='utf-8'?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ipq-202021--0099">
  <teiHeader><fileDesc><titleStmt><title>Tågförseningar</title><author>Jönsson, Patrik (SD)</author></titleStmt>
  <sourceDesc><bibl><idno type="rdwebb">H810099</idno></bibl></sourceDesc></fileDesc>
  <profileDesc><particDesc><listPerson>
    <person gender="man"><persName>Patrik Jönsson</persName><state type="partyAffiliation"><desc>SD</desc></state></person>
    <person gender="man"><persName>Tomas Eneroth</persName><state type="partyAffiliation"><desc>S</desc></state></person>
  </listPerson></particDesc>
  <correspDesc><correspAction type="sent"><date when="2021-03-02"/></correspAction>
  <correspAction type="answered"><date when="2021-03-16"/></correspAction></correspDesc></profileDesc></teiHeader>
  <text><body>
    <div type="ipqHeader"><div type="ipqTitle"><p>
      Interpellation 2020/21:99 Tågförseningar
      av Patrik Jönsson (SD) till Infrastrukturminister Tomas Eneroth (S)
    </p></div></div>
    <div type="ipqBody"><div type="ipContext"><p>
      Förseningarna i tågtrafiken har ökat. Trafikverket bedömer att underhållsskulden
      nu uppgår till 45 miljarder kronor.
    </p></div>
    <div type="ipQuestion"><p>Jag vill fråga infrastrukturministern:
      <list rend="ordered">
        <item>1. Avser ministern att agera för att minska tågförseningarna?</item>
        <item>2. Vilka åtgärder avser ministern att vidta mot underhållsskulden?</item>
      </list></p></div></div>
  </body></text>
</TEI>
"""


def test_pdf_text_keeps_paragraphs_and_drops_repeated_letterhead(tmp_path: Path) -> None:
    # Seed 000 has one paragraph (or list item) per line; the PDF wraps them and adds the letterhead.
    lines = [
        " ".join(line.split()) for line in read_original(SEED_INTERPELLATION).splitlines() if line.strip()
    ]
    paragraphs = [line for line in lines if line != "Socialdemokraterna"]
    pdf = build_pdf(tmp_path / "interpellation.pdf", paragraphs, width=60)  # narrow: two pages
    text, pages = extract_pdf_text(pdf)
    assert pages >= 2 and "\f" in text
    run = annotate_paths([pdf], model="blank")
    document = run.exchanges[0].documents[0]
    assert document.source_format == "pdf"
    assert document.role.value == "interpellation"
    assert any(r.rule == "page_header_repeated" for r in document.repairs)
    questions = run.exchanges[0].questions
    assert [q.n for q in questions] == [1, 2, 3]
    assert questions[2].clean_text.startswith(
        "Kommer arbetsmarknadsborgarrådet Karin Ernlund (C) att inför budget 2022"
    )
    assert document.metadata.author.name == "Salar Rashid"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda p: p.write_bytes(build_pdf(p, ["Text på sidan."]).read_bytes()[:300]),
            "corrupt or truncated",
        ),
        (lambda p: image_only_pdf(p), "no text layer"),
        (lambda p: p.write_bytes(b"%PDF-1.7\nnot really a pdf"), "corrupt or truncated"),
    ],
)
def test_bad_pdfs_are_reported(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    make(path)  # type: ignore[operator]
    with pytest.raises(IngestError, match=reason):
        extract_pdf_text(path)


def test_encrypted_pdf_is_reported(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = build_pdf(tmp_path / "plain.pdf", ["Hemlig text om budgeten."])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt("hemligt")
    encrypted = tmp_path / "encrypted.pdf"
    with open(encrypted, "wb") as handle:
        writer.write(handle)
    with pytest.raises(IngestError, match="encrypted"):
        extract_pdf_text(encrypted)


def test_tei_text_and_header_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ipq-202021--0099.xml"
    path.write_text(TEI_DOC, encoding="utf-8")
    text, meta = read_tei(path)
    assert text.startswith(
        "Interpellation 2020/21:99 Tågförseningar av Patrik Jönsson (SD) till Infrastrukturminister Tomas Eneroth (S)\n\n"
    )
    assert "Jag vill fråga infrastrukturministern:\n\n1. Avser ministern" in text
    assert meta["persons"] == [
        {"name": "Patrik Jönsson", "party": "SD", "gender": "man"},
        {"name": "Tomas Eneroth", "party": "S", "gender": "man"},
    ]
    assert meta["dates"] == {"sent": "2021-03-02", "answered": "2021-03-16"}
    run = annotate_paths([path], model="blank")
    exchange = run.exchanges[0]
    assert exchange.documents[0].metadata.riksdag_number == "2020/21:99"
    assert exchange.documents[0].source_metadata["dok_id"] == "H810099"
    assert [q.text for q in exchange.questions] == [
        "Avser ministern att agera för att minska tågförseningarna?",
        "Vilka åtgärder avser ministern att vidta mot underhållsskulden?",
    ]


def test_malformed_xml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<TEI><text>", encoding="utf-8")
    with pytest.raises(IngestError, match="malformed XML"):
        read_tei(path)


def test_docx_paragraphs(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Interpellation till skolborgarrådet Isabel Smedberg-Palmqvist (M) om skolmaten")
    document.add_paragraph("Skolmaten har blivit sämre.")
    document.add_paragraph("Vilka åtgärder avser skolborgarrådet att vidta?")
    path = tmp_path / "skolmat.docx"
    document.save(path)
    run = annotate_paths([path], model="blank")
    annotated = run.exchanges[0].documents[0]
    assert annotated.source_format == "docx"
    assert annotated.metadata.addressee.name == "Isabel Smedberg-Palmqvist"
    assert [q.text for q in run.exchanges[0].questions] == ["Vilka åtgärder avser skolborgarrådet att vidta?"]


def test_jsonl_gz_corpus_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Interpellation till borgarrådet Anna Berg (L) om parker\n\nNär öppnar parken?",
                "session": "2021",
            }
        ),
        "{not json",
        json.dumps({"id": "b", "title": "utan text"}),
        json.dumps({"id": "c", "text": "   "}),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    results = list(iter_jsonl_documents(path))
    assert [loc.rsplit(":", 1)[1] for loc, _ in results] == ["1", "2", "3", "4"]
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["RawDocument", "IngestError", "IngestError", "IngestError"]
    run = annotate_paths([path], model="blank", input_format="jsonl")
    assert [e.id for e in run.exchanges] == ["a"]
    assert run.exchanges[0].documents[0].source_metadata == {"session": "2021"}
    assert len(run.errors) == 3 and run.n_inputs == 4


def test_source_dates_anchor_relative_dates(tmp_path: Path) -> None:
    """A text without a date line takes the date its source gives: "i fjol" in an interpellation
    sent 2021-03-02 is 2020; in a JSONL record with a plain `date`, "i år" is that year."""
    tei = TEI_DOC.replace("<p>", "<p>Tågen var försenade redan i fjol. ", 1)
    path = tmp_path / "ipq-202021--0099.xml"
    path.write_text(tei, encoding="utf-8")
    document = annotate_paths([path], model="blank").exchanges[0].documents[0]
    assert document.metadata.date is None
    fjol = [d for d in document.dates if d.text == "i fjol"]
    assert [(d.value, d.anchor) for d in fjol] == [("2020", "2021-03-02")]

    corpus = tmp_path / "corpus.jsonl"
    record = {"id": "x", "text": "Interpellation om parker\n\nVad görs i år?", "date": "2019-05-04"}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    document = annotate_paths([corpus], model="blank", input_format="jsonl").exchanges[0].documents[0]
    assert [(d.text, d.value) for d in document.dates] == [("i år", "2019")]
