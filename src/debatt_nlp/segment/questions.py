"""Split an interpellation into its question items; find a reply's restatement of them.

An item is a numbered ("1. …") or bulleted ("– …") entry of the closing question block or,
where the block has no list, each question sentence (ending in "?") of that block. The block
opens at the last cue such as "… vill jag fråga statsrådet:" (rules/questions.yaml); rhetorical
questions in the background text before it are not items. Works on the clean text (pure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from debatt_nlp.repair.pdf_damage import LIST_MARKER_RE
from debatt_nlp.segment.rules import load_rules
from debatt_nlp.segment.sentences import split_sentences

Marker = Literal["numbered", "bulleted", "line", "prose"]
_NUMBERED_RE = re.compile(r"^\(?(\d{1,2})[.)](?:\s|(?=[A-ZÅÄÖ]))")
_CLOSING = "”\"»')]"


@dataclass(frozen=True)
class QuestionItem:
    n: int
    start: int  # offsets into the clean text
    end: int
    marker: Marker


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    text: str


@cache
def _openers() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(p, re.IGNORECASE | re.MULTILINE) for p in load_rules("questions")["block_openers"]
    )


@cache
def _stop_lines() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_rules("questions")["stop_lines"])


@cache
def _markup_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of spaces and markup tokens at the start and at the end of a span."""
    run = rf"(?:\s|{load_rules('questions')['markup']})*"
    return re.compile(run), re.compile(run + r"\Z")


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) past leading and trailing markup tokens and spaces."""
    leading, trailing = _markup_edges()
    lead = leading.match(text, start, end)
    start = lead.end() if lead else start
    tail = trailing.search(text, start, end)
    return start, tail.start() if tail else end


def _markers(text: str) -> tuple[int, list[str]]:
    """The list markers that open `text` and the offset where the item's body starts. Some
    sources stack them: "– 1. Vilka …", "– <![if !supportLists]>- <![endif]>Vilka …"."""
    offset, _ = _strip_markup(text, 0, len(text))
    markers = []
    while offset < len(text) and (marker := LIST_MARKER_RE.match(text[offset:] + " ")):
        markers.append(marker.group().strip())
        offset, _ = _strip_markup(text, min(len(text), offset + marker.end()), len(text))
    return offset, markers


def _units(text: str, start: int = 0) -> list[_Unit]:
    """Non-blank lines; a line of nothing but markup (an empty Word paragraph) is blank."""
    units = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            left, right = _strip_markup(line, 0, len(line))
            if left < right:
                units.append(_Unit(pos + left, pos + right, line[left:right]))
        pos += len(line) + 1
    return units


def _is_stop(unit: _Unit) -> bool:
    return any(p.match(unit.text) for p in _stop_lines())


def _ends_question(text: str) -> bool:
    return text.rstrip(_CLOSING + " ").endswith("?")


def _cue_line_starts(text: str) -> list[int]:
    """Start of each line holding a cue, last first."""
    starts = {text.rfind("\n", 0, m.start()) + 1 for p in _openers() for m in p.finditer(text)}
    return sorted(starts, reverse=True)


def find_question_block(text: str) -> int | None:
    """Clean offset where the closing question block starts (start of the last cue's line), or None."""
    starts = _cue_line_starts(text)
    return starts[0] if starts else None


def split_questions(text: str) -> list[QuestionItem]:
    """Question items of an interpellation's clean text, numbered 1..N in document order.

    The block of the last cue counts; when it holds no question (a closing "Min fråga blir därför
    vilka åtgärder …." without "?"), the block of the cue before it, and so on; without any cue,
    the run of questions at the end of the text."""
    units = _units(text)
    for block_start in _cue_line_starts(text):
        items = _block_items(text, _until_stop([u for u in units if u.start >= block_start]))
        if items:
            return items
    return _block_items(text, _until_stop(_trailing_question_units(units)))


def _block_items(text: str, region: list[_Unit]) -> list[QuestionItem]:
    list_units = [u for u in region if _is_list_unit(u)]
    if list_units:
        lead = _unmarked_lead(region, list_units[0])
        return [
            *(QuestionItem(n, u.start, u.end, "line") for n, u in enumerate(lead, start=1)),
            *(_list_item(n, u) for n, u in enumerate(list_units, start=len(lead) + 1)),
        ]
    question_lines = [u for u in region if _ends_question(u.text)]
    if len(question_lines) >= 2 and _same_paragraph(text, question_lines):
        # An unmarked list: one question per line of one paragraph.
        return [QuestionItem(n, u.start, u.end, "line") for n, u in enumerate(question_lines, start=1)]
    items: list[QuestionItem] = []
    for unit in region:
        for s, e in split_sentences(unit.text):
            if _ends_question(unit.text[s:e]):
                items.append(QuestionItem(len(items) + 1, unit.start + s, unit.start + e, "prose"))
    return items


def _unmarked_lead(region: list[_Unit], first: _Unit) -> list[_Unit]:
    """Questions whose numbers were lost: a list that opens at "3." right after two unmarked
    question lines of the block holds those two as items 1 and 2. A lead line that is the cue
    itself with the item glued on ("… är därför:1. Avser ministern …?") starts after the marker."""
    number = _first_number(first)
    if number is None or number < 2 or len(region[: region.index(first)]) < number - 1:
        return []
    before = region[: region.index(first)]
    lead = before[len(before) - (number - 1) :]
    if not all(_ends_question(u.text) for u in lead):
        return []
    return [_after_glued_marker(u, n) for n, u in enumerate(lead, start=1)]


def _after_glued_marker(unit: _Unit, n: int) -> _Unit:
    glued = re.search(rf":\s*{n}[.)]\s*(?=\S)", unit.text)
    if glued is None:
        return unit
    return _Unit(unit.start + glued.end(), unit.end, unit.text[glued.end() :])


def _first_number(unit: _Unit) -> int | None:
    for marker in _markers(unit.text)[1]:
        if numbered := _NUMBERED_RE.match(marker + " "):
            return int(numbered.group(1))
    return None


def _until_stop(units: list[_Unit]) -> list[_Unit]:
    for i, unit in enumerate(units):
        if _is_stop(unit):
            return units[:i]
    return units


def _trailing_question_units(units: list[_Unit]) -> list[_Unit]:
    """Without a cue: the run of question or list units at the end (signature lines skipped)."""
    end = len(units)
    while end and _is_stop(units[end - 1]):
        end -= 1
    start = end
    while start and (_ends_question(units[start - 1].text) or _is_list_unit(units[start - 1])):
        start -= 1
    return units[start:end]


def _same_paragraph(text: str, units: list[_Unit]) -> bool:
    return "\n\n" not in text[units[0].start : units[-1].end]


def _is_list_unit(unit: _Unit) -> bool:
    return bool(_markers(unit.text)[1])


def _list_item(n: int, unit: _Unit) -> QuestionItem:
    body_offset, markers = _markers(unit.text)
    numbered = any(_NUMBERED_RE.match(m + " ") or re.match(r"[a-h][.)]|\(", m) for m in markers)
    return QuestionItem(n, unit.start + body_offset, unit.end, "numbered" if numbered else "bulleted")


def find_restated_questions(text: str) -> list[QuestionItem]:
    """In a reply: a list of question items (each ending in "?") restating the interpellation's.

    Only a list counts as a restatement here; a Riksdag speech's "X har frågat mig om …" is a
    paraphrase, which the alignment stage reads.
    """
    run: list[_Unit] = []
    best: list[_Unit] = []
    for unit in _units(text):
        if _is_list_unit(unit) and _ends_question(unit.text):
            run.append(unit)
        elif run:
            best = best or run
            run = []
    best = best or run
    items = []
    for index, unit in enumerate(best, start=1):
        numbered = _NUMBERED_RE.match(unit.text + " ")
        n = int(numbered.group(1)) if numbered else index
        item = _list_item(n, unit)
        items.append(item)
    return items
