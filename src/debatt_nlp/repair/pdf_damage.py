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
from array import array
from dataclasses import dataclass, field

from debatt_nlp.schema import Evidence

_LINE_RE = re.compile(r"[^\r\n\f]*(?:\r\n|\r|\n|\f)?")
_SPACE = " \t\u00a0\u2007\u202f\u200b\ufeff\v"
# A line that begins with one of these starts a new unit even inside a hard-wrapped paragraph.
# "1. ", "1) ", "– ", "• ", "(1) ", "a) "; also "1.Vilka" (no space, but a capital follows).
LIST_MARKER_RE = re.compile(r"^(?:\d{1,2}[.)](?:\s|(?=[A-ZÅÄÖ]))|[-–—•*▪·]\s|\(\d{1,2}\)\s|[a-h][.)]\s)")
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
    # clean index -> original index; one extra entry for the end. A machine-int array, not a list:
    # a list of Python ints costs ~36 bytes a character (over 700 MB for a 20 MB text), this 8.
    offsets: array[int]
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


@dataclass
class _Block:
    lines: list[Line]
    page_break_after: bool = False
    furniture_before: bool = False


def _blocks(lines: list[Line], furniture: dict[int, str]) -> list[_Block]:
    """Group lines into blocks separated by blank lines, page breaks and page furniture."""
    blocks: list[_Block] = []
    current: list[Line] = []
    furniture_pending = False

    def close(page_break: bool) -> None:
        nonlocal current, furniture_pending
        if current:
            blocks.append(_Block(current, page_break, furniture_pending))
            current, furniture_pending = [], False
        elif page_break and blocks:
            blocks[-1].page_break_after = True

    for index, line in enumerate(lines):
        if line.start < 0 or index in furniture:
            close(line.page_break_after)
            furniture_pending = furniture_pending or index in furniture
            continue
        current.append(line)
        if line.page_break_after:
            close(True)
    close(False)
    return blocks


def _furniture_lines(text: str, lines: list[Line]) -> dict[int, str]:
    """Line index → rule, for page headers/footers and page numbers.

    A line is furniture when it stands alone (a one-line block) or at a page's top or bottom
    edge, is short, and repeats (digits aside) — or when it is a page number in such a place.
    """
    single: set[int] = set()
    for index, line in enumerate(lines):
        if line.start < 0:
            continue
        before_blank = index == 0 or lines[index - 1].start < 0 or lines[index - 1].page_break_after
        after_blank = index + 1 == len(lines) or lines[index + 1].start < 0 or line.page_break_after
        if before_blank and after_blank:
            single.add(index)
    edges: set[int] = set()
    page: list[int] = []
    for index, line in enumerate(lines):
        if line.start >= 0:
            page.append(index)
        if line.page_break_after or index + 1 == len(lines):
            if page:  # the document's own first and last lines are page edges too
                edges.update((page[0], page[-1]))
            page = []
    places = single | edges
    counts: dict[str, int] = {}
    for index in places:
        line_text = text[lines[index].start : lines[index].end]
        if _is_furniture_candidate(line_text):
            key = _furniture_key(line_text)
            counts[key] = counts.get(key, 0) + 1
    furniture: dict[int, str] = {}
    for index in sorted(places):
        line_text = text[lines[index].start : lines[index].end]
        if _is_furniture_candidate(line_text) and counts.get(_furniture_key(line_text), 0) >= 2:
            furniture[index] = "page_header_repeated"
        elif _PAGE_NUMBER_RE.match(line_text):
            furniture[index] = "page_number"
    return furniture


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
    lines = split_lines(text)
    furniture = _furniture_lines(text, lines)
    repairs = [
        Evidence(start=lines[i].start, end=lines[i].end, text=text[lines[i].start : lines[i].end], rule=rule)
        for i, rule in furniture.items()
    ]
    blocks = _blocks(lines, furniture)

    # Re-join a paragraph that a page break split: the first part ends mid-sentence and the
    # second starts in lower case, with page furniture or a form feed between them.
    paragraphs: list[list[Line]] = []
    previous_break = False
    for item in blocks:
        block, page_break = item.lines, item.page_break_after
        if paragraphs and (item.furniture_before or previous_break):
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
    builder.offsets.append(len(text))
    return RepairedText(
        original=text,
        clean="".join(builder.chars),
        offsets=builder.offsets,
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
        self.offsets: array[int] = array("q")

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
