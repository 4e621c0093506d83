"""The one place where a spaCy pipeline is built and loaded (once per process and model)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from debatt_nlp.nlp import sentences_component  # noqa: F401  (registers "debatt_sentences")

DEFAULT_MODEL = "sv_debatt_core"
BLANK_MODEL = "blank"
MODELS_ENV = "DEBATT_NLP_MODELS"


class ModelNotFoundError(Exception):
    pass


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


@cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` (a name in the search path or a directory) and add our components.

    `model="blank"` gives a tokenizer-only Swedish pipeline. The default model falls back to
    blank when it is not installed, so the tool works from a bare checkout; a model named
    explicitly must exist.
    """
    if model == BLANK_MODEL:
        nlp = spacy.blank("sv")
        nlp.meta["name"] = "blank_sv"
        nlp.meta["version"] = spacy.__version__
    else:
        path = find_model(model)
        if path is None:
            if model != DEFAULT_MODEL:
                searched = ", ".join(str(p) for p in model_search_path())
                raise ModelNotFoundError(f"model {model!r} not found (looked in: {searched})")
            return load_pipeline(BLANK_MODEL)
        nlp = spacy.load(path)
    if "debatt_sentences" not in nlp.pipe_names:
        nlp.add_pipe("debatt_sentences", first=True)
    return nlp


def model_info(nlp: Language) -> tuple[str, str]:
    return str(nlp.meta.get("name", "unknown")), str(nlp.meta.get("version", "unknown"))
