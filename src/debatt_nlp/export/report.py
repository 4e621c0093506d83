"""A reading view: annotated exchanges as one self-contained HTML page (no server, no network).

The page is rendered with Jinja2 from templates shipped as package data (export/templates/); CSS and
JS are inlined and a Content-Security-Policy forbids every fetch, so the file opens from disk anywhere.

Highlighting works from offsets only. Every layer (paragraphs, questions, restatements, answer spans,
directness evidence, entities, amounts, dates, repairs) is a `Mark` over the document text; the text is
cut at every mark boundary and the pieces are wrapped in properly nested elements (a mark that crosses
another is split into several elements carrying the same attributes). Nothing but tags is added: the
text content of a rendered document is `Document.text`, verbatim (`document_html`), so what the reader
sees is what the offsets index. Every piece of text and every attribute value is escaped.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from debatt_nlp import __version__
from debatt_nlp.export.atomic import atomic_writer
from debatt_nlp.schema import (
    Amount,
    DateMention,
    Directness,
    Document,
    Entity,
    Evidence,
    Exchange,
    Person,
    Span,
)

# displaCy's colour habits, mapped onto our labels.
LABEL_COLOURS: dict[str, str] = {
    "PER": "#aa9cfc",
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#ff9561",
    "GPE": "#feca74",
    "PARTY": "#c887fb",
    "NORP": "#c887fb",
    "EVN": "#ffeb80",
    "EVENT": "#ffeb80",
    "WRK": "#f0d0ff",
    "WORK_OF_ART": "#f0d0ff",
    "PRS": "#aa9cfc",
    "TME": "#bfe1d9",
    "MSR": "#e4e7d2",
    "OBJ": "#bfeeb7",
    "MONEY": "#e4e7d2",
    "PERCENT": "#e4e7d2",
    "QUANTITY": "#e4e7d2",
    "DATE": "#bfe1d9",
    "DURATION": "#bfe1d9",
    "SET": "#bfe1d9",
}
DEFAULT_COLOUR = "#ddd"
DIRECTNESS_LABELS = ("reply", "partial", "non_reply")
NOT_SCORED = "not scored"
MOD_SIGNS = {
    "MORE_THAN": "> ",
    "LESS_THAN": "< ",
    "APPROX": "≈ ",
    "EQUAL_OR_MORE": "≥ ",
    "EQUAL_OR_LESS": "≤ ",
    "START": "start of ",
    "MID": "middle of ",
    "END": "end of ",
}

# Nesting order: blocks (paragraphs) are always outermost, then inline marks by position; among marks
# with the same offsets the lower rank is outer.
BLOCK, INLINE = 0, 1
RANK = {"question": 0, "restated": 1, "answer": 2, "repair": 3, "entity": 4, "amount": 5, "date": 6}
RANK_EVIDENCE, RANK_NEWLINE = 7, 9
LONG_EVIDENCE = 80  # characters: cue-less evidence longer than a clause is not underlined

_LIST_START = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|[-–—•*▪·])\s")
_SAFE_CSS_LABEL = re.compile(r"[^A-Za-z0-9_-]")


# --------------------------------------------------------------------------------------------
# Offsets → nested markup
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch of a document's text, to be rendered as an element."""

    start: int
    end: int
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    group: int = INLINE
    rank: int = 5
    tag: str = "span"


@dataclass
class _Piece:
    mark: Mark
    start: int
    end: int = -1


def render_marked(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` with every mark wrapped around its stretch, escaped; tags are the only addition.

    Marks may overlap, nest or cross; out-of-range marks are clipped and empty ones dropped. The
    element pieces of one mark carry class `cl` where they continue a piece on their left and `cr`
    where one continues on their right (for rounded corners only at the true ends).
    """
    n = len(text)
    kept: list[Mark] = []
    for mark in marks:
        start, end = max(0, min(mark.start, n)), max(0, min(mark.end, n))
        if start < end:
            kept.append(
                mark if (start, end) == (mark.start, mark.end) else replace(mark, start=start, end=end)
            )
    order = {id(m): i for i, m in enumerate(kept)}

    def key(m: Mark) -> tuple[int, int, int, int, int]:
        return (m.group, m.start, -m.end, m.rank, order[id(m)])

    bounds = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    starting: dict[int, list[Mark]] = {}
    for m in kept:
        starting.setdefault(m.start, []).append(m)
    out: list[str | _Piece] = []
    stack: list[_Piece] = []
    active: list[Mark] = []
    for a, b in pairwise(bounds):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        wanted = sorted(active, key=key)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep].mark is wanted[keep]:
            keep += 1
        for piece in reversed(stack[keep:]):
            piece.end = a
            out.append(f"</{piece.mark.tag}>")
        del stack[keep:]
        for m in wanted[keep:]:
            piece = _Piece(m, a)
            stack.append(piece)
            out.append(piece)
        out.append(str(escape(text[a:b])))
    for piece in reversed(stack):
        piece.end = n
        out.append(f"</{piece.mark.tag}>")
    return Markup("".join(item if isinstance(item, str) else _open_tag(item) for item in out))


def _open_tag(piece: _Piece) -> str:
    mark = piece.mark
    classes = mark.classes
    if piece.start > mark.start:
        classes += " cl"
    if piece.end < mark.end:
        classes += " cr"
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in mark.attrs)
    return f'<{mark.tag} class="{escape(classes)}"{attrs}>'


def strip_tags(html: str) -> str:
    """The text of rendered markup: tags removed, entities decoded (the inverse of `render_marked`)."""
    return html_lib.unescape(re.sub(r"<[^>]*>", "", html))


# --------------------------------------------------------------------------------------------
# Layout marks: paragraphs, text outside them, soft line breaks
# --------------------------------------------------------------------------------------------


def layout_marks(document: Document) -> list[Mark]:
    """Blocks for the paragraphs (and any text between them), and soft line breaks inside blocks.

    Whitespace between blocks becomes a `gap` (hidden in the reading layout, shown in the original
    layout). A line break inside a block is `soft` (shown as a space) when it ends a long line and the
    next line does not start a list item: hard-wrapped PDF text then reflows to the column.
    """
    text = document.text
    n = len(text)
    paragraphs = sorted((max(0, p.start), min(p.end, n)) for p in document.paragraphs if p.start < p.end)
    blocks: list[tuple[int, int, str]] = []
    cursor = 0
    for start, end in paragraphs:
        if start < cursor:  # overlapping paragraphs: keep the first
            start = cursor
        if start >= end:
            continue
        if cursor < start:
            blocks.extend(_gap_blocks(text, cursor, start))
        blocks.append((start, end, "para"))
        cursor = end
    if cursor < n:
        blocks.extend(_gap_blocks(text, cursor, n))
    typical = _typical_line_length(text)
    marks: list[Mark] = []
    for start, end, kind in blocks:
        if kind == "gap":
            marks.append(Mark(start, end, "gap", group=BLOCK, rank=0))
            continue
        marks.append(Mark(start, end, kind, group=BLOCK, rank=0, tag="div"))
        for match in re.finditer(r"[ \t\r]*\n[ \t\r\n]*", text[start:end]):
            a, b = start + match.start(), start + match.end()
            line_start = text.rfind("\n", 0, a) + 1
            line = text[max(line_start, start) : a].strip()
            line_end = text.find("\n", b, end)
            next_line = text[b : line_end if line_end != -1 else end]
            blank_line = match.group().count("\n") > 1
            soft = (
                not blank_line
                and len(line) >= 0.6 * typical
                and not _LIST_START.match(next_line)
                and not line.endswith(":")
            )
            marks.append(Mark(a, b, "nl soft" if soft else "nl", rank=RANK_NEWLINE))
    return marks


def _gap_blocks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Text outside paragraphs: whitespace is a gap; anything else is shown as an `outside` block."""
    stretch = text[start:end]
    core = stretch.strip()
    if not core:
        return [(start, end, "gap")]
    a = start + (len(stretch) - len(stretch.lstrip()))
    b = a + len(core)
    blocks = [(start, a, "gap")] if start < a else []
    blocks.append((a, b, "para outside"))
    if b < end:
        blocks.append((b, end, "gap"))
    return blocks


def _typical_line_length(text: str) -> float:
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return 0.0
    return float(lengths[min(len(lengths) - 1, math.floor(0.9 * len(lengths)))])


# --------------------------------------------------------------------------------------------
# Annotation marks and their hover texts
# --------------------------------------------------------------------------------------------


def format_number(value: float | None) -> str:
    """54700000.0 → '54 700 000'; 2.5 → '2.5'; thousands grouped with spaces."""
    if value is None or not math.isfinite(value):
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    whole, _, fraction = f"{value:,.4f}".rstrip("0").partition(".")
    return whole.replace(",", " ") + ("." + fraction if fraction else "")


def amount_value(amount: Amount) -> str:
    """The normalized value of an amount, e.g. '54 700 000 SEK', '≈ 3–5 percent', '120 SEK per invånare'."""
    if amount.value_from is not None or amount.value_to is not None:
        number = f"{format_number(amount.value_from)}–{format_number(amount.value_to)}"
    elif amount.value is not None:
        number = format_number(amount.value)
    else:
        return ""
    parts = [MOD_SIGNS.get(amount.mod.value, "") + number if amount.mod else number]
    if amount.unit:
        parts.append(amount.unit + (" (inferred)" if amount.unit_inferred else ""))
    if amount.per:
        parts.append(f"per {amount.per}")
    return " ".join(parts)


def date_value(date: DateMention) -> str:
    """The normalized value of a date mention, e.g. '2021-03-22', '2020-01–2020-06', with grain."""
    if date.value_from or date.value_to:
        value = f"{date.value_from or '?'}–{date.value_to or '?'}"
    else:
        value = date.value or ""
    if date.mod and value:
        value = MOD_SIGNS.get(date.mod.value, "") + value
    extra = []
    if date.grain:
        extra.append(date.grain)
    if date.relative:
        extra.append(f"relative to {date.anchor}" if date.anchor else "relative")
    return value + (f" ({', '.join(extra)})" if extra and value else ", ".join(extra))


def entity_tip(entity: Entity) -> str:
    lines = [entity.label + (f" · {entity.norm}" if entity.norm else "")]
    details = []
    if entity.party:
        details.append(f"party {entity.party}")
    if entity.role:
        details.append(entity.role)
    details.append(f"source {entity.source}")
    lines.append(" · ".join(details))
    return "\n".join(lines)


def _label_class(label: str) -> str:
    return "l-" + _SAFE_CSS_LABEL.sub("_", label)


def mention_marks(document: Document) -> list[Mark]:
    marks: list[Mark] = []
    for entity in document.entities:
        marks.append(
            Mark(
                entity.start,
                entity.end,
                f"m ent {_label_class(entity.label)}",
                (("data-label", entity.label), ("data-tip", entity_tip(entity))),
                rank=RANK["entity"],
            )
        )
    valued: list[tuple[list[Amount] | list[DateMention], Callable[[Any], str], str, str]] = [
        (document.amounts, amount_value, "amt", "amount"),
        (document.dates, date_value, "date", "date"),
    ]
    for mentions, value_of, css, rank in valued:
        for mention in mentions:
            label, value = mention.label.value, value_of(mention)
            marks.append(
                Mark(
                    mention.start,
                    mention.end,
                    f"m {css} {_label_class(label)}",
                    (("data-label", label), ("data-tip", label + (f" · {value}" if value else ""))),
                    rank=RANK[rank],
                )
            )
    for repair in document.repairs:
        marks.append(
            Mark(
                repair.start,
                repair.end,
                "repair",
                (("data-tip", f"repair: {repair.rule}" + (f" · {repair.cue}" if repair.cue else "")),),
                rank=RANK["repair"],
            )
        )
    return marks


def _matches(document: Document | None, span: Span) -> bool:
    return (
        document is not None
        and 0 <= span.start < span.end <= len(document.text)
        and (document.text[span.start : span.end] == span.text)
    )


def asking_and_answering(exchange: Exchange) -> tuple[Document | None, Document | None]:
    """The document the questions' offsets index and the one the answer spans' offsets index.

    By position (interpellation first, then its reply), except that an unpaired reply answers.
    """
    docs = exchange.documents
    if len(docs) == 1 and docs[0].role.value == "reply":
        return None, docs[0]
    return (docs[0] if docs else None), (docs[1] if len(docs) > 1 else None)


def _trimmed(span: Span) -> tuple[int, int]:
    """The span's offsets without its leading and trailing whitespace (all of it, if blank)."""
    lead = len(span.text) - len(span.text.lstrip())
    trail = len(span.text) - len(span.text.rstrip())
    return span.start + lead, max(span.start + lead, span.end - trail)


def exchange_marks(exchange: Exchange) -> tuple[list[Mark], list[Mark]]:
    """Question-layer marks for the asking document (questions) and the answering one (reply spans)."""
    first, second = asking_and_answering(exchange)
    on_first: list[Mark] = []
    on_second: list[Mark] = []
    restated: set[tuple[int, int, int]] = set()
    for q in exchange.questions:
        n = str(q.n)
        if first is not None:  # an unpaired reply has no document that the questions' offsets index
            on_first.append(
                Mark(
                    q.start,
                    q.end,
                    "q sel",
                    (("data-q", n), ("data-n", n), ("data-tip", f"Question {q.n} ({q.marker})")),
                    rank=RANK["question"],
                )
            )
        if q.restated_in_reply is not None and second is not None:
            restated.add((q.restated_in_reply.start, q.restated_in_reply.end, q.n))
        for span in q.answer_spans:
            tip = f"Answer to question {q.n} · {span.method} · confidence {span.confidence:.2f}"
            if span.paragraph is not None:
                tip += f" · paragraph {span.paragraph}"
            on_second.append(
                Mark(span.start, span.end, "ans", (("data-q", n), ("data-tip", tip)), rank=RANK["answer"])
            )
        for evidence in directness_evidence(q.directness):
            tip = f"Evidence for question {q.n} · {evidence.rule}" + (
                f" · cue “{evidence.cue}”" if evidence.cue else ""
            )
            # Only a cue earns the loud style (wavy underline and a tag with the cue). Evidence without
            # one is often a whole answer paragraph: underlining that would drown the page, so a long
            # one only carries its tooltip.
            if evidence.cue:
                classes, attrs = "ev hascue", (("data-q", n), ("data-cue", evidence.cue), ("data-tip", tip))
            else:
                long = evidence.end - evidence.start > LONG_EVIDENCE
                classes, attrs = "ev long" if long else "ev", (("data-q", n), ("data-tip", tip))
            # trimmed, so that the cue's tag sits right after the last word, not after a line break
            start, end = _trimmed(evidence)
            if _matches(second, evidence):
                on_second.append(Mark(start, end, classes, attrs, rank=RANK_EVIDENCE))
            elif _matches(first, evidence):
                on_first.append(Mark(start, end, classes, attrs, rank=RANK_EVIDENCE))
    if second is not None:
        for span in second.restated_questions:
            restated.add((span.start, span.end, span.n))
    for start, end, n in sorted(restated):
        on_second.append(
            Mark(
                start,
                end,
                "rs sel",
                (("data-q", str(n)), ("data-n", str(n)), ("data-tip", f"Restates question {n}")),
                rank=RANK["restated"],
            )
        )
    return on_first, on_second


def directness_evidence(directness: Directness | None) -> list[Evidence]:
    """The directness evidence and the components' evidence, without duplicates, in text order."""
    if directness is None:
        return []
    seen: dict[tuple[int, int, str, str | None], Evidence] = {}
    for evidence in [*directness.evidence, *(e for c in directness.components for e in c.evidence)]:
        seen.setdefault((evidence.start, evidence.end, evidence.rule, evidence.cue), evidence)
    return sorted(seen.values(), key=lambda e: (e.start, e.end))


def document_html(document: Document, extra: Sequence[Mark] = ()) -> Markup:
    """The document's text with its layout, mentions, repairs and `extra` marks as markup."""
    return render_marked(document.text, [*layout_marks(document), *mention_marks(document), *extra])


# --------------------------------------------------------------------------------------------
# View models for the templates
# --------------------------------------------------------------------------------------------


@dataclass
class ComponentView:
    name: str
    display: str
    width: float  # 0..100, the bar
    kind: str  # number | true | false | none
    rule: str


@dataclass
class QuestionView:
    n: int
    anchor: str
    marker: str
    text: str
    label: str  # reply | partial | non_reply | not scored
    score: float | None
    evasion_type: str | None
    question_type: str | None
    expected_answer: str | None
    scheme_version: str | None
    components: list[ComponentView]
    evidence: list[Evidence]
    answer_methods: list[str]
    n_answer_spans: int
    restated: bool


@dataclass
class DocumentView:
    role: str
    id: str
    path: str | None
    html: Markup
    metadata: Any
    warnings: list[Any]
    counts: dict[str, int]


@dataclass
class ExchangeView:
    index: int
    anchor: str
    id: str
    title: str
    asker: Person | None
    addressee: Person | None
    responder: Person | None
    asked_on: str | None
    answered_on: str | None
    dnr: str | None
    riksdag_number: str | None
    pairing: Any
    provenance: Any
    documents: list[DocumentView]
    questions: list[QuestionView]
    paired: bool
    missing: MissingPartner | None


@dataclass
class HistogramRow:
    name: str
    counts: dict[str, int]
    total: int
    segments: list[tuple[str, int, float]] = field(default_factory=list)  # label, count, width %


@dataclass(frozen=True)
class MissingPartner:
    """A placeholder column for the document an unpaired one lacks."""

    role: str
    message: str
    before: bool  # left of the document (a missing interpellation) or right of it (a missing reply)


def _missing_partner(documents: Sequence[Document]) -> MissingPartner | None:
    if len(documents) != 1:
        return None
    if documents[0].role.value == "reply":
        return MissingPartner("interpellation", "No interpellation was paired with this reply.", True)
    return MissingPartner("reply", "No reply was paired with this document.", False)


def _component_view(component: Any) -> ComponentView:
    value = component.value
    if isinstance(value, bool):
        return ComponentView(
            component.name,
            "yes" if value else "no",
            100.0 if value else 0.0,
            str(value).lower(),
            component.rule,
        )
    if value is None:
        return ComponentView(component.name, "—", 0.0, "none", component.rule)
    number = float(value)
    width = 0.0 if not math.isfinite(number) else max(0.0, min(1.0, number)) * 100
    return ComponentView(component.name, f"{number:.2f}", width, "number", component.rule)


def _person(person: Person | None) -> Person | None:
    return person if person is not None and (person.name or person.party or person.role) else None


def exchange_view(index: int, exchange: Exchange) -> ExchangeView:
    anchor = f"x{index}"
    docs = exchange.documents
    first = docs[0] if docs else None
    reply = next((d for d in docs[1:] if d.role.value == "reply"), docs[1] if len(docs) > 1 else None)
    if reply is None and first is not None and first.role.value == "reply":
        reply = first  # an unpaired reply: its metadata still says who asked whom
    asking, answering = asking_and_answering(exchange)
    on_asking, on_answering = exchange_marks(exchange)
    document_views = []
    for document in docs:
        extra = on_asking if document is asking else on_answering if document is answering else []
        document_views.append(
            DocumentView(
                role=document.role.value,
                id=document.id,
                path=document.path,
                html=document_html(document, extra),
                metadata=document.metadata,
                warnings=list(document.warnings),
                counts={
                    "entities": len(document.entities),
                    "amounts": len(document.amounts),
                    "dates": len(document.dates),
                },
            )
        )
    questions = []
    for q in exchange.questions:
        d = q.directness
        questions.append(
            QuestionView(
                n=q.n,
                anchor=f"{anchor}-q{q.n}",
                marker=q.marker,
                text=q.clean_text or q.text,
                label=d.label if d else NOT_SCORED,
                score=d.score if d else None,
                evasion_type=d.evasion_type if d else None,
                question_type=d.question_type if d else None,
                expected_answer=d.expected_answer if d else None,
                scheme_version=d.scheme_version if d else None,
                components=[_component_view(c) for c in d.components] if d else [],
                evidence=directness_evidence(d),
                answer_methods=sorted({s.method for s in q.answer_spans}),
                n_answer_spans=len(q.answer_spans),
                restated=q.restated_in_reply is not None,
            )
        )
    meta = first.metadata if first is not None else None
    reply_meta = reply.metadata if reply is not None else None
    is_interpellation = first is not None and first.role.value == "interpellation"
    title = (
        (meta.topic if meta else None)
        or (reply_meta.topic if reply_meta else None)
        or (meta.title if meta else None)
        or exchange.id
    )
    asker = _person(meta.author if meta and is_interpellation else None) or _person(
        reply_meta.addressee if reply_meta else None
    )
    addressee = _person(meta.addressee if meta and is_interpellation else None) or _person(
        reply_meta.author if reply_meta else None
    )
    return ExchangeView(
        index=index,
        anchor=anchor,
        id=exchange.id,
        title=title,
        asker=asker,
        addressee=addressee,
        responder=_person(reply_meta.author) if reply_meta else None,
        asked_on=meta.date if meta and is_interpellation else None,
        answered_on=reply_meta.date if reply_meta else None,
        dnr=(meta.dnr if meta else None) or (reply_meta.dnr if reply_meta else None),
        riksdag_number=(meta.riksdag_number if meta else None)
        or (reply_meta.riksdag_number if reply_meta else None),
        pairing=exchange.pairing,
        provenance=exchange.provenance,
        documents=document_views,
        questions=questions,
        paired=exchange.pairing is not None,
        missing=_missing_partner(docs),
    )


def person_name(person: Person | None) -> str:
    if person is None:
        return "unknown"
    name = person.name or person.role or "unknown"
    return f"{name} ({person.party})" if person.party else name


def histogram(views: Sequence[ExchangeView], key: str) -> list[HistogramRow]:
    """Directness labels counted per addressee (`key='addressee'`) or per addressee's party."""
    rows: dict[str, Counter[str]] = {}
    for view in views:
        person = view.addressee
        if key == "party":
            name = (person.party if person and person.party else "unknown").upper()
        else:
            name = person_name(person)
        counter = rows.setdefault(name, Counter())
        for q in view.questions:
            counter[q.label] += 1
    widest = max((sum(c.values()) for c in rows.values()), default=0) or 1
    result = []
    for name, counter in sorted(rows.items(), key=lambda item: (-sum(item[1].values()), item[0])):
        total = sum(counter.values())
        if not total:  # an addressee whose documents had no questions has nothing to show
            continue
        row = HistogramRow(name, dict(counter), total)
        for label in (*DIRECTNESS_LABELS, NOT_SCORED):
            if counter[label]:
                row.segments.append((label, counter[label], 100.0 * counter[label] / widest))
        result.append(row)
    return result


def legend(exchanges: Sequence[Exchange]) -> list[tuple[str, str, str]]:
    """(layer, label, colour) for every mention label present, in a stable order."""
    seen: dict[tuple[str, str], None] = {}
    for exchange in exchanges:
        for document in exchange.documents:
            for entity in document.entities:
                seen[("ent", entity.label)] = None
            for amount in document.amounts:
                seen[("amt", amount.label.value)] = None
            for date in document.dates:
                seen[("date", date.label.value)] = None
    order = {"ent": 0, "amt": 1, "date": 2}
    return [
        (layer, label, LABEL_COLOURS.get(label, DEFAULT_COLOUR))
        for layer, label in sorted(seen, key=lambda item: (order[item[0]], item[1]))
    ]


def label_styles(exchanges: Sequence[Exchange]) -> str:
    """CSS rules giving each mention label present its colour (labels sanitised to class names)."""
    rules = [f".{_label_class(label)}{{--c:{colour}}}" for _, label, colour in legend(exchanges)]
    return "\n".join(rules)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("debatt_nlp.export", "templates"),
        autoescape=select_autoescape(("html", "html.j2"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["person"] = person_name
    env.filters["mclass"] = _label_class
    env.filters["labclass"] = lambda label: "lab-" + _SAFE_CSS_LABEL.sub("_", str(label))
    env.filters["num"] = lambda value, digits=2: "" if value is None else f"{value:.{digits}f}"
    return env


def render_report(exchanges: Sequence[Exchange], *, title: str = "debatt-nlp report") -> str:
    """The report page as a string."""
    views = [exchange_view(i, exchange) for i, exchange in enumerate(exchanges)]
    template = _environment().get_template("report.html.j2")
    n_questions = sum(len(v.questions) for v in views)
    labels = Counter(q.label for v in views for q in v.questions)
    return template.render(
        title=title,
        exchanges=views,
        n_questions=n_questions,
        label_totals=[(label, labels[label]) for label in (*DIRECTNESS_LABELS, NOT_SCORED) if labels[label]],
        by_addressee=histogram(views, "addressee") if len(views) > 1 else [],
        by_party=histogram(views, "party") if len(views) > 1 else [],
        legend=legend(exchanges),
        label_css=Markup(label_styles(exchanges)),  # class names and colours are sanitised above
        directness_labels=(*DIRECTNESS_LABELS, NOT_SCORED),
        tool_version=__version__,
    )


def write_report(path: Path, exchanges: list[Exchange]) -> None:
    """Write the report for `exchanges` to `path` (atomically), as one self-contained HTML file."""
    html = render_report(exchanges)
    with atomic_writer(Path(path)) as handle:
        handle.write(html)
