"""SWERIK TEI XML (`ipq-*.xml`, the Riksdag interpellation corpus): text and header metadata.

The text is rendered as in the SWERIK JSONL release: the title line, then each <p> of the body
as a paragraph (blank-line separated), list items one per line. The header's persons (name,
party), dates (sent / received / answered), title, author and record reference go to
`source_metadata`, verbatim.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from debatt_nlp.ingest.text_files import IngestError

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _paragraph_blocks(p: ET.Element) -> list[str]:
    """A <p> with an embedded <list>: its own text, then the items one per line."""
    blocks: list[str] = []
    own = [_squash(p.text)]
    items: list[str] = []
    for child in p:
        if child.tag == f"{TEI}list":
            items.extend(_squash("".join(item.itertext())) for item in child.iter(f"{TEI}item"))
        else:
            own.append(_squash("".join(child.itertext())))
        own.append(_squash(child.tail))
    text = " ".join(part for part in own if part)
    if text:
        blocks.append(text)
    if items:
        blocks.append("\n".join(item for item in items if item))
    return blocks


def read_tei(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError as exc:
        raise IngestError("file not found (it may have been removed during the run)") from exc
    except ET.ParseError as exc:
        raise IngestError(f"malformed XML ({exc})") from exc
    if root.tag != f"{TEI}TEI":
        raise IngestError(f"not a TEI document (root element {root.tag})")
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        raise IngestError("TEI document without text/body")
    blocks: list[str] = []
    for p in body.iter(f"{TEI}p"):
        blocks.extend(_paragraph_blocks(p))
    text = "\n\n".join(blocks)
    if not text.strip():
        raise IngestError("TEI document with an empty body")
    return text + "\n", _header_metadata(root)


def _header_metadata(root: ET.Element) -> dict[str, Any]:
    header = root.find(f"{TEI}teiHeader")
    meta: dict[str, Any] = {"tei_id": root.get(XML_ID)}
    if header is None:
        return meta
    title = header.find(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    author = header.find(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}author")
    meta["title"] = _squash(title.text) if title is not None else None
    meta["author"] = _squash(author.text) if author is not None else None
    idno = header.find(f".//{TEI}sourceDesc//{TEI}idno")
    meta["dok_id"] = _squash(idno.text) if idno is not None else None
    persons = []
    seen = set()
    for person in header.iter(f"{TEI}person"):
        name = person.find(f"{TEI}persName")
        party = person.find(f"{TEI}state[@type='partyAffiliation']/{TEI}desc")
        entry = (
            _squash(name.text) if name is not None else None,
            _squash(party.text) if party is not None else None,
        )
        if entry not in seen:
            seen.add(entry)
            persons.append({"name": entry[0], "party": entry[1], "gender": person.get("gender")})
    meta["persons"] = persons
    dates: dict[str, str] = {}
    for action in header.iter(f"{TEI}correspAction"):
        date = action.find(f"{TEI}date")
        kind = action.get("type")
        if kind and date is not None and date.get("when") and kind not in dates:
            dates[kind] = date.get("when", "")
    meta["dates"] = dates
    record = header.find(f".//{TEI}correspContext/{TEI}ref[@type='record']")
    meta["answer_record"] = record.get("target") if record is not None else None
    return meta
