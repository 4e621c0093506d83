"""The runner: one package whose modules are the stages of a run.

items.py       inputs → numbered work items with unique ids (and their sidecar rows)
document.py    the document stages: ingest → repair → segment → annotate → assemble
journal.py     annotated documents checkpointed as they come (crash-safe, resumable)
exchange.py    the corpus stage (pair) and the exchange stage (align & score); records
stages.py      the list of stages, and provenance computed from it (fingerprints)
executors.py   where the work runs: in-process, a process pool, or Dask
runner.py      the run that ties them together
api.py         the entry points (`annotate_paths`, `annotate_to_jsonl`, `annotate_texts`, …)
"""

from debatt_nlp.run.api import (
    AnnotationRun,
    annotate_paths,
    annotate_texts,
    annotate_to_jsonl,
    annotate_to_tables,
)
from debatt_nlp.run.journal import JournalError, journal_path
from debatt_nlp.run.options import RunOptions
from debatt_nlp.run.runner import RunSummary
from debatt_nlp.run.signals import RunInterrupted
from debatt_nlp.run.stages import STAGES, provenance_for

__all__ = [
    "STAGES",
    "AnnotationRun",
    "JournalError",
    "RunInterrupted",
    "RunOptions",
    "RunSummary",
    "annotate_paths",
    "annotate_texts",
    "annotate_to_jsonl",
    "annotate_to_tables",
    "journal_path",
    "provenance_for",
]
