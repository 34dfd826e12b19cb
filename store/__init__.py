"""Fuente's store: builds the index of a news corpus and answers queries on it.

This package never imports textual, rich or the app: the app reads the store
only through `open_store()` and the `Store` methods.
"""
from .api import BUNDLED, Store, open_store
from .errors import (CorruptStore, DocumentNotFound, FuenteError, InputError, StoreExists, StoreNotFound,
                     StoreVersionError)

__all__ = ["BUNDLED", "Store", "open_store", "FuenteError", "StoreNotFound", "CorruptStore", "StoreVersionError",
           "StoreExists", "InputError", "DocumentNotFound"]
