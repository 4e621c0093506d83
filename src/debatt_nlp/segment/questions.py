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


def _units(text: str, start: int = 0) -> list[_Unit]:
    units = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start and line.strip():
            left = len(line) - len(line.lstrip())
            stripped = line.strip()
            units.append(_Unit(pos + left, pos + left + len(stripped), stripped))
        pos += len(line) + 1
    return units


def _is_stop(unit: _Unit) -> bool:
    return any(p.match(unit.text) for p in _stop_lines())


def _ends_question(text: str) -> bool:
    return text.rstrip(_CLOSING + " ").endswith("?")


def find_question_block(text: str) -> int | None:
    """Clean offset where the closing question block starts (start of the cue's line), or None."""
    last = None
    for pattern in _openers():
        for match in pattern.finditer(text):
            if last is None or match.start() > last:
                last = match.start()
    if last is None:
        return None
    return text.rfind("\n", 0, last) + 1


def split_questions(text: str) -> list[QuestionItem]:
    """Question items of an interpellation's clean text, numbered 1..N in document order."""
    block_start = find_question_block(text)
    units = _units(text)
    if block_start is None:
        region = _trailing_question_units(units)
    else:
        region = [u for u in units if u.start >= block_start]
    region = _until_stop(region)
    list_units = [u for u in region if LIST_MARKER_RE.match(u.text + " ")]
    if list_units:
        return [_list_item(n, unit) for n, unit in enumerate(list_units, start=1)]
    items: list[QuestionItem] = []
    question_lines = [u for u in region if _ends_question(u.text)]
    if len(question_lines) >= 2 and _same_paragraph(text, question_lines):
        # An unmarked list: one question per line of one paragraph.
        return [QuestionItem(n, u.start, u.end, "line") for n, u in enumerate(question_lines, start=1)]
    for unit in region:
        for s, e in split_sentences(unit.text):
            sentence = unit.text[s:e]
            if _ends_question(sentence):
                items.append(QuestionItem(len(items) + 1, unit.start + s, unit.start + e, "prose"))
    return items


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
    while start and (
        _ends_question(units[start - 1].text) or LIST_MARKER_RE.match(units[start - 1].text + " ")
    ):
        start -= 1
    return units[start:end]


def _same_paragraph(text: str, units: list[_Unit]) -> bool:
    return "\n\n" not in text[units[0].start : units[-1].end]


def _list_item(n: int, unit: _Unit) -> QuestionItem:
    body_offset = 0
    kind: Marker = "bulleted"
    # Strip every leading marker: some sources write "– 1. Vilka …".
    while marker := LIST_MARKER_RE.match(unit.text[body_offset:] + " "):
        if _NUMBERED_RE.match(unit.text[body_offset:] + " ") or re.match(
            r"[a-h][.)]|\(", unit.text[body_offset:]
        ):
            kind = "numbered"
        body_offset += marker.end()
        if body_offset >= len(unit.text):
            break
    return QuestionItem(n, unit.start + body_offset, unit.end, kind)


def find_restated_questions(text: str) -> list[QuestionItem]:
    """In a reply: a list of question items (each ending in "?") restating the interpellation's.

    Only a list counts as a restatement here; a Riksdag speech's "X har frågat mig om …" is a
    paraphrase, which the alignment stage reads.
    """
    run: list[_Unit] = []
    best: list[_Unit] = []
    for unit in _units(text):
        if LIST_MARKER_RE.match(unit.text + " ") and _ends_question(unit.text):
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
