"""A small pool of forked worker processes that can always be stopped at once.

multiprocessing.Pool and concurrent.futures.ProcessPoolExecutor share locks (semaphores)
between the parent and the workers. A worker killed while holding one (SIGTERM to the
process group, SIGKILL) leaves it held: Pool.terminate() then waits forever, and the
executor, torn down while its futures are being cancelled, raises in its own threads and
again at interpreter exit. Indexing must stop cleanly on any signal (see store.interrupts),
so this pool shares nothing but one pipe per worker:

- the builder's dispatcher thread sends each worker at most `AHEAD` chunks of tasks and
  reads results as they come, so work goes on while the builder writes a shard;
- results are handed out in task order, a chunk at a time;
- `close(ok=False)` kills every worker with SIGKILL and reaps it: nothing they hold can
  block the builder, and a half-sent result is just a closed pipe.

A worker ignores SIGINT and SIGHUP (a Ctrl-C or a closed terminal reaches the whole
process group; the builder decides), dies on SIGTERM, and dies with the builder, even one
killed with SIGKILL, where the system can say so (Linux's parent-death signal).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

AHEAD = 2  # chunks in flight per worker: one running, one waiting in its pipe


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed from outside, out of memory)."""


class ProcessPool:
    """`n` forked processes running `fn(task)` for `imap`, results in order."""

    def __init__(self, n: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conns: list[Connection] = []
        self._procs = []
        builder = os.getpid()
        for _ in range(max(1, n)):
            mine, theirs = ctx.Pipe(duplex=True)
            proc = ctx.Process(target=_serve, args=(theirs, list(self._conns), builder), daemon=True)
            proc.start()
            theirs.close()
            self._conns.append(mine)
            self._procs.append(proc)
        self._cond = threading.Condition()
        self._queue: deque = deque()  # (key, fn, tasks) not sent yet
        self._flight: dict[Connection, deque] = {c: deque() for c in self._conns}
        self._results: dict[tuple[int, int], tuple[str, object]] = {}
        self._jobs = 0
        self._stopping = False
        self._fatal: BaseException | None = None
        self._wake_r, self._wake_w = os.pipe()  # after the forks: no worker holds it
        self._thread = threading.Thread(target=self._dispatch, name="fuente-workers", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------ the builder's side
    def imap(self, fn: Callable, tasks: Iterable, chunksize: int = 4) -> Iterator:
        """`fn` over `tasks`, in order; every chunk is queued now and runs in the background."""
        tasks = list(tasks)
        with self._cond:
            job, self._jobs = self._jobs, self._jobs + 1
            keys = [(job, i) for i in range(0, len(tasks), chunksize)]
            self._queue.extend((key, fn, tasks[key[1]:key[1] + chunksize]) for key in keys)
        self._wake()
        return self._collect(keys)

    def _collect(self, keys: list[tuple[int, int]]) -> Iterator:
        for key in keys:
            with self._cond:
                while key not in self._results:
                    if self._fatal is not None:
                        raise WorkerDied(f"the worker pool failed: {self._fatal}") from self._fatal
                    if self._stopping:
                        raise WorkerDied("the worker pool was closed")
                    self._cond.wait()
                status, payload = self._results.pop(key)
            if status == "error":
                raise payload  # the task's own exception, as raised in the worker
            yield from payload

    def close(self, ok: bool = True) -> None:
        """End the workers: let them finish and exit (`ok`), or kill them at once."""
        with self._cond:
            if self._stopping:
                return
            self._stopping = True
            self._cond.notify_all()
        self._wake()
        self._thread.join()
        for conn, proc in zip(self._conns, self._procs):
            if ok:
                try:
                    conn.send(None)
                except OSError:
                    pass
            else:
                proc.kill()
        for conn, proc in zip(self._conns, self._procs):
            proc.join()
            conn.close()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    # ------------------------------------------------------------ the dispatcher thread
    def _dispatch(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # noqa: BLE001 - a bug here must not leave the builder waiting forever
            with self._cond:
                self._fatal = exc
                self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
                for conn, flight in self._flight.items():
                    while self._queue and len(flight) < AHEAD:
                        key, fn, tasks = self._queue.popleft()
                        try:
                            conn.send((key, fn, tasks))
                        except OSError:
                            self._results[key] = ("error", WorkerDied("a worker process ended"))
                            self._cond.notify_all()
                            continue
                        flight.append(key)
                busy = [c for c, flight in self._flight.items() if flight]
            for ready in wait([*busy, self._wake_r]):
                if ready == self._wake_r:
                    os.read(self._wake_r, 4096)
                    continue
                try:
                    key, status, payload = ready.recv()
                except (EOFError, OSError):  # it died: its chunks are lost
                    with self._cond:
                        for key in self._flight.pop(ready):
                            self._results[key] = ("error", WorkerDied("a worker process ended"))
                        self._cond.notify_all()
                    continue
                with self._cond:
                    self._flight[ready].popleft()
                    self._results[key] = (status, payload)
                    self._cond.notify_all()


def _serve(conn: Connection, inherited: list[Connection], builder: int) -> None:
    """A worker's life: run chunks until told to stop or the builder is gone."""
    for other in inherited:  # the other workers' pipes, copied by the fork
        other.close()
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the builder's handler is inherited: not for here
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a builder killed with SIGKILL may leave its workers behind
    if os.getppid() != builder:  # the builder died before the signal was asked for
        os._exit(1)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        key, fn, tasks = message
        try:
            reply = (key, "ok", [fn(task) for task in tasks])
        except Exception as exc:  # noqa: BLE001 - handed to the builder, which raises it
            reply = (key, "error", exc)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
            conn.send((key, "error", RuntimeError(f"{type(exc).__name__}: {exc}")))
