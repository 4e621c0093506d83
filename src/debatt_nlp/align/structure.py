"""Reply structure for alignment: paragraphs, sentences and the role of each paragraph.

Roles (`ParagraphRole`):
- `preamble`: greeting, thanks or a title block before the reply restates the questions;
- `restatement`: "X har frågat mig om … och om …" — restates the questions, is not the answer;
- `restated_item`: one restated question of a list ("1. Har …?") following a restatement lead;
- `formal`: "Arbetet inom regeringen är så fördelat att det är jag som ska svara …";
- `closing`: date line and signature at the end;
- `body`: everything else — the answer proper.

The patterns are data in `data/structure.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from debatt_nlp.data_files import read_data_yaml
from debatt_nlp.schema import Paragraph

_ABBREV_RE = re.compile(
    r"(?:\b(?:bl|t|s|m|d|o|ca|dvs|jfr|nr|prop|rskr|bet|kap|st|resp|ev|fr|mfl|mm|osv|etc|f|tf|vs|p|"
    r"proc|milj|mdr|kr|jan|feb|aug|sept|okt|nov|dec|prof|dr|inkl|exkl|exkl|bl\.a|t\.ex|s\.k|m\.m|d\.v\.s)\.)$",
    re.IGNORECASE,
)
_SENT_END_RE = re.compile(r"[.!?…]+[”\"»')\]]*(?=\s+[\"”»'(\[–—-]?\s*[A-ZÅÄÖÉ0-9])")


@cache
def patterns() -> dict[str, Any]:
    return read_data_yaml("debatt_nlp.align", "data", "structure.yaml")


@cache
def compiled(name: str) -> re.Pattern[str]:
    """One alternation of the regexes listed under `name` in structure.yaml (case-insensitive)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns()[name]), re.IGNORECASE)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty blocks separated by blank (or whitespace-only) lines, indexed from 0.

    Span = first to last non-whitespace character of the block (the gold convention)."""
    out: list[Paragraph] = []
    start = end = None
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            s = pos + len(line) - len(line.lstrip())
            e = pos + len(line.rstrip())
            if start is None:
                start = s
            end = e
        elif start is not None and end is not None:
            out.append(Paragraph(start=start, end=end, text=text[start:end], index=len(out)))
            start = end = None
        pos += len(line) + 1
    if start is not None and end is not None:
        out.append(Paragraph(start=start, end=end, text=text[start:end], index=len(out)))
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] (offsets into `text`); line breaks inside are ignored."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cut = start
    for m in _SENT_END_RE.finditer(text, start, end):
        before = text[cut : m.start() + 1]
        if text[m.start()] == "." and _ABBREV_RE.search(before.split()[-1] if before.split() else ""):
            continue
        word = before.split()[-1] if before.split() else ""
        if text[m.start()] == "." and (word[:-1].isdigit() and len(before.split()) == 1):
            continue  # a list marker "1."
        spans.append((cut, m.end()))
        cut = m.end()
    spans.append((cut, end))
    out = []
    for s, e in spans:
        piece = text[s:e]
        s2 = s + len(piece) - len(piece.lstrip())
        e2 = s + len(piece.rstrip())
        if e2 > s2:
            out.append((s2, e2))
    return out


@dataclass
class ParagraphInfo:
    index: int
    start: int
    end: int
    text: str
    role: str = "body"
    joint: bool = False  # a "jag väljer att besvara frågorna samlat" cue stands here
    intro: bool = False  # "Inledningsvis vill jag …"
    sentences: list[tuple[int, int]] = field(default_factory=list)


def _strip_greeting(text: str) -> str:
    return compiled("greeting").sub("", text, count=1).strip()


def _residual(text: str) -> str:
    """The paragraph without greeting, formal and joint-answer sentences."""
    rest = _strip_greeting(text)
    for name in ("formal", "joint"):
        rest = compiled(name).sub("", rest)
    return rest


def classify_paragraphs(
    paragraphs: list[Paragraph], is_restated_item: Any = None, max_restatement_index: int = 3
) -> list[ParagraphInfo]:
    """Assign a role to each paragraph (see the module doc).

    `is_restated_item(text) -> bool` decides whether a paragraph following a restatement lead restates
    one question (the aligner passes a content-overlap test)."""
    from debatt_nlp.align.text import content_stems

    infos = [ParagraphInfo(p.index, p.start, p.end, p.text) for p in paragraphs]
    restate = compiled("restatement")
    # 1. The opening restatement: the first paragraph (among the first few) that restates a question.
    first = None
    for info in infos[: max_restatement_index + 1]:
        if restate.search(info.text):
            first = info.index
            break
    if first is not None:
        for info in infos[:first]:
            info.role = "preamble"
        i = first
        while i < len(infos):
            info = infos[i]
            previous = infos[i - 1] if i > 0 else None
            announces_list = previous is not None and (
                previous.role == "restated_item"
                or (
                    previous.role == "restatement"
                    and re.search(r"(?::|[^.!?:])$", previous.text.rstrip()) is not None
                )
            )
            if i == first or (restate.search(info.text) and not _is_long_body(info.text)):
                info.role = "restatement"
            elif announces_list and is_restated_item is not None and is_restated_item(info.text):
                info.role = "restated_item"
            elif len(content_stems(_residual(info.text))) < 3:
                info.role = "formal"
            else:
                break
            i += 1
    else:
        # No restatement: only a greeting-only / formal paragraph can precede the body.
        for info in infos:
            if len(content_stems(_residual(info.text))) < 3:
                info.role = "formal"
            else:
                break
    # 2. Formal paragraphs anywhere; joint and intro cues.
    for info in infos:
        if (
            info.role == "body"
            and len(content_stems(_residual(info.text))) < 3
            and compiled("formal").search(info.text)
        ):
            info.role = "formal"
        if compiled("joint").search(info.text):
            info.joint = True
        if info.role == "body" and compiled("intro").search(_strip_greeting(info.text)[:80]):
            info.intro = True
    # 3. Closing: a date line and everything short after it; a short name line at the very end.
    date_line = compiled("closing_date")
    for info in infos:
        if info.role == "body" and date_line.fullmatch(info.text.strip()):
            for later in infos[info.index :]:
                if len(later.text.split()) <= 8:
                    later.role = "closing"
            break
    while infos and infos[-1].role == "body" and _is_signature(infos[-1].text):
        infos[-1].role = "closing"
        break
    return infos


def _is_long_body(text: str) -> bool:
    return len(text) > 600 and not compiled("restatement").match(_strip_greeting(text))


def _is_signature(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and not re.search(r"[.!?:]$", text.strip()) and words[0][:1].isupper()
