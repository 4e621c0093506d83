"""One options object for every entry point (Python API, CLI, workers, Dask tasks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from debatt_nlp.annotate.models import DEFAULT_MODEL

InputFormat = Literal["files", "jsonl"]
Engine = Literal["local", "dask"]
SPACY_BACKEND = "spacy"

# Characters of text handed to the spaCy pipeline in one `nlp.pipe` batch. The statistical
# components hold activations for a whole batch: a budget in characters (not documents) keeps a
# batch of huge pieces as small as a batch of ordinary documents.
PIPE_CHARS = 200_000
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class RunOptions:
    """How to run. Frozen and picklable: it travels to worker processes and Dask workers.

    `batch_size` documents make one unit of work for a worker; `pipe_chars` bounds one spaCy batch;
    neither changes the output. `max_chars` (0 = no limit) refuses a document whose extracted text
    is longer, as an input error with the sizes, before any work is spent on it.
    """

    model: str = DEFAULT_MODEL
    backend: str = SPACY_BACKEND
    stanza_dir: str | None = None
    batch_size: int = 16
    workers: int = 1
    engine: Engine = "local"
    scheduler: str | None = None
    input_format: InputFormat = "files"
    max_chars: int = DEFAULT_MAX_CHARS
    pipe_chars: int = PIPE_CHARS
    metadata_files: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def nlp_key(self) -> tuple[str, str, str | None]:
        """What `load_nlp` needs."""
        return (self.model, self.backend, self.stanza_dir)
