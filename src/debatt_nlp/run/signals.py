"""SIGINT and SIGTERM stop a run cleanly: the journal keeps what was done, nothing half-written
is left, and the caller learns which signal it was (exit code 128 + signal: 130, 143)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class RunInterrupted(BaseException):
    """Raised in the main thread when the run is asked to stop. A BaseException, like
    KeyboardInterrupt, so that no `except Exception` around one document's work can swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _Guard:
    """Defers the interrupt while a journal line is being written, so that no line is torn by
    our own handler (a kill -9 still can tear one; the journal reader cuts it off)."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending: int | None = None

    @contextmanager
    def critical(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0 and self.pending is not None:
                signum, self.pending = self.pending, None
                raise RunInterrupted(signum)

    def handler(self, signum: int, frame: FrameType | None) -> None:
        if self.depth:
            self.pending = signum
            return
        raise RunInterrupted(signum)


GUARD = _Guard()


@contextmanager
def stop_cleanly_on_signals() -> Iterator[None]:
    """Within the block SIGINT/SIGTERM raise RunInterrupted (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, GUARD.handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
