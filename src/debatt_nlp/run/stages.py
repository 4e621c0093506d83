"""The pipeline, stage by stage, and the provenance computed from it.

`STAGES` is the one list: the runner executes the document stages in this order for every
document (`run/document.py`), pairs the corpus, then runs the exchange stage for every pair
(`run/exchange.py`); provenance reports the same names, and each stage's fingerprint (in
`layer_versions`) is computed from the package files it declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from debatt_nlp import __version__
from debatt_nlp.annotate.models import find_model, model_files_digest
from debatt_nlp.annotate.pipeline import load_nlp, model_info
from debatt_nlp.run.document import DOCUMENT_STAGES
from debatt_nlp.run.fingerprint import combine, sources_fingerprint
from debatt_nlp.run.options import RunOptions
from debatt_nlp.schema import ModelInfo, Provenance, schema_fingerprint

Scope = Literal["document", "corpus", "exchange"]


@dataclass(frozen=True)
class Stage:
    name: str
    scope: Scope
    sources: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    *(Stage(stage.name, "document", stage.sources) for stage in DOCUMENT_STAGES),
    Stage("pair", "corpus", ("pair",)),
    Stage("align_score", "exchange", ("align", "directness", "swedish/tokens.py", "run/exchange.py")),
)
DOCUMENT_STAGE_NAMES = tuple(stage.name for stage in STAGES if stage.scope == "document")


def _model_digest(options: RunOptions) -> str:
    path = find_model(options.model) if options.backend == "spacy" else None
    return model_files_digest(path) if path is not None else "-"


def provenance_for(options: RunOptions) -> Provenance:
    """What made the records of a run with `options` (loads the pipeline: fails early when the
    model is missing)."""
    nlp = load_nlp(*options.nlp_key)
    name, version = model_info(nlp)
    layers = {stage.name: sources_fingerprint(stage.sources) for stage in STAGES}
    layers["model"] = combine([options.backend, name, version, _model_digest(options)])
    pipeline: list[str] = []
    for stage in STAGES:
        if stage.name == "annotate":
            pipeline.extend(f"annotate:{component}" for component in nlp.pipe_names)
        else:
            pipeline.append(stage.name)
    return Provenance(
        backend=options.backend,
        tool_version=__version__,
        schema_version=schema_fingerprint(),
        pipeline=pipeline,
        model=ModelInfo(name=name, version=version),
        ruleset_version=combine([schema_fingerprint(), *(f"{k}={v}" for k, v in sorted(layers.items()))]),
        layer_versions=layers,
    )


def document_fingerprint(provenance: Provenance) -> str:
    """What an annotated document depends on: the document stages, the model and the schema.
    Pairing, alignment and scoring are redone on every run, so they do not decide reuse."""
    layers = provenance.layer_versions
    return combine(
        [
            provenance.schema_version,
            layers.get("model", "-"),
            *(f"{name}={layers.get(name, '-')}" for name in DOCUMENT_STAGE_NAMES),
        ]
    )
