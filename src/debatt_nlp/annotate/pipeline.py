"""The one place where a spaCy pipeline is built and loaded (once per process and model)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

# Importing these modules registers our spaCy factories.
from debatt_nlp.annotate import amounts_dates, political_component, sentences_component
from debatt_nlp.annotate.models import (
    BLANK_MODEL,
    DEFAULT_MODEL,
    MODELS_ENV,
    ModelNotFoundError,
    find_model,
    model_search_path,
)

__all__ = [
    "BACKENDS",
    "BLANK_MODEL",
    "DEFAULT_MODEL",
    "MODELS_ENV",
    "SPACY_BACKEND",
    "STANZA_BACKEND",
    "ModelNotFoundError",
    "add_rule_layers",
    "find_model",
    "load_nlp",
    "load_pipeline",
    "model_info",
    "model_search_path",
]

SENTENCES = sentences_component.FACTORY
# The rule layers that run after the statistical components, in this order.
RULE_LAYERS = (political_component.FACTORY, amounts_dates.AMOUNTS_FACTORY, amounts_dates.DATES_FACTORY)


@cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` (a name in the search path or a directory) and add our components.

    `model="blank"` gives a tokenizer-only Swedish pipeline. Any other model, the default
    included, must exist and load: a missing or broken model is a ModelNotFoundError, never a
    silent fall-back to the rules alone (a paper's figures would change without a word).
    """
    if model == BLANK_MODEL:
        nlp = spacy.blank("sv")
        nlp.meta["name"] = "blank_sv"
        nlp.meta["version"] = spacy.__version__
    else:
        path = find_model(model)
        if path is None:
            searched = ", ".join(str(p) for p in model_search_path())
            raise ModelNotFoundError(
                f"model {model!r} not found (looked in: {searched}); "
                f"use --model DIR, set ${MODELS_ENV}, or --model blank for the rules alone"
            )
        try:
            nlp = spacy.load(path)
        except Exception as exc:  # a truncated or mismatched model directory
            raise ModelNotFoundError(
                f"model {model!r} at {path} cannot be loaded ({type(exc).__name__}: {exc})"
            ) from exc
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
