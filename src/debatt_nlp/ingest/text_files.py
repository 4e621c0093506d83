"""Find input files and decode them into text, refusing loudly what is not text.

A decoded file keeps its text verbatim (no newline translation, no normalisation): every offset
in the output indexes exactly this string. Only a byte-order mark is dropped, and that is
recorded as a warning.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debatt_nlp.schema import Warning_

SUPPORTED_SUFFIXES = frozenset({".txt"})

# Share of control characters (other than whitespace) above which decoded text is taken to be
# binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01


class IngestError(Exception):
    """A file that cannot be turned into a document; the message is the reason shown to users."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    doc_id: str  # path relative to the root it was found under, POSIX style


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str
    encoding: str
    sha256: str
    warnings: list[Warning_] = field(default_factory=list)
    source_format: str = "txt"
    source_metadata: dict[str, Any] | None = None


def discover(paths: Iterable[Path], suffixes: frozenset[str] = SUPPORTED_SUFFIXES) -> Iterator[InputFile]:
    """Yield every file with a supported suffix under `paths`, recursively, in sorted order.

    A path named directly is yielded whatever its suffix, so that a user who names a file gets
    it annotated or an error about it, never silence. Directory symlinks are not followed
    (no loops); file symlinks are.
    """
    seen: set[str] = set()
    for root in paths:
        if root.is_dir():
            found: list[Path] = []
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in filenames:
                    candidate = Path(dirpath) / name
                    if candidate.suffix.lower() in suffixes:
                        found.append(candidate)
            for candidate in sorted(found):
                doc_id = candidate.relative_to(root).as_posix()
                yield from _once(InputFile(candidate, doc_id), seen)
        else:
            yield from _once(InputFile(root, root.name), seen)


def _once(item: InputFile, seen: set[str]) -> Iterator[InputFile]:
    key = os.path.abspath(item.path)
    if key not in seen:
        seen.add(key)
        yield item


def read_text_file(item: InputFile) -> RawDocument:
    """Read and decode one file. Raises IngestError with a user-facing reason."""
    try:
        data = item.path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError("file not found (it may have been removed during the run)") from exc
    except IsADirectoryError as exc:
        raise IngestError("is a directory, not a file") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        raise IngestError(f"cannot be read: {exc.strerror or exc}") from exc
    text, encoding, warnings = decode_bytes(data)
    return RawDocument(
        doc_id=item.doc_id,
        path=str(item.path),
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def decode_bytes(data: bytes) -> tuple[str, str, list[Warning_]]:
    """Decode raw bytes as UTF-8, falling back to UTF-16 (by BOM) or cp1252/latin-1 with a warning."""
    if not data:
        raise IngestError("empty file (0 bytes)")
    warnings: list[Warning_] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_or_fail(data, "utf-16")
        encoding = "utf-16"
        warnings.append(Warning_(code="encoding_fallback", message="decoded as UTF-16 (byte-order mark)"))
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _decode_or_fail(data, "utf-8-sig")
        encoding = "utf-8-sig"
        warnings.append(Warning_(code="bom_removed", message="UTF-8 byte-order mark removed"))
    else:
        if b"\x00" in data:
            raise IngestError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _legacy_decode(data)
            warnings.append(
                Warning_(
                    code="encoding_fallback",
                    message=f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}",
                )
            )
    if not text.strip():
        raise IngestError("no text (only whitespace)")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise IngestError(f"binary file ({controls} control characters in {len(text)})")
    return text, encoding, warnings


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"undecodable {encoding} text at byte {exc.start}") from exc


def _legacy_decode(data: bytes) -> tuple[str, str]:
    # cp1252 leaves five bytes undefined; latin-1 decodes anything, so it is the last resort.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
