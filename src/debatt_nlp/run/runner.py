"""The run: items → document stages (executor) → journal → pair → align & score (executor) → records.

Memory stays bounded whatever the corpus: items are produced lazily, at most a few chunks are in
flight, every annotated document goes to the journal at once and is forgotten (only its small
pairing candidate stays), and records are written one at a time in id order, their documents
spliced in as the JSON the journal holds.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from debatt_nlp.run.document import DocResult, process_chunk
from debatt_nlp.run.exchange import AnswerTask, Plan, answer_exchange, exchange_line, pair, plans
from debatt_nlp.run.executors import make_executor
from debatt_nlp.run.items import WorkItem
from debatt_nlp.run.journal import Entry, Journal, JournalError
from debatt_nlp.run.options import RunOptions
from debatt_nlp.run.previous import PreviousOutput
from debatt_nlp.run.signals import GUARD
from debatt_nlp.run.stages import document_fingerprint, provenance_for
from debatt_nlp.schema import InputError

ProgressCallback = Callable[[str], None]
LineSink = Callable[[str], None]


@dataclass
class RunSummary:
    n_inputs: int = 0
    n_annotated: int = 0
    n_resumed: int = 0
    n_exchanges: int = 0
    n_paired: int = 0
    errors: list[InputError] = field(default_factory=list)


@dataclass
class JournalPlan:
    """Where the run checkpoints: a journal next to the output (resumable), or a private one in
    the temporary folder that is removed whatever happens (stdout, in-memory runs)."""

    path: Path | None = None
    resume: bool = False
    previous_output: Path | None = None


def run(
    items: Iterable[WorkItem],
    options: RunOptions,
    open_output: Callable[[], AbstractContextManager[LineSink]],
    *,
    journal: JournalPlan | None = None,
    on_document: ProgressCallback | None = None,
) -> RunSummary:
    """Annotate `items`; write every record through the sink `open_output()` gives (entered only
    once all documents are annotated, so a failed or interrupted run leaves the output alone)."""
    journal = journal or JournalPlan()
    provenance = provenance_for(options)  # loads the pipeline: a missing model fails before any work
    header = {
        "fingerprint": document_fingerprint(provenance),
        "tool_version": provenance.tool_version,
        "model": f"{provenance.model.name} {provenance.model.version}",
    }
    summary = RunSummary()
    with ExitStack() as stack:
        book, reusable = _open_journal(journal, header, stack)
        previous = (
            PreviousOutput.index(journal.previous_output, header["fingerprint"])
            if journal.resume and journal.previous_output is not None and journal.previous_output.is_file()
            else None
        )
        keyed = journal.path is not None  # a private journal is never resumed: no keys needed
        executor = make_executor(options)
        stack.callback(executor.close)
        entries: dict[str, Entry] = {}

        def keep(result: DocResult) -> None:
            with GUARD.critical():
                entries[result.doc_id] = book.append(result)

        def chunks() -> Iterator[tuple[list[WorkItem], list[str | None], RunOptions]]:
            chunk: list[WorkItem] = []
            keys: list[str | None] = []
            for item in items:
                summary.n_inputs += 1
                key = item.reuse_key() if keyed else None
                if key is not None and key in reusable:
                    entries[item.doc_id] = reusable.pop(key)
                elif key is not None and previous is not None and (found := previous.take(key, item)):
                    keep(found)
                else:
                    chunk.append(item)
                    keys.append(key)
                    if len(chunk) >= options.batch_size:
                        yield chunk, keys, options
                        chunk, keys = [], []
                    continue
                summary.n_resumed += 1
                if on_document:
                    on_document(item.location)
            if chunk:
                yield chunk, keys, options

        for results in executor.map(process_chunk, chunks()):
            for result in results:
                if isinstance(result, InputError):
                    summary.errors.append(result)
                    location = result.path
                else:
                    keep(result)
                    summary.n_annotated += 1
                    location = result.doc_id
                if on_document:
                    on_document(location)
        book.sync()

        provenance_json = provenance.model_dump_json()
        with open_output() as write:
            for line, paired in _records(entries, book, executor, options, provenance_json):
                write(line)
                summary.n_exchanges += 1
                summary.n_paired += paired
    if journal.path is not None:
        book.remove()  # the output is in place: the checkpoint has done its job
    return summary


def _open_journal(plan: JournalPlan, header: dict, stack: ExitStack) -> tuple[Journal, dict[str, Entry]]:
    if plan.path is None:
        folder = tempfile.mkdtemp(prefix="debatt-nlp-")
        path = Path(folder) / "run.journal"
        book = Journal.create(path, header)
        stack.callback(lambda: (book.remove(), os.rmdir(folder)))
        return book, {}
    if plan.path.exists() and _holds_documents(plan.path):
        if not plan.resume:
            raise JournalError(
                f"{plan.path} holds the documents of an interrupted run: continue it with --resume, "
                "or delete it to start over"
            )
        book, reusable = Journal.resume(plan.path, header)
    else:  # none, or one that never got past its header
        book, reusable = Journal.create(plan.path, header), {}
    stack.callback(book.close)  # on failure the journal stays for --resume; on success it goes
    return book, reusable


def _holds_documents(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.readline()
        return bool(handle.readline())


def _records(
    entries: dict[str, Entry], book: Journal, executor, options: RunOptions, provenance_json: str
) -> Iterator[tuple[str, bool]]:
    """(record line, paired?) in id order; the pairs' align & score run on the executor, with the
    unpaired records between them kept in order behind a queue of small plans."""
    queue: deque[Plan] = deque()

    def tasks() -> Iterator[AnswerTask]:
        for plan in plans(entries, pair(entries)):
            queue.append(plan)
            if plan.reply is not None:
                first, questions = book.read(plan.first)
                reply, _ = book.read(plan.reply)
                yield AnswerTask(first, reply, questions, options)

    def unpaired_before_next_pair() -> Iterator[tuple[str, bool]]:
        while queue and queue[0].reply is None:
            plan = queue.popleft()
            document, questions = book.read(plan.first)
            yield exchange_line(plan.doc_id, provenance_json, [document], questions, None), False

    for answered in executor.map(answer_exchange, tasks()):
        yield from unpaired_before_next_pair()
        plan = queue.popleft()
        first, _ = book.read(plan.first)
        reply, _ = book.read(plan.reply)  # type: ignore[arg-type]
        yield exchange_line(plan.doc_id, provenance_json, [first, reply], answered, plan.pairing), True
    yield from unpaired_before_next_pair()
