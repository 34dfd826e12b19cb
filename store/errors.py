"""Named errors of the store: the CLI and the app turn each into one clear line."""
from __future__ import annotations


class FuenteError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreNotFound(FuenteError):
    """No store at the given path."""


class CorruptStore(FuenteError):
    """The store exists but cannot be read: truncated, wrong types or inconsistent parts."""


class StoreVersionError(FuenteError):
    """The store was written with a schema this version of Fuente does not read."""


class StoreExists(FuenteError):
    """The output path holds something that is not a Fuente store; refusing to overwrite it."""


class InputError(FuenteError):
    """An input path given to the indexer is missing or unreadable."""


class DocumentNotFound(FuenteError):
    """No document with that id (or file name) in the store."""


class NoSpace(FuenteError):
    """The disk filled up while a store was written; the previous store is unchanged."""


class ClusterError(FuenteError):
    """A build on a Dask cluster could not run: no scheduler at the address, or a task lost past its retries."""


class ClusterUnavailable(ClusterError):
    """--cluster was given but dask/distributed (the optional extra `cluster`) is not installed."""


class SourcesNotShared(ClusterError):
    """A cluster worker cannot see the corpus or the store at the path the client gave."""


class BuildInterrupted(KeyboardInterrupt):
    """A build stopped by SIGINT, SIGTERM or SIGHUP: its partial generation is gone.

    A KeyboardInterrupt, so that code catching only Exception lets it through as it
    would a Ctrl-C. `committed` is True when the signal came while the new store was
    being made live, which then finished first.
    """

    def __init__(self, signum: int, committed: bool = False) -> None:
        super().__init__(signum)
        self.signum, self.committed = signum, committed

    @property
    def name(self) -> str:
        import signal

        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"
class UnknownCountry(FuenteError, ValueError):
    """A country argument that is no ISO code, bloc code or country name (the message lists close ones)."""
