"""Signals during a build: SIGINT, SIGTERM and SIGHUP become one exception in the builder.

The default actions of SIGTERM and SIGHUP end the process at once, leaving its workers
running and its half-written generation on disk. While a build runs, all three raise
`BuildInterrupted` in the builder instead, so its clean-up runs: the workers are stopped
(they ignore signals themselves, see store.parallel), the partial generation is removed
and the store stays as it was. While the new generation is made live the signal waits,
so a store is never left between two generations.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from .errors import BuildInterrupted

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interruptible:
    """Context manager turning the build's signals into BuildInterrupted (main thread only).

    A signal the process was told to ignore (`nohup`, a background job's SIGINT) stays
    ignored. Elsewhere than the main thread Python cannot take signals: nothing changes.
    """

    def __init__(self) -> None:
        self._old: dict[int, object] = {}
        self._deferring = False
        self._pending: int | None = None

    def __enter__(self) -> "Interruptible":
        if threading.current_thread() is threading.main_thread():
            for sig in SIGNALS:
                old = signal.getsignal(sig)
                if old is not signal.SIG_IGN:
                    self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        self._old.clear()

    def _handle(self, signum: int, frame) -> None:
        if self._deferring:
            self._pending = signum
            return
        raise BuildInterrupted(signum)

    @contextmanager
    def deferred(self, committed: bool = True):
        """Hold signals back while the block runs; one that came is raised once it is done.

        `committed`: whether the block made the new store live (else the signal found it unchanged)."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self._pending is not None:
            raise BuildInterrupted(self._pending, committed=committed)
