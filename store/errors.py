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


class UnknownCountry(FuenteError, ValueError):
    """A country argument that is no ISO code, bloc code or country name (the message lists close ones)."""
