"""Fuente's store: builds the index of a news corpus and answers queries on it.

This package never imports textual, rich or the app: the app reads the store
only through `open_store()` and the `Store` methods. The query API is imported
when first used, so `from store.errors import ...` and a command that needs only a
part of the store stay cheap in a fresh process.
"""
from .errors import (CorruptStore, DocumentNotFound, FuenteError, InputError, StoreExists, StoreNotFound,
                     StoreVersionError, UnknownCountry)

__all__ = ["BUNDLED", "Store", "open_store", "FuenteError", "StoreNotFound", "CorruptStore", "StoreVersionError",
           "StoreExists", "InputError", "DocumentNotFound", "UnknownCountry"]


def __getattr__(name: str):
    if name in ("BUNDLED", "Store", "open_store"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
