"""Document metadata from the title line, date line and signature (pure, on the clean text).

Formats handled (all seen in the data):
- Stockholm:  "Interpellation till arbetsmarknadsborgarrådet Karin Ernlund (C) om …" + signature
- Riksdag:    "Interpellation 2019/20:82 Utredning av strandskyddet av Carl-Oskar Bohlin (M) till
               Miljö- och klimatminister Isabella Lövin (MP)"   (also "… till statsministern om …")
- Replies:    "Svar på Interpellation av Salar Rashid (S) till arbetsmarknadsborgarrådet …"
              Riksdag speeches: "Fru talman! Jens Holm har frågat mig om …"
In a reply the author is the one who answers and the addressee the interpellant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from debatt_nlp.schema import DocumentRole
from debatt_nlp.segment.rules import load_rules

_PARTY = r"\(\s*(?P<party>[A-Za-zÅÄÖåäö]{1,4})\s*\)"
_NUMBER_RE = re.compile(r"\b(?P<num>(?:19|20)\d{2}/(?:\d{2}|\d{4}):\d{1,4})\b")
_DNR_RE = re.compile(r"\bDnr\.?:?\s*(?P<dnr>[A-ZÅÄÖ]{1,6}\s?\d{2,4}[/:]\d{1,6}(?:[-–:/]\d+)*)")
# "Fru talman! Jens Holm har frågat mig …", "… har i interpellationen ställt följande frågor …",
# "… har bett mig att besvara tre frågor …" (the chair may be "Herr andre vice talman", "Fru ålderspresident").
_ASKED_RE_TEMPLATE = (
    r"(?:(?:Fru|Herr)\s+(?:\w+\s+){{0,3}}?(?:talman|ålderspresident)!\s*)?"
    r"(?P<name>{name})\s*(?:{party})?\s+har\s+(?:\S+\s+){{0,4}}?(?:frågat|ställt|bett|undrat)\b"
)


@dataclass
class Field:
    value: str
    start: int  # offsets into the clean text
    end: int


@dataclass
class PersonFields:
    name: Field | None = None
    party: Field | None = None
    role: Field | None = None


@dataclass
class MetadataFields:
    title: Field | None = None
    topic: Field | None = None
    author: PersonFields = field(default_factory=PersonFields)
    addressee: PersonFields = field(default_factory=PersonFields)
    date: Field | None = None  # value is ISO
    place: Field | None = None
    dnr: Field | None = None
    riksdag_number: Field | None = None


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    rules = load_rules("metadata")
    particles = "|".join(rules["name_particles"])
    word = r"[A-ZÅÄÖÉÜØÆ][\w'’]*(?:-[\w'’]+)*"
    name = rf"{word}(?:\s+(?:(?:{particles})\s+)?{word}){{0,4}}"
    heads = "|".join(sorted(rules["role_heads"], key=len, reverse=True))
    role = rf"(?i:(?:[a-zåäöé]+-\s+och\s+)?[a-zåäöé\-]*?(?:{heads}))(?![\wåäö])"
    months = "|".join(rules["months"])
    return {
        "name": re.compile(name),
        "role": re.compile(role),
        "person": re.compile(rf"(?:(?P<role>{role})\s+)?(?P<name>{name})?\s*(?:{_PARTY})?"),
        "av_author": re.compile(rf"(?<!\S)av\s+(?P<name>{name})\s*{_PARTY}\s+till\s+"),
        "date_line": re.compile(
            rf"^(?:(?P<place>[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?),?\s+)?(?:den\s+)?"
            rf"(?P<day>\d{{1,2}})\s+(?P<month>(?i:{months}))\s*(?P<year>(?:19|20)\d{{2}})?\s*$",
            re.MULTILINE,
        ),
        "signature": re.compile(rf"(?P<name>{word}(?:\s+[\w'’\-]+){{1,3}})\s*(?:{_PARTY})?\s*$"),
        "asked": re.compile(_ASKED_RE_TEMPLATE.format(name=name, party=_PARTY)),
        "svar_pa": re.compile(r"\s*Svar\s+på\s+(?:skriftlig\s+fråga|interpellation|fråga)\s*", re.IGNORECASE),
        "interpellation_head": re.compile(
            r"\s*(?:Interpellation\s*)?(?:(?:19|20)\d{2}/(?:\d{2}|\d{4}):\d{1,4}\s*)?", re.IGNORECASE
        ),
    }


def extract_metadata(
    clean_text: str, paragraphs: list[tuple[int, int]], role: DocumentRole
) -> MetadataFields:
    """Read metadata from the clean text; `paragraphs` are clean (start, end) spans."""
    fields = MetadataFields()
    if not paragraphs:
        return fields
    # Older Riksdag documents open with a date line ("den 23 september") before the title.
    if len(paragraphs) > 1 and _patterns()["date_line"].fullmatch(clean_text, *paragraphs[0]):
        paragraphs = paragraphs[1:] + paragraphs[:1]
    head_start, head_end = paragraphs[0]
    head = clean_text[head_start:head_end]
    first_line_end = head_start + len(head.split("\n", 1)[0])

    number = _NUMBER_RE.search(clean_text, head_start, head_end)
    if number:
        fields.riksdag_number = Field(number.group("num"), *number.span("num"))
    dnr = _DNR_RE.search(clean_text)
    if dnr:
        fields.dnr = Field(" ".join(dnr.group("dnr").split()), *dnr.span("dnr"))

    if role in (DocumentRole.interpellation, DocumentRole.reply) and _looks_like_title(head):
        title_end = first_line_end if fields.dnr is None or fields.dnr.start > first_line_end else head_end
        fields.title = Field(" ".join(clean_text[head_start:title_end].split()), head_start, title_end)
        _parse_title(clean_text, head_start, title_end, role, fields)
    if role == DocumentRole.reply and fields.addressee.name is None:
        _parse_speech_opening(clean_text, paragraphs, fields)

    _parse_date_line(clean_text, paragraphs, fields)
    _parse_signature(clean_text, paragraphs, role, fields)
    return fields


def _looks_like_title(head: str) -> bool:
    return bool(
        re.match(r"\s*(?:Interpellation|Svar\s+på|(?:19|20)\d{2}/(?:\d{2}|\d{4}):\d)", head, re.IGNORECASE)
    )


def _parse_title(text: str, start: int, end: int, role: DocumentRole, fields: MetadataFields) -> None:
    patterns = _patterns()
    asker = PersonFields()
    answerer = PersonFields()
    svar = patterns["svar_pa"].match(text, start, end)
    cursor = svar.end() if svar else patterns["interpellation_head"].match(text, start, end).end()
    by = patterns["av_author"].search(text, cursor, end)
    if not by:  # "Interpellation till …": the author signs at the end
        till = re.compile(r"\btill\s+").search(text, cursor, end)
        if till is None:
            return
        after_till = till.end()
    else:
        # In "Utredning av strandskyddet av Carl-Oskar Bohlin (M) till …" take the last "av NAME (P) till".
        while True:
            later = patterns["av_author"].search(text, by.start("name"), end)
            if later is None or later.start() == by.start():
                break
            by = later
        asker.name = Field(by.group("name"), *by.span("name"))
        asker.party = Field(by.group("party"), *by.span("party"))
        topic_text = text[cursor : by.start()].strip()
        if topic_text:
            fields.topic = Field(topic_text, cursor, cursor + len(topic_text))
        after_till = by.end()
    person = patterns["person"].match(text, after_till, end)
    if person:
        if person.group("role"):
            answerer.role = Field(_normalise_role(person.group("role")), *person.span("role"))
        if person.group("name"):
            answerer.name = Field(person.group("name"), *person.span("name"))
        if person.group("party"):
            answerer.party = Field(person.group("party"), *person.span("party"))
        rest = re.compile(r"\s*,?\s*om\s+(?P<topic>.+)", re.DOTALL).match(text, person.end(), end)
        if rest and fields.topic is None:
            topic = rest.group("topic").rstrip()
            fields.topic = Field(
                " ".join(topic.split()), rest.start("topic"), rest.start("topic") + len(topic)
            )
    if role == DocumentRole.reply:
        fields.author, fields.addressee = answerer, asker
    else:
        fields.author, fields.addressee = asker, answerer


def _normalise_role(role: str) -> str:
    role = " ".join(role.split())
    return role[0].lower() + role[1:]


def _parse_speech_opening(text: str, paragraphs: list[tuple[int, int]], fields: MetadataFields) -> None:
    for start, end in paragraphs[:3]:
        match = _patterns()["asked"].match(text, start, end)
        if match:
            fields.addressee.name = Field(match.group("name"), *match.span("name"))
            if match.group("party"):
                fields.addressee.party = Field(match.group("party"), *match.span("party"))
            return


def _parse_date_line(text: str, paragraphs: list[tuple[int, int]], fields: MetadataFields) -> None:
    rules = load_rules("metadata")
    pattern = _patterns()["date_line"]
    # The signature date stands at the end; Riksdag interpellations put "den 23 maj" after the title.
    candidates = list(reversed(paragraphs[-4:])) + paragraphs[1:3]
    for start, end in candidates:
        for match in pattern.finditer(text, start, end):
            month = rules["months"][match.group("month").lower()]
            year = match.group("year")
            year_value = int(year) if year else _year_from_session(fields.riksdag_number, month)
            if year_value is None:
                continue
            try:
                date = dt.date(year_value, month, int(match.group("day")))
            except ValueError:
                continue
            fields.date = Field(date.isoformat(), match.start("day"), match.end())
            if match.group("place") and match.group("place").lower() != "den":
                fields.place = Field(match.group("place"), *match.span("place"))
            return


def _year_from_session(number: Field | None, month: int) -> int | None:
    """A Riksdag session 2011/12 runs from September 2011 to August 2012."""
    if number is None:
        return None
    first_year = int(number.value[:4])
    return first_year if month >= 9 else first_year + 1


def _parse_signature(
    text: str, paragraphs: list[tuple[int, int]], role: DocumentRole, fields: MetadataFields
) -> None:
    """The last short paragraph "Salar Rashid (S)" (or "Karin ernlund") names the author."""
    pattern = _patterns()["signature"]
    for start, end in reversed(paragraphs[-3:]):
        line = text[start:end]
        if "\n" in line or len(line) > 60:
            continue
        match = pattern.match(text, start, end)
        if not match:
            continue
        name = match.group("name")
        known = fields.author.name
        if known is not None:
            # A signature confirms the title's answerer; the title spelling wins ("Karin ernlund").
            if known.value.lower() != name.lower():
                continue
            return
        if role == DocumentRole.other or _patterns()["date_line"].match(line):
            continue
        fields.author.name = Field(name, *match.span("name"))
        if match.group("party"):
            fields.author.party = Field(match.group("party"), *match.span("party"))
        return
