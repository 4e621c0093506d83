"""Rule-based Swedish sentence boundaries on the clean text (pure; spaCy wraps it in nlp/)."""

from __future__ import annotations

import re
from functools import cache

from debatt_nlp.segment.rules import load_rules

_END_RE = re.compile(r"[.!?…]+[”\"»')\]]*(?=\s+[\"”»'(\[–—-]?\s*[A-ZÅÄÖÉ0-9])")
_WORD_BEFORE_RE = re.compile(r"(\S+)$")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load_rules("abbreviations")["abbreviations"])


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`: every line is split at sentence-final punctuation.

    Lines (units of the clean text) never share a sentence: a list item or a title line is a
    sentence of its own even without a full stop.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cut = 0
        for match in _END_RE.finditer(line):
            end = match.end()
            if _is_abbreviation_stop(line, match.start(), cut):
                continue
            _add(spans, line, line_start, cut, end)
            cut = end
        _add(spans, line, line_start, cut, len(line))
    return spans


def _is_abbreviation_stop(line: str, dot: int, sentence_start: int) -> bool:
    if line[dot] != ".":
        return False
    word_match = _WORD_BEFORE_RE.search(line[sentence_start:dot])
    if not word_match:
        return False
    word = word_match.group(1)
    if (word + ".").lower() in _abbreviations():
        return True
    # A list marker ("1.") or an initial ("K.") does not end a sentence.
    return (word.isdigit() and not line[sentence_start : dot - len(word)].strip()) or (
        len(word) == 1 and word.isupper()
    )


def _add(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped_left = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    if stripped:
        begin = offset + start + stripped_left
        spans.append((begin, begin + len(stripped)))
