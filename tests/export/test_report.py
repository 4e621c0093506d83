"""The HTML reading view (`debatt-nlp report`): escaping, offsets, empty fields, overview, the CLI.

`seed_exchange()` builds the seeds' exchange by hand with every layer filled (entities, amounts, dates,
answer spans, directness), from the seeds' real text; the browser test uses it too.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatt_nlp.export.report import (
    Mark,
    amount_value,
    date_value,
    document_html,
    exchange_marks,
    format_number,
    render_marked,
    render_report,
    strip_tags,
    write_report,
)
from debatt_nlp.schema import (
    Amount,
    AnswerSpan,
    Classification,
    DateMention,
    Directness,
    DirectnessComponent,
    Document,
    DocumentRole,
    Entity,
    Evidence,
    Exchange,
    Metadata,
    ModelInfo,
    Pairing,
    PairingEvidence,
    Paragraph,
    Person,
    Provenance,
    Question,
    RestatedQuestion,
    Span,
    Warning_,
)
from helpers import SEED_INTERPELLATION, SEED_REPLY, assert_exchange_offsets, read_original

# --------------------------------------------------------------------------------------------
# Building exchanges by hand
# --------------------------------------------------------------------------------------------


def find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def span(cls, text: str, needle: str, after: int = 0, **fields):
    start, end = find(text, needle, after)
    return cls(start=start, end=end, text=text[start:end], **fields)


def paragraphs(text: str) -> list[Paragraph]:
    """Maximal runs of non-blank lines, trimmed (a stand-in for the segmenter)."""
    out = []
    for match in re.finditer(r"(?:^[ \t]*\S[^\n]*(?:\n|$))+", text, re.M):
        block = match.group()
        start = match.start() + len(block) - len(block.lstrip())
        end = match.start() + len(block.rstrip())
        out.append(Paragraph(start=start, end=end, text=text[start:end], index=len(out)))
    return out


def document(doc_id: str, text: str, role: DocumentRole, **fields) -> Document:
    return Document(
        id=doc_id,
        path=doc_id,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        role=role,
        classification=Classification(role=role, confidence=0.95),
        text=text,
        paragraphs=paragraphs(text),
        **fields,
    )


def provenance() -> Provenance:
    return Provenance(
        tool_version="0.1.0",
        pipeline=["ingest", "questions", "align", "directness"],
        model=ModelInfo(name="test", version="0"),
        ruleset_version="0.1.0",
    )


def seed_exchange() -> Exchange:
    """The two seeds as one exchange with every layer filled by hand."""
    itext, rtext = read_original(SEED_INTERPELLATION), read_original(SEED_REPLY)
    karin = Person(name="Karin Ernlund", party="C", role="arbetsmarknadsborgarrådet")
    salar = Person(name="Salar Rashid", party="S")
    interpellation = document(
        SEED_INTERPELLATION.name,
        itext,
        DocumentRole.interpellation,
        metadata=Metadata(
            title="Interpellation till arbetsmarknadsborgarrådet Karin Ernlund (C) om Samordningsförbundet "
            "Stockholms stads utveckling",
            topic="Samordningsförbundet Stockholms stads utveckling",
            author=salar,
            addressee=karin,
            date="2021-03-22",
            place="Stockholm",
        ),
        entities=[
            span(
                Entity, itext, "Karin Ernlund", label="PER", norm="Karin Ernlund", party="C", role=karin.role
            ),
            span(Entity, itext, "Sverige", label="LOC", norm="Sverige"),
            span(Entity, itext, "Arbetsförmedlingen", label="ORG", norm="Arbetsförmedlingen"),
            span(Entity, itext, "Försäkringskassan", label="ORG", norm="Försäkringskassan"),
            # a LOC nested in an ORG
            span(
                Entity,
                itext,
                "Stockholms samordningsförbund",
                label="ORG",
                norm="Samordningsförbundet Stockholms stad",
            ),
            span(
                Entity,
                itext,
                "Stockholms",
                itext.index("Stockholms samordningsförbund"),
                label="LOC",
                norm="Stockholm",
            ),
            span(Entity, itext, "Region Stockholm", label="ORG", norm="Region Stockholm"),
            # inside question 1: an entity inside a question
            span(
                Entity,
                itext,
                "Karin Ernlund",
                itext.index("1. Har"),
                label="PER",
                norm="Karin Ernlund",
                party="C",
            ),
            span(Entity, itext, "budget 2022", label="EVN", norm="budget 2022"),  # a date nests inside
            span(Entity, itext, "Salar Rashid", label="PER", norm="Salar Rashid", party="S"),
        ],
        amounts=[
            span(
                Amount, itext, "32 miljoner", label="MONEY", value=32_000_000, unit="SEK", unit_inferred=True
            ),
            span(Amount, itext, "48 miljoner kronor", label="MONEY", value=48_000_000, unit="SEK"),
            span(
                Amount,
                itext,
                "54,7 miljoner",
                label="MONEY",
                value=54_700_000,
                unit="SEK",
                unit_inferred=True,
            ),
        ],
        dates=[
            span(DateMention, itext, "sedan 2004", label="DATE", value="2004", grain="year", mod="START"),
            span(DateMention, itext, "fem år", label="DURATION", value="P5Y", grain="year"),
            span(DateMention, itext, "år 2020", label="DATE", value="2020", grain="year"),
            span(
                DateMention,
                itext,
                "2021",
                itext.index("54,7 miljoner"),
                label="DATE",
                value="2021",
                grain="year",
            ),
            span(
                DateMention,
                itext,
                "2022",
                itext.index("budget 2022"),
                label="DATE",
                value="2022",
                grain="year",
            ),
            span(DateMention, itext, "22 mars 2021", label="DATE", value="2021-03-22", grain="day"),
        ],
        repairs=[
            span(Evidence, itext, "Socialdemokraterna", 30, rule="page_header_repeated"),
        ],
    )
    reply = document(
        SEED_REPLY.name,
        rtext,
        DocumentRole.reply,
        metadata=Metadata(
            title="Svar på Interpellation av Salar Rashid (S)",
            topic="Samordningsförbundet Stockholms stads utveckling",
            author=karin,
            addressee=salar,
            date="2021-10-25",
            place="Stockholm",
            dnr="KS 2021/417",
        ),
        entities=[
            span(Entity, rtext, "Salar Rashid", label="PER", norm="Salar Rashid", party="S"),
            span(
                Entity,
                rtext,
                "Region Stockholm",
                rtext.index("Det är något"),
                label="ORG",
                norm="Region Stockholm",
            ),
            span(
                Entity,
                rtext,
                "Försäkringskassan",
                rtext.index("alla fyra"),
                label="ORG",
                norm="Försäkringskassan",
            ),
            span(Entity, rtext, "Karin ernlund", label="PER", norm="Karin Ernlund", party="C"),
        ],
        amounts=[span(Amount, rtext, "fyra", rtext.index("alla fyra"), label="QUANTITY", value=4)],
        dates=[
            span(
                DateMention, rtext, "snart 20 år", label="DURATION", value="P20Y", grain="year", mod="APPROX"
            ),
            span(DateMention, rtext, "sedan 2016", label="DATE", value="2016", grain="year", mod="START"),
            span(DateMention, rtext, "25 oktober 2021", label="DATE", value="2021-10-25", grain="day"),
        ],
        warnings=[Warning_(code="pdf_text", message="Text extracted from a PDF; line breaks are the PDF's.")],
    )
    list_start = itext.index("följande frågor:")
    question_starts = [itext.index(f"{n}. ", list_start) + 3 for n in (1, 2, 3)]
    question_ends = [itext.index("?", s) + 1 for s in question_starts]
    restated = [(rtext.index(f"{n}. ", rtext.index("tre frågor")) + 3) for n in (1, 2, 3)]
    restated_ends = [rtext.index("?", s) + 1 for s in restated]

    def reply_span(cls, needle, **fields):
        return span(cls, rtext, needle, **fields)

    p6 = next(p for p in reply.paragraphs if p.text.startswith("Stockholms stad har löpande"))
    p7 = next(p for p in reply.paragraphs if p.text.startswith("Samtidigt"))
    p8 = next(p for p in reply.paragraphs if p.text.startswith("Vi ser fram emot"))
    q2_sentence = reply_span(
        AnswerSpan,
        "Det är något som Region Stockholm inte har gjort \nde senaste åren",
        method="content",
        confidence=0.64,
    )
    directness = {
        1: Directness(
            label="partial",
            evasion_type="implicit",
            score=0.55,
            question_type="polar",
            expected_answer="yes/no + action",
            components=[
                DirectnessComponent(name="topic_overlap", value=0.62, rule="stem coverage of the question"),
                DirectnessComponent(name="polar_answer", value=False, rule="ja/nej or equivalent"),
                DirectnessComponent(
                    name="action_reported",
                    value=True,
                    rule="reports own action",
                    evidence=[
                        reply_span(Evidence, "har jag verkat för", rule="own_action", cue="verkat för")
                    ],
                ),
                DirectnessComponent(name="hedging", value=None, rule="hedge lexicon"),
            ],
            evidence=[reply_span(Evidence, "har jag verkat för", rule="own_action", cue="verkat för")],
            scheme_version="0.1",
        ),
        2: Directness(
            label="non_reply",
            evasion_type="deflection",
            score=0.18,
            question_type="wh-opinion",
            expected_answer="a stance",
            components=[
                DirectnessComponent(name="topic_overlap", value=0.41, rule="stem coverage of the question"),
                DirectnessComponent(name="stance_expressed", value=False, rule="evaluative cue"),
            ],
            evidence=[
                reply_span(
                    Evidence,
                    "endast rådighet över vårt eget \nanslag",
                    rule="deflect_responsibility",
                    cue="endast rådighet",
                ),
            ],
            scheme_version="0.1",
        ),
        3: Directness(
            label="reply",
            evasion_type="explicit",
            score=0.81,
            question_type="polar",
            expected_answer="yes/no",
            components=[
                DirectnessComponent(name="topic_overlap", value=0.77, rule="stem coverage of the question")
            ],
            evidence=[reply_span(Evidence, "hoppas", rule="hedge", cue="hoppas")],
            scheme_version="0.1",
        ),
    }
    answers = {
        1: [
            AnswerSpan(
                start=p6.start, end=p6.end, text=p6.text, method="content", confidence=0.7, paragraph=p6.index
            )
        ],
        2: [
            q2_sentence,
            reply_span(
                AnswerSpan,
                "Från stadens sida har vi endast rådighet över vårt eget \nanslag.",
                method="content",
                confidence=0.52,
            ),
        ],
        3: [
            AnswerSpan(
                start=p7.start, end=p7.end, text=p7.text, method="content", confidence=0.5, paragraph=p7.index
            ),
            AnswerSpan(
                start=p8.start, end=p8.end, text=p8.text, method="content", confidence=0.8, paragraph=p8.index
            ),
        ],
    }
    questions = [
        Question(
            n=n,
            marker="numbered",
            start=question_starts[n - 1],
            end=question_ends[n - 1],
            text=itext[question_starts[n - 1] : question_ends[n - 1]],
            clean_text=itext[question_starts[n - 1] : question_ends[n - 1]],
            restated_in_reply=Span(
                start=restated[n - 1],
                end=restated_ends[n - 1],
                text=rtext[restated[n - 1] : restated_ends[n - 1]],
            ),
            answer_spans=answers[n],
            directness=directness[n],
        )
        for n in (1, 2, 3)
    ]
    exchange = Exchange(
        id=SEED_INTERPELLATION.name,
        provenance=provenance(),
        documents=[interpellation, reply],
        questions=questions,
        pairing=Pairing(
            confidence=0.853,
            evidence=[
                PairingEvidence(kind="interpellant", detail="Salar Rashid", score=1.5),
                PairingEvidence(kind="restated_questions", detail="mean overlap 1.00", score=3.0),
            ],
        ),
    )
    assert_exchange_offsets(exchange)
    return exchange


def lone_document(text: str, *, doc_id: str = "lone.txt", **fields) -> Exchange:
    return Exchange(
        id=doc_id,
        provenance=provenance(),
        documents=[document(doc_id, text, DocumentRole.interpellation, **fields)],
    )


# --------------------------------------------------------------------------------------------
# Reading the page back
# --------------------------------------------------------------------------------------------

VOID = {"meta", "input", "br", "img", "link", "hr"}


class PageReader(HTMLParser):
    """Checks that tags nest properly and collects the text of every `.doctext` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.doc_depth: int | None = None
        self.doc_texts: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.doc_depth is None and "doctext" in (dict(attrs).get("class") or "").split():
            self.doc_depth = len(self.stack)
            self.doc_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        if self.doc_depth == len(self.stack):
            self.doc_depth = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.doc_depth is not None:
            self.doc_texts[-1] += data


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    assert reader.stack == [], reader.stack
    return reader


@pytest.fixture(scope="module")
def seed() -> Exchange:
    return seed_exchange()


@pytest.fixture(scope="module")
def page(seed: Exchange) -> str:
    return render_report([seed])


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_document_text_is_reproduced_exactly_from_the_page(seed: Exchange, page: str) -> None:
    reader = read_page(page)
    assert reader.doc_texts == [d.text for d in seed.documents]
    for doc in seed.documents:
        assert strip_tags(document_html(doc)) == doc.text


def test_script_in_a_document_stays_text() -> None:
    hostile = "<script>alert(1)</script> & \"quotes\" 'single' <img src=x onerror=alert(2)>"
    text = f"Interpellation om {hostile}\n\n1. Varför {hostile}?\n"
    start = text.index("<script>")
    exchange = lone_document(
        text,
        metadata=Metadata(title=hostile, topic=hostile, author=Person(name=hostile, party="<b>")),
        entities=[
            Entity(
                start=start, end=start + 8, text="<script>", label="<PER x=1>", norm=hostile, party=hostile
            )
        ],
        warnings=[Warning_(code="<x>", message=hostile)],
    )
    q_start = text.index("Varför")
    exchange.questions.append(
        Question(
            n=1,
            marker="numbered",
            start=q_start,
            end=len(text) - 1,
            text=text[q_start:-1],
            clean_text=text[q_start:-1],
        )
    )
    html = render_report([exchange])
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the page's own
    reader = read_page(html)
    assert reader.doc_texts == [text]
    assert not any(name.startswith("on") for _, attrs in reader.attrs for name in attrs)


def test_no_external_urls(page: str) -> None:
    reader = read_page(page)
    for tag, attrs in reader.attrs:
        assert "src" not in attrs, tag
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), attrs
    assert "url(" not in page
    assert "@import" not in page
    assert re.findall(r"(?:https?:)?//[\w.-]+\.\w", page) == []
    assert "default-src 'none'" in page  # the browser is told to fetch nothing, either


def test_questions_labels_and_scores_on_the_page(page: str) -> None:
    reader = read_page(page)
    rows = [a for t, a in reader.attrs if t == "tr" and "data-q" in a]
    assert [r["data-q"] for r in rows] == ["1", "2", "3"]
    cards = [a for t, a in reader.attrs if "qcard" in (a.get("class") or "").split()]
    assert [(c["data-q"], c["class"].split()[-1]) for c in cards] == [
        ("1", "lab-partial"),
        ("2", "lab-non_reply"),
        ("3", "lab-reply"),
    ]
    for text in (
        "0.55",
        "0.18",
        "0.81",
        "deflection",
        "wh-opinion",
        "endast rådighet",
        "topic_overlap",
        "KS 2021/417",
    ):
        assert text in page, text
    assert "Salar Rashid (S)" in page and "Karin Ernlund (C)" in page


def test_marks_carry_values_and_questions(seed: Exchange, page: str) -> None:
    reader = read_page(page)
    tips = [a.get("data-tip") or "" for _, a in reader.attrs]
    assert "MONEY · 54 700 000 SEK (inferred)" in tips
    assert "MONEY · 48 000 000 SEK" in tips
    assert "DATE · 2021-03-22 (day)" in tips
    assert "DURATION · ≈ P20Y (year)" in tips
    # the canonical name, not the surface form
    assert re.findall(r'data-tip="([^"]*)">Karin ernlund<', page) == [
        "PER · Karin Ernlund\nparty C · source model"
    ]
    answers = [a for _, a in reader.attrs if "ans" in (a.get("class") or "").split()]
    assert {a["data-q"] for a in answers} == {"1", "2", "3"}
    evidence = [a for _, a in reader.attrs if "ev" in (a.get("class") or "").split()]
    assert {(a["data-q"], a["data-cue"]) for a in evidence} >= {("2", "endast rådighet"), ("3", "hoppas")}
    margins = [a for _, a in reader.attrs if "q" in (a.get("class") or "").split()]
    assert sorted({a["data-n"] for a in margins}) == ["1", "2", "3"]


def test_evidence_without_a_cue_is_quiet(seed: Exchange) -> None:
    """A cue gets the loud style (class `hascue`, tag from data-cue); a whole cue-less paragraph does not."""
    exchange = seed.model_copy(deep=True)
    reply = exchange.documents[1]
    paragraph = next(p for p in reply.paragraphs if p.text.startswith("Samtidigt"))
    short = span(Evidence, reply.text, "fyra", rule="specific.mention")
    whole = Evidence(start=paragraph.start, end=paragraph.end, text=paragraph.text, rule="answer_span")
    directness = exchange.questions[0].directness
    assert directness is not None
    directness.evidence = [short, whole]
    directness.components = []
    _, on_reply = exchange_marks(exchange)
    q1 = {
        (m.start, m.end): m for m in on_reply if m.classes.split()[0] == "ev" and ("data-q", "1") in m.attrs
    }
    assert set(q1) == {(short.start, short.end), (whole.start, whole.end)}
    assert q1[short.start, short.end].classes == "ev"
    assert q1[whole.start, whole.end].classes == "ev long"
    for mark in q1.values():
        assert "data-cue" not in dict(mark.attrs)
        assert (
            "answer_span" in dict(mark.attrs)["data-tip"]
            or "specific.mention" in dict(mark.attrs)["data-tip"]
        )
    cued = [m for m in on_reply if "hascue" in m.classes.split()]
    assert {dict(m.attrs)["data-cue"] for m in cued} == {"endast rådighet", "hoppas"}


def test_evidence_marks_are_trimmed(seed: Exchange) -> None:
    """Evidence ending in a line break is marked up to its last word (where the cue's tag then sits)."""
    exchange = seed.model_copy(deep=True)
    reply = exchange.documents[1]
    start = reply.text.index("Från stadens sida")
    end = reply.text.index("\n", start) + 1
    evidence = Evidence(start=start, end=end, text=reply.text[start:end], rule="r", cue="c")
    assert evidence.text.endswith("\n") and evidence.text != evidence.text.rstrip()
    directness = exchange.questions[0].directness
    assert directness is not None
    directness.evidence, directness.components = [evidence], []
    _, on_reply = exchange_marks(exchange)
    (mark,) = [m for m in on_reply if ("data-q", "1") in m.attrs and "ev" in m.classes.split()]
    assert reply.text[mark.start : mark.end] == evidence.text.rstrip()


def test_nested_and_crossing_marks_render_as_proper_nesting() -> None:
    text = "Budgeten för 2022 är 54,7 miljoner kronor."
    marks = [
        Mark(0, len(text), "para", tag="div", group=0),
        Mark(0, 17, "m ent"),  # "Budgeten för 2022"
        Mark(13, 17, "m date"),  # nested
        Mark(13, 30, "ans"),  # crosses the entity's end
        Mark(21, 41, "m amt"),
        Mark(50, 60, "out of range"),
        Mark(5, 5, "empty"),
    ]
    html = render_marked(text, marks)
    assert strip_tags(html) == text
    read_page(f"<div>{html}</div>")
    assert html.count('class="ans') == 2  # split where it crosses the entity
    assert 'class="ans cr"' in html and 'class="ans cl"' in html
    assert "out of range" not in html and "empty" not in html


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'\n", max_size=40),
    spans=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.integers(0, 1)), max_size=12),
)
def test_any_marks_reproduce_the_text(text: str, spans: list[tuple[int, int, int]]) -> None:
    marks = [
        Mark(a, b, f"k{i}", group=g, tag="div" if g == 0 else "span") for i, (a, b, g) in enumerate(spans)
    ]
    html = render_marked(text, marks)
    assert strip_tags(html) == text
    read_page(f"<div>{html}</div>")


def test_empty_fields_render() -> None:
    bare = lone_document("Interpellation om ingenting\n\nInga frågor här.")
    no_paragraphs = bare.model_copy(
        update={"documents": [bare.documents[0].model_copy(update={"paragraphs": []})], "id": "b"}
    )
    unscored = seed_exchange()
    for q in unscored.questions:
        q.directness = None
        q.answer_spans = []
    html = render_report([bare, no_paragraphs, unscored])
    reader = read_page(html)
    assert reader.doc_texts == [
        bare.documents[0].text,
        bare.documents[0].text,
        *(d.text for d in unscored.documents),
    ]
    assert "No reply was paired" in html
    assert "not scored" in html
    assert "No questions found." in html
    assert render_report([]).count("<section") == 1  # the overview only


def test_unpaired_reply(seed: Exchange) -> None:
    """A reply alone: the missing interpellation is a placeholder on its left; who asked whom still shows."""
    reply = seed.documents[1].model_copy(deep=True)
    restated = RestatedQuestion(n=2, **span(Span, reply.text, "Vad tycker").model_dump())
    reply.restated_questions = [restated]
    exchange = Exchange(id="reply-only", provenance=provenance(), documents=[reply])
    html = render_report([exchange])
    reader = read_page(html)
    assert reader.doc_texts == [reply.text]
    assert "No interpellation was paired with this reply." in html
    assert "No reply was paired" not in html
    assert html.index("No interpellation was paired") < html.index('class="doctext"')
    assert "Salar Rashid (S)" in html and "Karin Ernlund (C)" in html and "KS 2021/417" in html
    marks = [a for _, a in reader.attrs if "rs" in (a.get("class") or "").split()]
    assert [a["data-n"] for a in marks] == ["2"]


def test_histogram_only_for_several_exchanges(seed: Exchange) -> None:
    assert "Labels per addressee" not in render_report([seed])
    other = seed_exchange()
    other.documents[0].metadata.addressee = Person(
        name="Anna König Jerlmyr", party="M", role="finansborgarråd"
    )
    other.id = "other"
    html = render_report([seed, other])
    assert "Labels per addressee" in html
    assert "Anna König Jerlmyr (M)" in html
    assert "Labels per addressee’s party" in html
    assert 'href="#x1-q2"' in html


def test_normalized_values() -> None:
    assert format_number(54_700_000.0) == "54 700 000"
    assert format_number(2.5) == "2.5"
    assert format_number(None) == "?"
    amount = Amount(
        start=0, end=1, text="x", label="PERCENT", value_from=3, value_to=5, unit="percent", mod="APPROX"
    )
    assert amount_value(amount) == "≈ 3–5 percent"
    per = Amount(start=0, end=1, text="x", label="MONEY", value=120, unit="SEK", per="invånare")
    assert amount_value(per) == "120 SEK per invånare"
    date = DateMention(
        start=0,
        end=1,
        text="x",
        label="DATE",
        value="2021-SP",
        grain="season",
        relative=True,
        anchor="2021-03-22",
    )
    assert date_value(date) == "2021-SP (season, relative to 2021-03-22)"


def test_write_report_and_cli_on_the_real_pipeline(annotated_seeds: list[Exchange], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from debatt_nlp.cli import app
    from debatt_nlp.export.jsonl import write_jsonl

    annotations, out = tmp_path / "a.jsonl", tmp_path / "r.html"
    write_jsonl(annotations, annotated_seeds)  # what `debatt-nlp annotate` writes
    result = CliRunner().invoke(app, ["report", str(annotations), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    reader = read_page(html)
    assert reader.doc_texts == [d.text for x in annotated_seeds for d in x.documents]
    rows = [a["data-q"] for t, a in reader.attrs if t == "tr" and "data-q" in a]
    assert rows == [str(q.n) for x in annotated_seeds for q in x.questions]
    assert len(rows) == 3  # the seed interpellation asks three numbered questions
    write_report(tmp_path / "again.html", annotated_seeds)
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == html  # deterministic
