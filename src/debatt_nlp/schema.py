"""The output contract of debatt-nlp.

These pydantic models ARE the output format: the JSONL writer serialises them, the tables are
flattened from them, `debatt-nlp schema` prints their JSON Schema and docs/output-format.md is
generated from them. Nothing else defines a field.

Offsets: every span's `start`/`end` are character offsets (Python str indices) into the ORIGINAL
text of the document it belongs to (`Document.text`, verbatim as decoded from the file), and
`text == document.text[start:end]` always holds. Question offsets point into the interpellation,
answer spans into the reply.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------
# Spans
# --------------------------------------------------------------------------------------------


class Span(_Model):
    """A stretch of one document's original text."""

    start: int = Field(ge=0, description="Start offset into the original document text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the original document text.")
    text: str = Field(description="The original text between start and end, verbatim.")


class Evidence(Span):
    """A span that made a rule fire, with the rule's name."""

    rule: str = Field(description="Identifier of the rule or pattern that matched.")
    cue: str | None = Field(default=None, description="The lexicon cue or trigger, if any.")


class Warning_(_Model):
    """Something the reader of the output should know about a document."""

    code: str = Field(description="Stable machine-readable code, e.g. 'encoding_fallback'.")
    message: str


# --------------------------------------------------------------------------------------------
# Document layers
# --------------------------------------------------------------------------------------------


class DocumentRole(StrEnum):
    interpellation = "interpellation"
    reply = "reply"
    other = "other"


class Classification(_Model):
    role: DocumentRole
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class Person(_Model):
    name: str | None = None
    party: str | None = Field(default=None, description="Party letters as written, e.g. 'S', 'kd'.")
    role: str | None = Field(default=None, description="Title or office, e.g. 'arbetsmarknadsborgarrådet'.")
    span: Span | None = Field(default=None, description="Where the name stands in the document.")


class Metadata(_Model):
    title: str | None = Field(default=None, description="The document's title line, whitespace-normalised.")
    topic: str | None = Field(default=None, description="What the interpellation is about ('om …').")
    author: Person | None = None
    addressee: Person | None = None
    date: str | None = Field(default=None, description="ISO date of the document (signature or header).")
    place: str | None = None
    dnr: str | None = Field(default=None, description="Diary number, e.g. 'KS 2021/417'.")
    riksdag_number: str | None = Field(default=None, description="e.g. '2018/19:260'.")
    body: str | None = Field(
        default=None,
        description="The assembly the document belongs to: 'Riksdagen', 'Danderyds kommun', 'Region Västmanland'.",
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Where each field was read from; `rule` names the field."
    )
    sources: dict[str, Literal["text", "sidecar"]] = Field(
        default_factory=dict,
        description="Where each filled field came from: 'text' (a span in `evidence`) or 'sidecar' (the "
        "archive metadata file given with --metadata or found in the input folder). Keys: title, topic, "
        "date, place, dnr, riksdag_number, body, author.name, author.party, author.role, addressee.name, ….",
    )


class Paragraph(Span):
    index: int = Field(ge=0, description="0-based index among the document's non-empty blocks.")


class Sentence(Span):
    pass


class Entity(Span):
    label: str = Field(description="PER, ORG, LOC, PARTY; model labels such as EVN, WRK kept as-is.")
    norm: str | None = Field(default=None, description="Canonical form folding inflections.")
    party: str | None = None
    role: str | None = None
    source: str = Field(default="model", description="model | gazetteer | rule")


class AmountLabel(StrEnum):
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    QUANTITY = "QUANTITY"


class Mod(StrEnum):
    MORE_THAN = "MORE_THAN"
    LESS_THAN = "LESS_THAN"
    APPROX = "APPROX"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    START = "START"
    MID = "MID"
    END = "END"


class Amount(Span):
    label: AmountLabel
    value: float | None = Field(
        default=None, description="Numeric value in base units (54,7 miljoner → 54700000)."
    )
    value_from: float | None = None
    value_to: float | None = None
    unit: str | None = Field(default=None, description="SEK, EUR, USD, percent, percentage_points, …")
    unit_inferred: bool = Field(
        default=False, description="True when the unit came from context, not the span."
    )
    per: str | None = Field(
        default=None, description="Per-unit phrase, e.g. 'invånare' in 'kronor per invånare'."
    )
    mod: Mod | None = None


class DateLabel(StrEnum):
    DATE = "DATE"
    DURATION = "DURATION"
    SET = "SET"


class DateMention(Span):
    label: DateLabel
    value: str | None = Field(
        default=None, description="TIMEX3-style value: 2021-03-22, 2021-03, 2021-SP, 1999-Q3, P5Y."
    )
    value_from: str | None = None
    value_to: str | None = None
    grain: str | None = Field(
        default=None, description="day | month | season | quarter | half | year | decade …"
    )
    mod: Mod | None = None
    relative: bool = False
    anchor: str | None = Field(
        default=None, description="ISO date the relative expression was resolved against."
    )


class RestatedQuestion(Span):
    """A reply's restatement of one of the interpellation's questions."""

    n: int = Field(ge=1)


class Document(_Model):
    id: str = Field(description="Stable id: the file's path relative to the input root, or the JSONL id.")
    path: str | None = None
    sha256: str = Field(description="SHA-256 of the raw input bytes.")
    encoding: str = Field(
        description="How the bytes were decoded (or 'pdf', 'docx', 'tei' for extracted text)."
    )
    source_format: str = Field(default="txt", description="txt | pdf | docx | tei | jsonl")
    source_metadata: dict[str, Any] | None = Field(
        default=None, description="Metadata the source itself carries (TEI header, JSONL fields), verbatim."
    )
    role: DocumentRole
    classification: Classification
    text: str = Field(description="The original text, verbatim. All offsets index this string.")
    metadata: Metadata = Field(default_factory=Metadata)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    repairs: list[Evidence] = Field(
        default_factory=list, description="Removed page headers, joined line breaks, hyphenations."
    )
    restated_questions: list[RestatedQuestion] = Field(
        default_factory=list, description="In a reply: where it restates the interpellation's questions."
    )
    entities: list[Entity] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Questions, alignment, directness
# --------------------------------------------------------------------------------------------


class AnswerSpan(Span):
    """A stretch of the reply that addresses a question (offsets into the reply)."""

    method: str = Field(description="restatement | explicit_reference | joint | content")
    confidence: float = Field(ge=0.0, le=1.0)
    paragraph: int | None = Field(default=None, description="Index of the reply paragraph, if whole.")


class DirectnessComponent(_Model):
    name: str
    value: float | bool | None
    rule: str
    evidence: list[Evidence] = Field(default_factory=list)


class Directness(_Model):
    label: Literal["reply", "partial", "non_reply"]
    evasion_type: Literal[
        "explicit",
        "implicit",
        "partial",
        "general",
        "deflection",
        "dodging",
        "declining",
        "claims_ignorance",
        "clarification",
    ]
    score: float = Field(ge=0.0, le=1.0)
    probabilities: dict[str, float] = Field(
        default_factory=dict,
        description="Per-class probabilities of the directness model: reply, partial, non_reply (sum 1).",
    )
    question_type: str
    expected_answer: str
    components: list[DirectnessComponent] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    scheme_version: str


class Question(Span):
    """One question item of the interpellation (offsets into the interpellation)."""

    n: int = Field(ge=1)
    marker: Literal["numbered", "bulleted", "line", "prose"] = Field(
        description="numbered '1.', bulleted '–', line (an unmarked list: one question per line), "
        "prose (a question sentence of the closing block)"
    )
    clean_text: str = Field(description="The item's text with line breaks and page damage repaired.")
    restated_in_reply: Span | None = Field(default=None, description="Offsets into the reply.")
    answer_spans: list[AnswerSpan] = Field(default_factory=list)
    directness: Directness | None = None


class PairingEvidence(_Model):
    kind: str = Field(description="riksdag_number | author | addressee | title | restated_questions | …")
    detail: str
    score: float


class Pairing(_Model):
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[PairingEvidence] = Field(default_factory=list)


class ModelInfo(_Model):
    name: str
    version: str


class Provenance(_Model):
    tool_version: str
    schema_version: str = Field(
        default_factory=lambda: schema_fingerprint(),
        description="Fingerprint of the JSON Schema of these records (computed from this module).",
    )
    pipeline: list[str] = Field(description="Names of the pipeline stages/components that ran.")
    model: ModelInfo
    ruleset_version: str = Field(
        description="Fingerprint of everything that made the record: the code and data files of every "
        "stage, the schema and the model (computed by the runner, never set by hand)."
    )
    layer_versions: dict[str, str] = Field(
        default_factory=dict,
        description="Fingerprint of each stage (ingest, repair, segment, annotate, assemble, pair, "
        "align_score) from the package files it runs, and of the model.",
    )
    backend: str = Field(
        default="spacy", description="spacy | stanza: what tokenized, tagged and found names."
    )


class Exchange(_Model):
    """One output record: an interpellation with its reply, or an unpaired document."""

    id: str
    provenance: Provenance
    documents: list[Document] = Field(description="Interpellation first, then its reply.")
    questions: list[Question] = Field(default_factory=list)
    pairing: Pairing | None = None


class InputError(_Model):
    """An input that could not be annotated: reported, never dropped."""

    path: str
    reason: str
    exception: str | None = None
    stage: str = Field(description="ingest | annotate | …")


@cache
def schema_fingerprint() -> str:
    """The contract's own version: a digest of the JSON Schema of the output records, so that any
    change to a field, a type or a description gives records a new `schema_version`."""
    schema = json.dumps(Exchange.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(schema.encode("utf-8")).hexdigest()[:16]
