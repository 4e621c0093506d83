"""Executors: where the per-document and per-exchange work runs, behind one small interface.

`map(fn, tasks)` yields `fn(task)` for every task, in task order, with a bounded number of tasks
in flight (memory stays flat however long the input). `fn` is a module-level function and the
tasks are picklable: they carry their options, so no worker keeps state of its own beyond the
per-process caches of loaded models (`load_nlp`, the embedder), which make a model load once per
worker process, not once per task.

- InProcess: this process, one task after the other (`--workers 1`).
- ProcessPool: local worker processes (`--workers N`); forked where the platform and backend
  allow (fast start, the parent's loaded model shared copy-on-write), spawned otherwise.
- Dask: a `dask.distributed` cluster (`--engine dask`): the one at `--scheduler ADDRESS`, or a
  LocalCluster of `--workers` single-threaded worker processes started for the run.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from debatt_nlp.run.options import SPACY_BACKEND, RunOptions

T = TypeVar("T")
R = TypeVar("R")


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here (e.g. dask is not installed); a usage error."""


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InProcess:
    name = "in-process"

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        for task in tasks:
            yield fn(task)

    def close(self) -> None:
        pass


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what happens (it stops
    # the pool and keeps the journal), so the workers do not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPool:
    name = "process-pool"

    def __init__(self, workers: int, backend: str = SPACY_BACKEND, in_flight: int | None = None) -> None:
        # torch (stanza) must not be forked once loaded: stanza workers start fresh
        can_fork = "fork" in multiprocessing.get_all_start_methods() and backend == SPACY_BACKEND
        context = multiprocessing.get_context("fork" if can_fork else "spawn")
        self._pool = context.Pool(workers, initializer=_ignore_interrupts)
        self._in_flight = in_flight or 2 * workers

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        pending: deque[multiprocessing.pool.AsyncResult] = deque()
        for task in tasks:
            pending.append(self._pool.apply_async(fn, (task,)))
            if len(pending) >= self._in_flight:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


class DaskExecutor:
    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None, in_flight: int | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(
                "--engine dask needs the dask extra: pip install 'debatt-nlp[dask]' (dask and distributed)"
            ) from exc
        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # spaCy and our rules are CPU-bound Python: processes scale
                processes=True,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        n_workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self._in_flight = in_flight or 2 * n_workers

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(self._client.submit(fn, task, pure=False))
            if len(pending) >= self._in_flight:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    @staticmethod
    def _take(pending: deque[Any]) -> Any:
        future = pending.popleft()
        result = future.result()
        future.release()
        return result

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(options: RunOptions) -> Executor:
    if options.engine == "dask":
        return DaskExecutor(options.workers, options.scheduler)
    if options.workers <= 1:
        return InProcess()
    return ProcessPool(options.workers, options.backend)
