"""Where the spaCy models are found: one module that the pipeline and the stanza adapter both read
(neither imports the other at module level or lazily)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

DEFAULT_MODEL = "sv_debatt_core"
BLANK_MODEL = "blank"
MODELS_ENV = "DEBATT_NLP_MODELS"


class ModelNotFoundError(Exception):
    """A model that is named (or the default) is missing or cannot be loaded; the message says which
    and where it was looked for."""


def model_search_path() -> list[Path]:
    """Where models are looked for: $DEBATT_NLP_MODELS, the installed package, the source tree."""
    here = Path(__file__).resolve()
    paths = []
    if os.environ.get(MODELS_ENV):
        paths.append(Path(os.environ[MODELS_ENV]))
    paths.append(here.parent.parent / "_models")  # inside an installed wheel
    paths.append(here.parents[3] / "models")  # repo checkout / editable install
    return paths


def find_model(name: str) -> Path | None:
    candidate = Path(name)
    if candidate.is_dir() and (candidate / "meta.json").exists():
        return candidate
    for base in model_search_path():
        if (base / name / "meta.json").exists():
            return base / name
    return None


def model_files_digest(path: Path) -> str:
    """A cheap fingerprint of a model directory: its meta.json and config.cfg (the weights are
    versioned by meta.json's version; hashing 30 MB at every start would cost more than it tells)."""
    digest = hashlib.sha256()
    for name in ("meta.json", "config.cfg"):
        file = path / name
        if file.exists():
            digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
