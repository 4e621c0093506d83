"""Freshness computed, not declared: fingerprints of the files each stage runs.

A stage's fingerprint is the SHA-256 of every file under the package folders it names (code,
rule files, lexicons, gazetteers), in path order; the run's fingerprint (`ruleset_version` in
provenance) combines those of all stages with the schema and the model's. Any change to a rule, a
word list or a line of rule code changes them; nobody has to remember to bump a constant.
The hashes are of the files as installed, so an editable install and a wheel of the same commit
agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
_SKIP_DIRS = frozenset({"__pycache__", "_models"})
_SKIP_SUFFIXES = frozenset({".pyc", ".pyo"})
DIGEST_LENGTH = 16


def _files(relative: str) -> list[Path]:
    root = PACKAGE_DIR / relative
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in _SKIP_SUFFIXES
        and not _SKIP_DIRS.intersection(path.relative_to(PACKAGE_DIR).parts)
    )


@cache
def source_digest(relative: str) -> str:
    """The digest of one package file or folder (relative to the package, e.g. 'segment')."""
    digest = hashlib.sha256()
    for path in _files(relative):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def combine(parts: Iterable[str]) -> str:
    """One short digest of several digests or strings (order matters)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:DIGEST_LENGTH]


def sources_fingerprint(sources: Iterable[str]) -> str:
    return combine(f"{source}={source_digest(source)}" for source in sources)
