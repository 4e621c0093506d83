"""The journal: annotated documents checkpointed as they are produced, next to the output.

A run appends one line per annotated document and flushes it at once (a killed process loses
nothing the operating system has); it fsyncs every `SYNC_EVERY` documents or `SYNC_SECONDS`
seconds (a power cut loses at most those). The journal doubles as the run's spill: the final
output is written from it, atomically, and the journal is removed once the output is in place.

`--resume` reopens the journal of an interrupted run and reuses every complete line whose reuse
key (document id, content hash, sidecar row) matches an input; a torn last line (the process died
mid-write) is cut off. A journal written by another rule set or model (its `fingerprint` differs)
is refused: its documents would silently mix two rule sets in one output.

Line format (text, one per document; JSON never holds a raw tab or newline):
    <meta JSON> TAB <Document JSON> TAB <questions JSON array> NEWLINE
The first line is a header: {"debatt_nlp_journal": 1, "fingerprint": …, "tool_version": …}.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from debatt_nlp.pair.pairing import PairingCandidate
from debatt_nlp.run.document import DocResult, candidate_from_dict, candidate_to_dict
from debatt_nlp.schema import DocumentRole

FORMAT = 1
SYNC_EVERY = 64
SYNC_SECONDS = 2.0


class JournalError(Exception):
    """A journal that cannot be used (another rule set, locked by another run); a usage error."""


@dataclass
class Entry:
    """Where one document's line is, and what the run needs of it without reading it."""

    offset: int
    length: int
    seq: int
    doc_id: str
    key: str | None
    role: DocumentRole
    candidate: PairingCandidate


def journal_path(output: Path, *, folder: bool = False) -> Path:
    """The journal of an output file (`out.jsonl.journal`) or output folder (`out/debatt-nlp.journal`)."""
    return output / "debatt-nlp.journal" if folder else output.with_name(output.name + ".journal")


class Journal:
    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self._handle = handle
        self._reader: BinaryIO | None = None
        self._unsynced = 0
        self._last_sync = time.monotonic()

    # ---------------------------------------------------------------- opening

    @classmethod
    def create(cls, path: Path, header: dict) -> Journal:
        """A new, empty journal (an existing one is replaced)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")
        _lock(handle, path)
        handle.truncate(0)
        handle.write(json.dumps({"debatt_nlp_journal": FORMAT, **header}).encode() + b"\n")
        journal = cls(path, handle)
        journal.sync()
        return journal

    @classmethod
    def resume(cls, path: Path, header: dict) -> tuple[Journal, dict[str, Entry]]:
        """Reopen an interrupted run's journal: the reusable entries by key. Raises JournalError."""
        handle = open(path, "r+b")
        _lock(handle, path)
        first = handle.readline()
        try:
            found = json.loads(first)
        except ValueError:
            found = None
        if not isinstance(found, dict) or found.get("debatt_nlp_journal") != FORMAT:
            handle.close()
            raise JournalError(f"{path} is not a debatt-nlp journal; move it away to start over")
        if found.get("fingerprint") != header.get("fingerprint"):
            handle.close()
            raise JournalError(
                f"{path} was written by another rule set or model (fingerprint "
                f"{found.get('fingerprint')}, tool {found.get('tool_version')}; this run: "
                f"{header.get('fingerprint')}, tool {header.get('tool_version')}). Its documents cannot "
                "be mixed with this run's: delete it to annotate everything again, or resume with "
                "the version that wrote it."
            )
        entries: dict[str, Entry] = {}
        good_end = handle.tell()
        while True:
            offset = handle.tell()
            line = handle.readline()
            if not line:
                break
            entry = _parse(line, offset)
            if entry is None:  # torn or damaged: everything from here on is redone
                break
            good_end = handle.tell()
            if entry.key is not None:
                entries[entry.key] = entry
        handle.truncate(good_end)
        handle.seek(good_end)
        return cls(path, handle), entries

    # ---------------------------------------------------------------- writing

    def append(self, result: DocResult) -> Entry:
        body = result.document_json + "\t" + result.questions_json
        meta = {
            "seq": result.seq,
            "doc_id": result.doc_id,
            "key": result.key,
            "role": result.role.value,
            "crc": zlib.crc32(body.encode("utf-8")),
            "candidate": candidate_to_dict(result.candidate),
        }
        data = (json.dumps(meta, ensure_ascii=False) + "\t" + body + "\n").encode("utf-8")
        self._handle.seek(0, os.SEEK_END)
        offset = self._handle.tell()
        self._handle.write(data)
        self._handle.flush()
        self._unsynced += 1
        if self._unsynced >= SYNC_EVERY or time.monotonic() - self._last_sync >= SYNC_SECONDS:
            self.sync()
        return Entry(offset, len(data), result.seq, result.doc_id, result.key, result.role, result.candidate)

    def sync(self) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._unsynced = 0
        self._last_sync = time.monotonic()

    # ---------------------------------------------------------------- reading

    def read(self, entry: Entry) -> tuple[str, str]:
        """(Document JSON, questions JSON array) of an entry."""
        if self._reader is None:
            self._handle.flush()
            self._reader = open(self.path, "rb")
        self._reader.seek(entry.offset)
        line = self._reader.read(entry.length).decode("utf-8")
        _, document, questions = line.rstrip("\n").split("\t", 2)
        return document, questions

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if not self._handle.closed:
            self.sync()
            self._handle.close()

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def _lock(handle: BinaryIO, path: Path) -> None:
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise JournalError(f"another debatt-nlp run is writing {path} (the same output)") from None


def _parse(line: bytes, offset: int) -> Entry | None:
    if not line.endswith(b"\n"):
        return None
    try:
        text = line[:-1].decode("utf-8")
        meta_json, body = text.split("\t", 1)
        meta = json.loads(meta_json)
        if zlib.crc32(body.encode("utf-8")) != meta["crc"] or body.count("\t") != 1:
            return None
        candidate = candidate_from_dict(meta["candidate"])
        return Entry(
            offset, len(line), meta["seq"], meta["doc_id"], meta["key"], DocumentRole(meta["role"]), candidate
        )
    except (ValueError, KeyError, TypeError):
        return None
