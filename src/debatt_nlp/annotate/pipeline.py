"""The one place where a spaCy pipeline is built and loaded (once per process and model)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

# Importing these modules registers our spaCy factories.
from debatt_nlp.annotate import amounts_dates, political_component, sentences_component

SENTENCES = sentences_component.FACTORY
# The rule layers that run after the statistical components, in this order.
RULE_LAYERS = (political_component.FACTORY, amounts_dates.AMOUNTS_FACTORY, amounts_dates.DATES_FACTORY)

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
    return add_rule_layers(nlp)


SPACY_BACKEND = "spacy"
STANZA_BACKEND = "stanza"
BACKENDS = (SPACY_BACKEND, STANZA_BACKEND)


@cache
def load_nlp(
    model: str = DEFAULT_MODEL, backend: str = SPACY_BACKEND, stanza_dir: str | None = None
) -> Language:
    """The pipeline for a backend: our spaCy model, or stanza's Swedish models followed by the same
    rule layers (the stanza adapter is the only module that knows stanza exists).

    Raises ModelNotFoundError, or stanza_adapter.BackendUnavailable for a missing stanza/models."""
    if backend == SPACY_BACKEND:
        return load_pipeline(model)
    if backend != STANZA_BACKEND:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    from debatt_nlp.annotate.stanza_adapter import load_stanza_nlp

    return load_stanza_nlp(Path(stanza_dir) if stanza_dir else None, load_pipeline(BLANK_MODEL))


def add_rule_layers(nlp: Language) -> Language:
    """Our sentence rules first, then the political entity, amount and date layers last."""
    if SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(SENTENCES, first=True)
    for factory in RULE_LAYERS:
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory)
    return nlp


def model_info(nlp: Language) -> tuple[str, str]:
    return str(nlp.meta.get("name", "unknown")), str(nlp.meta.get("version", "unknown"))
