"""The per-document stages as Dask tasks on a cluster: `fuente index … --cluster ADDRESS|local[:N]`.

The same executor as store.parallel.Workers (`imap` in task order, `close(ok)`), so the
build does not know where its work runs: the client (the builder) still writes every
shard and the search index in its own generation, and only the pure per-file work
(store.parallel.extract_file, relations_for_shard) runs on the workers. Imported only
when --cluster is given: without it, neither dask nor distributed is loaded.

- A shard's batch of files goes out as one Dask task per worker (phase 2: one task per shard).
- Workers reach the sources by path, as the local pool does: on several machines the corpus
  (and the store, which phase 2 rereads) must be at the same path on every worker, a shared
  folder. A worker that cannot see a task's folder fails the build in one line (SourcesNotShared)
  rather than skipping the files as unreadable, which would give a different store.
- A worker that dies mid-task: the scheduler reruns the task elsewhere (its allowed failures),
  and a task that fails is retried `RETRIES` times; past that the build fails in one line
  (ClusterError) and store.build removes the partial generation, leaving the old store.
- `close(ok=False)` (an error, Ctrl-C) cancels what is in flight and closes the client and,
  for local[:N], the LocalCluster it started; its scratch folder is a temporary one.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator

from .errors import ClusterError, ClusterUnavailable, SourcesNotShared

try:
    import dask
    import distributed
except ImportError as exc:  # the optional extra is not installed
    raise ClusterUnavailable("--cluster needs Dask: pip install -e '.[cluster]'") from exc

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before the build gives up
RETRIES = 2  # reruns of a task that raised (a worker lost mid-task is rescheduled by the scheduler too)
_LOCAL = re.compile(r"local(?::(\d+))?")

Progress = Callable[[str, int, int], None]


def run_batch(fn: Callable, tasks: list) -> list:
    """`fn` over one batch of tasks, on a worker; the batch's folder must be there (a shared path)."""
    for folder in {os.path.dirname(os.path.abspath(t[0])) for t in tasks}:
        if not os.path.isdir(folder):
            raise SourcesNotShared(f"worker {distributed.get_worker().address} cannot see {folder}: with "
                                   f"--cluster the corpus and the store must be at the same path on every worker")
    return [fn(task) for task in tasks]


class ClusterWorkers:
    """Tasks on the Dask scheduler at `address`, or on a LocalCluster of N processes for 'local[:N]'."""

    def __init__(self, address: str, progress: Progress | None = None) -> None:
        self._progress = progress
        self._cluster = None
        self._scratch: str | None = None
        self._config = None
        self._environ: dict[str, str] | None = None
        self._done = self._total = 0
        local = _LOCAL.fullmatch(address)
        try:
            if local:
                n = int(local.group(1) or os.cpu_count() or 1)
                if n < 1:
                    raise ClusterError(f"--cluster {address}: at least one worker is needed")
                self._scratch = tempfile.mkdtemp(prefix="fuente-dask-")
                # Every process of the LocalCluster (scheduler, nannies, workers) writes its scratch space here.
                self._config = dask.config.set({"temporary-directory": self._scratch})
                self._config.__enter__()
                # Starting its nannies sets variables in os.environ (MALLOC_TRIM_THRESHOLD_, PYTHONHASHSEED,
                # OMP_NUM_THREADS…) that every later child of the builder would inherit: put back at close.
                self._environ = dict(os.environ)
                self._cluster = distributed.LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                    local_directory=self._scratch, silence_logs=logging.CRITICAL, preload=[__name__])
                self._client = distributed.Client(self._cluster, timeout=CONNECT_TIMEOUT)
            else:
                self._client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except ClusterError:
            self.close(ok=False)
            raise
        except (OSError, TimeoutError, ValueError) as exc:
            self.close(ok=False)
            raise ClusterError(f"cannot reach a Dask scheduler at {address}: {_reason(exc)}") from None
        except Exception as exc:  # noqa: BLE001 - a LocalCluster that failed to start (a nanny, a port)
            self.close(ok=False)
            raise ClusterError(f"cannot start the cluster {address}: {_reason(exc)}") from None
        self.workers = len(self._client.nthreads())
        self.stage = f"tasks ({self.workers} worker{'s' if self.workers != 1 else ''})"

    def imap(self, fn: Callable, tasks: Iterable, chunksize: int | None = None) -> Iterator:
        """`fn` over `tasks`, results in order: the batch (a shard's files) as one Dask task per worker,
        or one task per `chunksize` tasks.

        A whole shard as one task left a worker idle whenever the builder had fewer than two shards in
        flight (the first batch, the last, phase 2): 1.56x the local build's time at 2,000 articles here.
        """
        tasks = list(tasks)
        if not tasks:
            return iter(())
        size = chunksize or -(-len(tasks) // max(1, self._live_workers()))
        chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
        futures = [self._client.submit(run_batch, fn, chunk, retries=RETRIES, pure=False) for chunk in chunks]
        self._total += len(futures)
        self._report()
        return self._collect(futures)

    def _live_workers(self) -> int:
        try:
            return len(self._client.nthreads()) or self.workers
        except Exception:  # noqa: BLE001 - the count only sizes tasks
            return self.workers

    def _collect(self, futures: list) -> Iterator:
        for future in futures:
            try:
                results = future.result()
            except (ClusterError, KeyboardInterrupt):
                raise
            except (distributed.client.FutureCancelledError, OSError, TimeoutError) as exc:
                raise ClusterError(f"the cluster lost a task: {_reason(exc)}") from None
            except Exception as exc:  # noqa: BLE001 - a worker killed too often, or a failure past retries
                if type(exc).__module__.startswith(("distributed", "dask")):
                    raise ClusterError(f"the cluster failed a task: {_reason(exc)}") from None
                raise  # the task's own exception, as the local pool raises it
            self._done += 1
            self._report()
            yield from results

    def _report(self) -> None:
        if self._progress:
            self._progress(self.stage, self._done, self._total)

    def close(self, ok: bool = True) -> None:
        """Close the client and any LocalCluster; on failure cancel what is still running first."""
        client, self._client = getattr(self, "_client", None), None
        cluster, self._cluster = self._cluster, None
        try:
            if client is not None:
                if not ok:
                    try:
                        client.cancel(list(client.futures.values()), force=True)
                    except Exception:  # noqa: BLE001 - closing anyway
                        pass
                client.close(timeout=5)
            if cluster is not None:
                cluster.close(timeout=10)
        except Exception:  # noqa: BLE001 - the build's own outcome matters, not the cluster's goodbye
            pass
        finally:
            if self._environ is not None:
                restore_environ(self._environ)
                self._environ = None
            if self._config is not None:
                self._config.__exit__(None, None, None)
                self._config = None
            if self._scratch:
                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None


def dask_setup(worker) -> None:
    """Preload of the LocalCluster's workers: leave SIGINT and SIGHUP to the builder.

    A Ctrl-C or a closed terminal reaches the whole process group; the builder closes the
    cluster, so its workers must not die on their own printing tracebacks (the local pool's
    workers ignore the two signals the same way).
    """
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def restore_environ(saved: dict[str, str]) -> None:
    """os.environ as it was in `saved`."""
    for key in set(os.environ) - set(saved):
        del os.environ[key]
    os.environ.update(saved)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text and text[0] else type(exc).__name__
