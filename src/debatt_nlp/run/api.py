"""Entry points: annotate files, corpora or texts (no printing, no exits).

Every entry point takes one `RunOptions` (or its fields as keyword arguments, for brevity).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from debatt_nlp.export.atomic import atomic_writer
from debatt_nlp.ingest.text_files import IngestError, RawDocument, decode_bytes
from debatt_nlp.run.items import WorkItem, check_sidecars, iter_items, load_sidecars
from debatt_nlp.run.journal import journal_path
from debatt_nlp.run.options import RunOptions
from debatt_nlp.run.runner import JournalPlan, LineSink, ProgressCallback, RunSummary, run
from debatt_nlp.run.signals import stop_cleanly_on_signals
from debatt_nlp.schema import Exchange, InputError


@dataclass
class AnnotationRun:
    """An in-memory run (for small inputs, notebooks and tests)."""

    exchanges: list[Exchange] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    n_inputs: int = 0

    @property
    def n_documents(self) -> int:
        return sum(len(e.documents) for e in self.exchanges)


def options_from(options: RunOptions | None, overrides: dict[str, Any]) -> RunOptions:
    options = options or RunOptions()
    if "metadata_files" in overrides:
        overrides["metadata_files"] = tuple(Path(p) for p in overrides["metadata_files"])
    return dataclasses.replace(options, **overrides) if overrides else options


def _items(paths: Iterable[Path], options: RunOptions) -> Iterator[WorkItem]:
    paths = [Path(p) for p in paths]
    sidecars = load_sidecars(paths, options.metadata_files)
    check_sidecars(paths, options.input_format, sidecars)  # before any work: a usage error
    return iter_items(paths, options.input_format, sidecars)


def annotate_paths(
    paths: Iterable[Path],
    options: RunOptions | None = None,
    *,
    on_document: ProgressCallback | None = None,
    **overrides: Any,
) -> AnnotationRun:
    """Annotate every supported input under `paths` and return the exchanges in memory."""
    options = options_from(options, overrides)
    exchanges: list[Exchange] = []
    summary = run(_items(paths, options), options, _collect(exchanges), on_document=on_document)
    return AnnotationRun(exchanges=exchanges, errors=summary.errors, n_inputs=summary.n_inputs)


def annotate_texts(
    texts: Iterable[tuple[str, str]], options: RunOptions | None = None, **overrides: Any
) -> AnnotationRun:
    """Annotate (id, text) pairs already in memory."""
    options = options_from(options, overrides)

    def items() -> Iterator[WorkItem]:
        for seq, (doc_id, text) in enumerate(texts):
            try:
                decoded, encoding, warnings = decode_bytes(text.encode("utf-8"))
            except IngestError as exc:
                yield WorkItem(seq, doc_id, doc_id, error=exc)
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            yield WorkItem(
                seq, doc_id, doc_id, raw=RawDocument(doc_id, doc_id, decoded, encoding, digest, warnings)
            )

    exchanges: list[Exchange] = []
    summary = run(items(), options, _collect(exchanges))
    return AnnotationRun(exchanges=exchanges, errors=summary.errors, n_inputs=summary.n_inputs)


def annotate_to_jsonl(
    paths: Iterable[Path],
    output: Path | TextIO,
    options: RunOptions | None = None,
    *,
    resume: bool = False,
    on_document: ProgressCallback | None = None,
    **overrides: Any,
) -> RunSummary:
    """Annotate and write one JSON line per exchange to `output`: a path (written atomically at
    the end, checkpointed meanwhile in `<output>.journal`) or a stream such as stdout.

    With `resume`, documents of an interrupted run's journal, and of a previous complete `output`,
    are reused where id, content, sidecar row, rule set and model match; the rest is annotated.
    SIGINT/SIGTERM raise RunInterrupted after the journal is safe."""
    options = options_from(options, overrides)
    if not isinstance(output, Path):
        return run(_items(paths, options), options, _stream(output), on_document=on_document)
    plan = JournalPlan(journal_path(output), resume, output)
    with stop_cleanly_on_signals():
        return run(
            _items(paths, options),
            options,
            _atomic_lines(output, plan.path),
            journal=plan,
            on_document=on_document,
        )


def annotate_to_tables(
    paths: Iterable[Path],
    output_dir: Path,
    write_tables: Callable[[Path, Iterable[Exchange]], list[Path]],
    options: RunOptions | None = None,
    *,
    resume: bool = False,
    on_document: ProgressCallback | None = None,
    **overrides: Any,
) -> tuple[RunSummary, list[Path]]:
    """Annotate and write tables into `output_dir` with `write_tables` (fed the exchanges one at a
    time), checkpointing in `<output_dir>/debatt-nlp.journal`."""
    options = options_from(options, overrides)
    plan = JournalPlan(journal_path(output_dir, folder=True), resume, None)
    written: list[Path] = []

    @contextmanager
    def sink() -> Iterator[LineSink]:
        # the records go to a temporary JSONL beside the tables, which are then written from it
        # one record at a time (table writers pull; the run pushes)
        output_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile("w+", encoding="utf-8", dir=output_dir) as spool:
            yield lambda line: spool.write(line + "\n")
            spool.seek(0)
            records = (Exchange.model_validate_json(line) for line in spool if line.strip())
            written.extend(write_tables(output_dir, records))

    with stop_cleanly_on_signals():
        summary = run(_items(paths, options), options, sink, journal=plan, on_document=on_document)
    return summary, written


def _collect(exchanges: list[Exchange]):
    @contextmanager
    def sink() -> Iterator[LineSink]:
        yield lambda line: exchanges.append(Exchange.model_validate_json(line))

    return sink


def _stream(handle: TextIO):
    @contextmanager
    def sink() -> Iterator[LineSink]:
        def write(line: str) -> None:
            handle.write(line)
            handle.write("\n")

        yield write
        handle.flush()

    return sink


def _atomic_lines(output: Path, journal: Path | None):
    @contextmanager
    def sink() -> Iterator[LineSink]:
        _remove_stray_temporaries(output)
        with atomic_writer(output) as handle:

            def write(line: str) -> None:
                handle.write(line)
                handle.write("\n")

            yield write

    return sink


def _remove_stray_temporaries(output: Path) -> None:
    """Temporary files a killed run left beside `output` (the journal's lock is held: no other run
    is writing this output)."""
    if output.parent.is_dir():
        for stray in output.parent.glob(f".{output.name}.*.tmp"):
            stray.unlink(missing_ok=True)
