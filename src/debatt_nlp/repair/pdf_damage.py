"""Repair PDF-extraction damage into a clean working text that maps back to the original.

Text extracted from PDFs carries page furniture (a party name or page number repeated at every
page break, often in the middle of a sentence), hard line breaks inside paragraphs, hyphenation
at line ends, whitespace-only lines and runs of spaces. Every later stage reads the *clean* text;
`RepairedText.to_original` turns any clean span back into offsets of the original text, which is
what the output reports. The clean text is never shown as if it were the document.

The clean text has one paragraph per blank-line-separated block (page furniture removed, blocks
split by a page break re-joined), paragraphs separated by "\\n\\n", and inside a paragraph one
line per *unit*: a list item, a "Dnr …" line, or a run of hard-wrapped lines joined by spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from debatt_nlp.schema import Evidence

_LINE_RE = re.compile(r"[^\r\n\f]*(?:\r\n|\r|\n|\f)?")
_SPACE = " \t\u00a0\u2007\u202f\u200b\ufeff\v"
# A line that begins with one of these starts a new unit even inside a hard-wrapped paragraph.
LIST_MARKER_RE = re.compile(r"^(?:\d{1,2}[.)]\s|[-–—•*▪·]\s|\(\d{1,2}\)\s|[a-h][.)]\s)")
_UNIT_START_RE = re.compile(r"^(?:Dnr\b|Diarienummer\b|[A-ZÅÄÖ][a-zåäö]+ den \d{1,2} [a-zåäö]+ \d{4}\s*$)")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:sida|sid\.?|page)\s*)?\d{1,4}(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?$|^[-–]\s*\d{1,4}\s*[-–]$",
    re.IGNORECASE,
)
_TERMINAL = '.!?:;”"»)]'
# After "hälso-" at a line end, "och" means the hyphen belongs to the text ("hälso- och sjukvård").
_KEEP_HYPHEN_BEFORE = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "till", "men"})
_MAX_FURNITURE_WORDS = 8
_MAX_FURNITURE_CHARS = 80


@dataclass(frozen=True)
class Line:
    start: int  # first non-space character
    end: int  # one past the last non-space character
    line_start: int  # start of the physical line
    line_end: int  # end of the physical line, line break excluded
    page_break_after: bool


@dataclass(frozen=True)
class CleanParagraph:
    index: int
    clean_start: int
    clean_end: int
    start: int  # offsets into the original text
    end: int


@dataclass
class RepairedText:
    original: str
    clean: str
    offsets: list[int]  # clean index -> original index; one extra entry for the end
    paragraphs: list[CleanParagraph]
    repairs: list[Evidence] = field(default_factory=list)

    def to_original(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """Map a clean span [clean_start, clean_end) to the original text."""
        if clean_end <= clean_start:
            pos = self.offsets[clean_start]
            return pos, pos
        return self.offsets[clean_start], self.offsets[clean_end - 1] + 1

    def original_slice(self, clean_start: int, clean_end: int) -> str:
        start, end = self.to_original(clean_start, clean_end)
        return self.original[start:end]

    def paragraph_at(self, clean_pos: int) -> CleanParagraph | None:
        for paragraph in self.paragraphs:
            if paragraph.clean_start <= clean_pos < paragraph.clean_end:
                return paragraph
        return None


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, with the offsets of their non-space content."""
    lines: list[Line] = []
    for match in _LINE_RE.finditer(text):
        raw = match.group(0)
        if not raw:
            continue
        body = raw.rstrip("\r\n\f")
        stripped_left = len(body) - len(body.lstrip(_SPACE))
        content = body.strip(_SPACE)
        page_break = raw.endswith("\f")
        if not content:
            lines.append(Line(-1, -1, match.start(), match.start() + len(body), page_break))
            continue
        start = match.start() + stripped_left
        lines.append(Line(start, start + len(content), match.start(), match.start() + len(body), page_break))
    return lines


def _blocks(lines: list[Line]) -> list[tuple[list[Line], bool]]:
    """Group lines into blank-line-separated blocks; the flag says a page break follows."""
    blocks: list[tuple[list[Line], bool]] = []
    current: list[Line] = []
    for line in lines:
        if line.start < 0:  # a blank line ends the block
            if current:
                blocks.append((current, line.page_break_after))
                current = []
            elif blocks and line.page_break_after:
                blocks[-1] = (blocks[-1][0], True)
            continue
        current.append(line)
        if line.page_break_after:
            blocks.append((current, True))
            current = []
    if current:
        blocks.append((current, False))
    return blocks


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _is_furniture_candidate(text: str) -> bool:
    return (
        len(text) <= _MAX_FURNITURE_CHARS
        and len(text.split()) <= _MAX_FURNITURE_WORDS
        and text[-1] not in _TERMINAL + ","
        and not LIST_MARKER_RE.match(text + " ")
    )


def repair(text: str) -> RepairedText:
    """Build the clean working view of `text` (see module docstring)."""
    blocks = _blocks(split_lines(text))
    repairs: list[Evidence] = []

    # Page furniture: single-line blocks repeated verbatim (digits aside), and page numbers.
    counts: dict[str, int] = {}
    for block, _ in blocks:
        if len(block) == 1:
            line_text = text[block[0].start : block[0].end]
            if _is_furniture_candidate(line_text):
                key = _furniture_key(line_text)
                counts[key] = counts.get(key, 0) + 1
    kept: list[tuple[list[Line], bool, bool]] = []  # lines, page break after, furniture removed before
    removed_since_last = False
    for block, page_break in blocks:
        if len(block) == 1:
            line = block[0]
            line_text = text[line.start : line.end]
            is_repeated = _is_furniture_candidate(line_text) and counts.get(_furniture_key(line_text), 0) >= 2
            if is_repeated or _PAGE_NUMBER_RE.match(line_text):
                rule = "page_header_repeated" if is_repeated else "page_number"
                repairs.append(Evidence(start=line.start, end=line.end, text=line_text, rule=rule))
                removed_since_last = True
                if page_break and kept:
                    kept[-1] = (kept[-1][0], True, kept[-1][2])
                continue
        kept.append((block, page_break, removed_since_last))
        removed_since_last = False

    # Re-join a paragraph that a page break split: the first part ends mid-sentence and the
    # second starts in lower case, with page furniture or a form feed between them.
    paragraphs: list[list[Line]] = []
    previous_break = False
    for block, page_break, furniture_before in kept:
        if paragraphs and (furniture_before or previous_break):
            last = paragraphs[-1][-1]
            first = block[0]
            last_char = text[last.end - 1]
            first_char = text[first.start]
            if last_char not in _TERMINAL and first_char.islower():
                repairs.append(
                    Evidence(
                        start=last.end,
                        end=first.start,
                        text=text[last.end : first.start],
                        rule="page_break_join",
                    )
                )
                paragraphs[-1].extend(block)
                previous_break = page_break
                continue
        paragraphs.append(list(block))
        previous_break = page_break

    builder = _CleanBuilder(text)
    clean_paragraphs: list[CleanParagraph] = []
    for index, lines in enumerate(paragraphs):
        if index:
            builder.synthetic("\n\n", paragraphs[index - 1][-1].end)
        clean_start = len(builder.chars)
        for k, line in enumerate(lines):
            if k:
                previous = lines[k - 1]
                line_text = text[line.start : line.end]
                # A line after a question mark starts a unit: unmarked question lists are
                # common, and a hard wrap that falls exactly after "?" ends a sentence anyway.
                if (
                    LIST_MARKER_RE.match(line_text + " ")
                    or _UNIT_START_RE.match(line_text)
                    or text[previous.end - 1] == "?"
                ):
                    builder.synthetic("\n", previous.end)
                elif _dehyphenate(text, previous, line):
                    builder.drop_last()  # the hyphen
                    repairs.append(
                        Evidence(
                            start=previous.end - 1,
                            end=line.start,
                            text=text[previous.end - 1 : line.start],
                            rule="dehyphenate",
                        )
                    )
                else:
                    builder.synthetic(" ", previous.end)
            builder.copy_collapsing(line.start, line.end)
        clean_end = len(builder.chars)
        clean_paragraphs.append(
            CleanParagraph(index, clean_start, clean_end, builder.offsets[clean_start], lines[-1].end)
        )
    repairs.sort(key=lambda ev: (ev.start, ev.end))
    return RepairedText(
        original=text,
        clean="".join(builder.chars),
        offsets=[*builder.offsets, len(text)],
        paragraphs=clean_paragraphs,
        repairs=repairs,
    )


def _dehyphenate(text: str, previous: Line, line: Line) -> bool:
    before = text[previous.start : previous.end]
    if len(before) < 2 or before[-1] != "-" or not before[-2].isalpha():
        return False
    next_word = re.match(r"\w+", text[line.start : line.end])
    if not next_word or not next_word.group(0)[0].islower():
        return False
    return next_word.group(0).lower() not in _KEEP_HYPHEN_BEFORE


class _CleanBuilder:
    def __init__(self, original: str) -> None:
        self.original = original
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def synthetic(self, chars: str, original_pos: int) -> None:
        for ch in chars:
            self.chars.append(ch)
            self.offsets.append(original_pos)

    def drop_last(self) -> None:
        self.chars.pop()
        self.offsets.pop()

    def copy_collapsing(self, start: int, end: int) -> None:
        """Copy original[start:end], folding every run of spaces into one ASCII space."""
        in_space = False
        for pos in range(start, end):
            ch = self.original[pos]
            if ch in _SPACE:
                if not in_space:
                    self.chars.append(" ")
                    self.offsets.append(pos)
                in_space = True
            else:
                self.chars.append(ch)
                self.offsets.append(pos)
                in_space = False
