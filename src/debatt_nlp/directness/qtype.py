"""Question typing from Swedish surface form (pure; rules in lexicons/question_types.yaml).

A question item is split into its coordinated parts ("Anser ministern X, och om inte, vad avser
ministern att göra åt detta?" -> a polar stance part and a conditional wh/measures part); each part
gets a *category* and the *expected answer* that category implies:

| category        | form  | example                                   | expected answer          |
|-----------------|-------|-------------------------------------------|--------------------------|
| intention       | polar | "Avser statsrådet att …?", "Kommer … att" | commitment_or_refusal    |
| stance_polar    | polar | "Anser ministern att …?", "Delar …"       | stance                   |
| factual_polar   | polar | "Har …?", "Finns det …?", "Är det …?"     | yes_no                   |
| measures        | wh    | "Vilka åtgärder …?", "Hur avser … att …?" | measures                 |
| opinion         | wh    | "Vad tycker …?", "Hur ser … på …?"        | stance                   |
| time            | wh    | "När …?", "och i så fall när?"            | date                     |
| amount          | wh    | "Hur många/mycket …?", "Med hur mycket"   | amount                   |
| reason          | wh    | "Varför …?", "och om inte, varför?"       | reason                   |
| information     | wh    | other "Vilka/Vad/Hur …?"                  | information              |
| other           | —     | no interrogative form recognised          | information              |
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from debatt_nlp.directness.lexicon import load_yaml

EXPECTED = {
    "intention": "commitment_or_refusal",
    "stance_polar": "stance",
    "factual_polar": "yes_no",
    "measures": "measures",
    "opinion": "stance",
    "time": "date",
    "amount": "amount",
    "reason": "reason",
    "information": "information",
    "other": "information",
}
FORM = {
    "intention": "polar",
    "stance_polar": "polar",
    "factual_polar": "polar",
    "measures": "wh",
    "opinion": "wh",
    "time": "wh",
    "amount": "wh",
    "reason": "wh",
    "information": "wh",
    "other": "other",
}


@dataclass(frozen=True)
class QuestionPart:
    start: int  # offsets into the question text given to type_question
    end: int
    text: str
    category: str
    expected_answer: str
    conditional: bool  # "om inte, …", "i så fall …": depends on the answer to the previous part
    rule: str
    cue: str | None = None

    @property
    def form(self) -> str:
        return FORM[self.category]


@dataclass(frozen=True)
class QuestionType:
    parts: tuple[QuestionPart, ...] = field(default_factory=tuple)

    @property
    def multi(self) -> bool:
        return len(self.parts) > 1

    @property
    def category(self) -> str:
        return self.parts[0].category if self.parts else "other"

    @property
    def form(self) -> str:
        return FORM[self.category]

    @property
    def expected_answer(self) -> str:
        return " + ".join(dict.fromkeys(p.expected_answer for p in self.parts)) or "information"

    @property
    def label(self) -> str:
        """e.g. 'polar/intention' or 'multi: polar/stance_polar + wh/measures'."""
        names = [f"{p.form}/{p.category}" for p in self.parts] or ["other/other"]
        return names[0] if len(names) == 1 else "multi: " + " + ".join(names)


@cache
def _rules() -> dict:
    return load_yaml("question_types")


@cache
def _compiled(key: str) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for entry in _rules()[key]:
        out.append(
            (entry["category"] if "category" in entry else entry["id"], re.compile(entry["pattern"], re.I))
        )
    return out


_MARKER_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-–•*])\s*")


def _strip_preface(text: str) -> tuple[int, bool]:
    """Offset after a leading conditional/adverbial preface ("Om så är fallet, ", "Mot bakgrund av X, ")."""
    for name, pat in _compiled("prefaces"):
        m = pat.match(text)
        if m:
            return m.end(), name == "conditional"
    return 0, False


def _categorise(text: str) -> tuple[str, str, str | None]:
    """(category, rule id, cue) for one part, read at its start."""
    for category, pat in _compiled("patterns"):
        m = pat.match(text)
        if m:
            return category, f"qtype.{category}", m.group(0).strip()
    return "other", "qtype.other", None


def type_question(text: str) -> QuestionType:
    """Type a question item (its text as in the interpellation; a leading '1.' is ignored)."""
    m = _MARKER_RE.match(text)
    offset = m.end() if m and not text[m.end() :].startswith(("-", "–")) else 0
    cuts = [offset]
    split_re = re.compile(
        "|".join(f"(?:{p})" for _n, p in [(e["id"], e["pattern"]) for e in _rules()["splits"]]), re.I
    )
    for sm in split_re.finditer(text, offset):
        if sm.start() > offset + 10:
            cuts.append(sm.start())
    cuts.append(len(text))
    parts: list[QuestionPart] = []
    for i, (a, b) in enumerate(itertools.pairwise(cuts)):
        seg = text[a:b]
        lead = len(seg) - len(re.sub(r"^[\s,;]*(?:och|samt|men)?[\s,]*", "", seg, flags=re.I))
        seg_body = seg[lead:]
        skip, conditional = _strip_preface(seg_body)
        core = seg_body[skip:]
        category, rule, cue = _categorise(core)
        if category == "other" and skip:
            category, rule, cue = _categorise(seg_body)
        start = a + lead
        end = a + len(seg.rstrip(" ,;"))
        parts.append(
            QuestionPart(
                start=start,
                end=end,
                text=text[start:end],
                category=category,
                expected_answer=EXPECTED[category],
                conditional=conditional and i > 0,
                rule=rule,
                cue=cue,
            )
        )
    return QuestionType(tuple(p for p in parts if p.text.strip()))
