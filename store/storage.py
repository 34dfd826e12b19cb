"""The store on disk: TinyDB files with a fast JSON backend, swapped in atomically.

A store is a folder:

    STORE/CURRENT          one line naming the live generation, e.g. "gen-1a2b3c4d"
    STORE/gen-1a2b3c4d/    records.json     meta, countries, shards, event_pages (small: read on open)
                           documents.json   one row per document, in corpus order, with per-document counts
                           shards/sNNNNN/   texts, passages, mentions, events, claims of about 512 documents
                           events/pNNNN.json  every event with its cluster, sorted as Store.events() lists them
                           search/          the tantivy index

Every .json file is a TinyDB file (orjson storage). Shards are written once and
then hard-linked into the next generation while their documents stay unchanged, so
an update rewrites only what changed (see store.build).

A build writes a whole new generation beside the live one and then replaces
CURRENT by rename, which is atomic: a reader sees the old store or the new one,
never half of either, and a build killed at any moment leaves the old one intact.
Two builds to the same path each finish their own generation; the last rename wins.
"""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import CorruptStore, StoreExists, StoreNotFound, StoreVersionError

SCHEMA = 2  # of the store layout; the export JSON keeps its own schema (1)
CURRENT = "CURRENT"
_BUILDING = "BUILDING"


# Below this size a file parses faster with the standard library's json than orjson
# imports (orjson pulls in dataclasses, uuid and more: ~15 ms in a fresh process).
ORJSON_FROM = 1_000_000


def loads(raw: bytes):
    """Parsed JSON, with orjson for large files and the standard library for small ones."""
    if len(raw) < ORJSON_FROM:
        return json.loads(raw)
    import orjson

    return orjson.loads(raw)


def read_tables(path: Path) -> dict:
    """The tables of the TinyDB file at `path` ({table: {id: row}}); CorruptStore when unreadable."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CorruptStore(f"{Path(path).name} is missing from the store") from exc
    try:
        data = loads(raw)
    except (ValueError, RecursionError) as exc:
        raise CorruptStore(f"{Path(path).name} is not valid JSON (truncated?)") from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptStore(f"{Path(path).name} does not hold TinyDB tables")
    return data


def __getattr__(name: str):
    # The TinyDB storage class costs TinyDB's import (~30 ms): defined when asked for.
    if name == "OrjsonStorage":
        globals()[name] = cls = _orjson_storage()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _orjson_storage():
    from tinydb.storages import Storage

    class OrjsonStorage(Storage):
        """TinyDB storage reading and writing JSON with orjson.

        Read-only by default, as browsing never writes: the parsed data is read once
        and kept, since TinyDB would otherwise parse the file again on every query.
        """

        def __init__(self, path: str | os.PathLike, read_only: bool = True) -> None:
            self.path = Path(path)
            self.read_only = read_only
            self._data: dict | None = None

        def read(self) -> dict | None:
            if self._data is None:
                self._data = read_tables(self.path)
            return self._data

        def write(self, data: dict) -> None:
            if self.read_only:
                raise PermissionError("the store is open read-only")
            write_json(self.path, data)
            self._data = data

        def close(self) -> None:
            self._data = None

    return OrjsonStorage


def write_json(path: Path, data) -> None:
    """Write JSON to `path` through a temporary file and a rename, flushed to disk."""
    import uuid

    import orjson

    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "wb") as f:
        f.write(orjson.dumps(data))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def tables_to_tinydb(tables: dict[str, list[dict]]) -> dict:
    """TinyDB's on-disk layout for `tables`: rows keyed by their id ("1", "2", …) in order.

    Built directly rather than through TinyDB's inserts, which cost a Python call per row
    (seconds for millions of mentions); tests check TinyDB reads the result back.
    """
    return {name: {str(i): row for i, row in enumerate(rows, 1)} for name, rows in tables.items()}


def read_rows(path: Path, name: str, missing_ok: bool = False) -> list[dict]:
    """The rows of table `name` in the TinyDB file `path`, as plain dicts in order (one parse)."""
    data = read_tables(path)
    if name not in data:
        if missing_ok:
            return []
        raise CorruptStore(f"table {name!r} is missing from {path.name}")
    return list(data[name].values())


def link_or_copy(src: Path, dst: Path) -> None:
    """`dst` as a hard link to `src` (a copy where the file system refuses links).

    Safe because store files are never modified in place: every write is a new file
    renamed over the old name, which leaves the other generation's link untouched.
    """
    try:
        os.link(src, dst)
    except OSError:
        import shutil

        shutil.copy2(src, dst)



# ---------------------------------------------------------------- locating
def is_store(path: Path) -> bool:
    """Whether `path` is a Fuente store folder."""
    return path.is_dir() and (path / CURRENT).is_file()


def live_generation(path: Path) -> Path:
    """The folder of the store's live generation; named errors when there is none."""
    path = Path(path)
    if not path.exists():
        raise StoreNotFound(f"no store at {path}")
    if not path.is_dir():
        raise CorruptStore(f"{path} is a file, not a Fuente store folder")
    pointer = path / CURRENT
    if not pointer.is_file():
        raise CorruptStore(f"{path} is not a Fuente store (no {CURRENT} file)")
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorruptStore(f"cannot read {pointer}: {exc}") from exc
    gen = path / name
    if not name.startswith("gen-") or "/" in name or not gen.is_dir():
        raise CorruptStore(f"{path}: {CURRENT} names a missing generation {name!r}")
    return gen


def check_meta(meta: dict | None, where: Path) -> dict:
    """The meta record, checked for the schema this code reads."""
    if not isinstance(meta, dict):
        raise CorruptStore(f"{where} has no meta record")
    schema = meta.get("schema")
    if not isinstance(schema, int):
        raise CorruptStore(f"{where}: meta record has no schema number")
    if schema > SCHEMA:
        raise StoreVersionError(f"{where} was written with schema {schema}; this Fuente reads schema {SCHEMA} "
                                f"(upgrade Fuente or rebuild with: fuente index …)")
    if schema < SCHEMA:
        raise StoreVersionError(f"{where} has old schema {schema}; rebuild it with: fuente index …")
    return meta


# ---------------------------------------------------------------- writing
LOCK = ".lock"


@contextmanager
def _locked(store: Path):
    """Hold the store's lock: concurrent builds take turns to start, commit and clean up.

    Readers never take it (a store opens from a read-only folder); only the short
    steps that change which generations exist run under it, never a whole build.
    """
    import fcntl

    fd = os.open(store / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _only_builds(out: Path) -> bool:
    """Whether `out` holds nothing but what builds write before the first commit."""
    return all(p.name == LOCK or p.name.startswith(f".{CURRENT}.") or
               (p.is_dir() and p.name.startswith("gen-")) for p in out.iterdir())


class Generation:
    """A new generation being written inside a store folder; `commit()` makes it live.

    `base` is the generation that was live when this one started (None for a new
    store): it is kept on disk until this build ends, so a build may read it (to reuse
    what did not change) even while another build commits and cleans up.
    """

    def __init__(self, out: Path) -> None:
        out = Path(out)
        if out.is_file() or out.is_symlink() and not out.is_dir():
            raise StoreExists(f"{out} exists and is not a Fuente store; refusing to overwrite it")
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            if not is_store(out) and not _only_builds(out):
                raise StoreExists(f"{out} exists and is not a Fuente store; refusing to overwrite it")
            self.store = out
            self.base = _live_name(out)
            import uuid

            self.name = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
            self.path = out / self.name
            self.path.mkdir()
            # The marker names this process and the generation it may read from.
            (self.path / _BUILDING).write_text(f"{os.getpid()}\n{self.base or ''}\n", encoding="utf-8")

    def write_tables(self, filename: str, tables: dict[str, list[dict]]) -> None:
        target = self.path / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        write_json(target, tables_to_tinydb(tables))

    def commit(self) -> None:
        """Make this generation live (atomic rename of CURRENT), then drop superseded ones."""
        _fsync_dir(self.path)
        with _locked(self.store):
            (self.path / _BUILDING).unlink()
            import uuid

            tmp = self.store / f".{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
            tmp.write_text(self.name + "\n", encoding="utf-8")
            os.replace(tmp, self.store / CURRENT)
            _fsync_dir(self.store)
            _cleanup(self.store)

    def abort(self) -> None:
        import shutil

        shutil.rmtree(self.path, ignore_errors=True)


def _live_name(store: Path) -> str | None:
    try:
        name = (store / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name.startswith("gen-") and (store / name).is_dir() else None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cleanup(store: Path) -> None:
    import shutil

    live = _live_name(store)
    if live is None:
        return
    keep = {live}
    for child in store.iterdir():
        marker = child / _BUILDING
        if not child.name.startswith("gen-") or not marker.is_file():
            continue
        try:
            pid, _, base = marker.read_text(encoding="utf-8").partition("\n")
            if _alive(int(pid.strip() or 0)):
                keep.add(child.name)
                keep.add(base.strip())
        except (OSError, ValueError):
            pass
    for child in store.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
    for child in store.glob(f".{CURRENT}.*.tmp"):
        child.unlink(missing_ok=True)
