"""Python entry points (no printing, no exits): the runner's, under their familiar names.

    from debatt_nlp.api import annotate_paths
    run = annotate_paths(["seeds/"])            # or annotate_paths(paths, RunOptions(workers=2))

The runner lives in `debatt_nlp.run`; this module only re-exports its public API.
"""

from debatt_nlp.run import (
    STAGES,
    AnnotationRun,
    JournalError,
    RunInterrupted,
    RunOptions,
    RunSummary,
    annotate_paths,
    annotate_texts,
    annotate_to_jsonl,
    annotate_to_tables,
    provenance_for,
)

AnnotateOptions = RunOptions  # the name of 0.1

__all__ = [
    "STAGES",
    "AnnotateOptions",
    "AnnotationRun",
    "JournalError",
    "RunInterrupted",
    "RunOptions",
    "RunSummary",
    "annotate_paths",
    "annotate_texts",
    "annotate_to_jsonl",
    "annotate_to_tables",
    "provenance_for",
]
