"""The store on disk: TinyDB files with a fast JSON backend, swapped in atomically.

A store is a folder:

    STORE/CURRENT          one line naming the live generation, e.g. "gen-1a2b3c4d"
    STORE/gen-1a2b3c4d/    records.json     meta, countries, shards, event_pages (small: read on open)
                           documents.json   one row per document, in corpus order, with per-document counts
                           shards/sNNNNN/   texts, passages, mentions, events, relations of about 512 documents
                           events/pNNNN.json  every event with its cluster, sorted as Store.events() lists them
                           search/          the tantivy index
                           hashes.json      size and SHA-256 of every other file but records.json, as written

Every .json file is a TinyDB file (orjson storage). Shards are written once and
then hard-linked into the next generation while their documents stay unchanged, so
an update rewrites only what changed (see store.build).

A build writes a whole new generation beside the live one and then replaces
CURRENT by rename, which is atomic: a reader sees the old store or the new one,
never half of either, and a build killed at any moment leaves the old one intact.
Two builds to the same path each finish their own generation; the last rename wins.

A reader holds a shared lock on the folder of the generation it reads (`hold_generation`)
for as long as it is open; a build removes only the generations nobody holds, and leaves
the others to the next build. Every name read from the store (generations, shards, event
pages) must match its own pattern, so a crafted store cannot lead a reader or a build
outside its folder.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable

from .errors import CorruptStore, StoreExists, StoreNotFound, StoreVersionError

SCHEMA = 3  # of the store layout; the export JSON keeps its own schema (1)
CURRENT = "CURRENT"
HASHES = "hashes.json"
_BUILDING = "BUILDING"
GENERATION_NAME = re.compile(r"gen-[0-9]{14}-[0-9a-f]{8}")
PAGE_NAME = re.compile(r"p[0-9]{4,9}")


def page_name(number: int) -> str:
    """The name of event page `number` (its file is events/NAME.json)."""
    return f"p{number:04d}"


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


def write_json(path: Path, data: Any) -> dict:
    """Write JSON to `path` through a temporary file and a rename, flushed to disk; its digest."""
    import hashlib  # builds only: opening a store must not pay for loading OpenSSL
    import uuid

    import orjson

    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    raw = orjson.dumps(data)
    try:
        with open(tmp, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}


# ---------------------------------------------------------------- hashes
_CHUNK = 1 << 20


def file_digest(path: Path, limit: int | None = None) -> dict:
    """{"bytes", "sha256"} of the file at `path`, reading at most `limit` + 1 bytes of it.

    With a limit, a file grown past it (or a sparse file of many gigabytes put in its
    place) is never read whole: its digest then covers only what was read, and its
    `bytes` says it is larger.
    """
    import hashlib

    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while limit is None or size <= limit:
            chunk = f.read(_CHUNK if limit is None else min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            h.update(chunk)
            size += len(chunk)
    return {"bytes": size, "sha256": h.hexdigest()}


def digests(folder: Path, names: Iterable[str]) -> dict[str, dict]:
    """Digests of the files `names` (relative to `folder`), hashed in threads (hashlib releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    names = list(names)
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        return dict(zip(names, pool.map(lambda n: file_digest(folder / n), names)))


def mismatches(folder: Path, recorded: dict[str, dict]) -> list[str]:
    """The files of `recorded` (relative to `folder`) that are missing or differ from their digest.

    Each file is read to at most its recorded size (plus one byte, to see it grew).
    """
    def check(item: tuple[str, dict]) -> str | None:
        name, want = item
        path = folder / name
        try:
            if path.is_symlink() or not path.is_file():
                return f"{name} is missing"
            if path.stat().st_size != want.get("bytes"):
                return f"{name} has {path.stat().st_size:,} bytes, {want.get('bytes', 0):,} when it was written"
            got = file_digest(path, limit=int(want.get("bytes") or 0))
        except (OSError, TypeError, ValueError) as exc:
            return f"{name} cannot be read ({getattr(exc, 'strerror', None) or exc})"
        return None if got == {"bytes": want.get("bytes"), "sha256": want.get("sha256")} else \
            f"{name} changed since it was written"

    from concurrent.futures import ThreadPoolExecutor

    items = sorted(recorded.items())
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        return [m for m in pool.map(check, items) if m]


def read_hashes(gen: Path) -> dict[str, dict]:
    """The digests a build recorded for the files of generation `gen`: {relative path: digest}."""
    rows = read_rows(gen / HASHES, "files")
    out = {}
    for row in rows:
        path = row.get("path") if isinstance(row, dict) else None
        if not isinstance(path, str) or not inside(path) or not isinstance(row.get("bytes"), int) \
                or not isinstance(row.get("sha256"), str):
            raise CorruptStore(f"{HASHES} has a row that is not a file digest")
        out[path] = {"bytes": row["bytes"], "sha256": row["sha256"]}
    return out


def inside(relative: str) -> bool:
    """Whether a path recorded relative to a generation stays inside it (no "..", not absolute)."""
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and all(p not in ("", ".", "..") for p in parts)


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
    if not GENERATION_NAME.fullmatch(name):
        raise CorruptStore(f"{path}: {CURRENT} does not name a generation ({name[:40]!r})")
    gen = path / name
    if gen.is_symlink() or not gen.is_dir():
        raise CorruptStore(f"{path}: {CURRENT} names a missing generation {name!r}")
    return gen


def hold_generation(path: Path) -> tuple[Path, int | None]:
    """The live generation of the store at `path` and a descriptor holding a shared lock on it.

    While the descriptor is open no build removes that generation (see `_cleanup`), so a
    reader keeps reading the store it opened even after a rebuild. The lock needs no
    write access: a store in a read-only folder is held the same way. Where the file
    system has no locks, the descriptor is None and the reader goes without.
    """
    for _ in range(50):
        gen = live_generation(path)
        try:
            fd = os.open(gen, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            continue  # removed since CURRENT was read: CURRENT names a newer one now
        except OSError as exc:
            raise CorruptStore(f"cannot open {gen}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)  # a build is removing it, as it is no longer live
            time.sleep(0.01)
            continue
        except OSError:
            os.close(fd)
            return gen, None
        try:
            same = os.fstat(fd).st_nlink > 0 and os.path.samestat(os.fstat(fd), os.stat(gen))
        except OSError:
            same = False
        if same:
            return gen, fd
        os.close(fd)  # removed between reading CURRENT and taking the lock
    raise CorruptStore(f"{path} keeps changing under the reader (builds in a loop?)")


def newest_meta(path: Path) -> dict:
    """The meta record of the newest generation folder that has a readable one, else {}.

    For advice only, when CURRENT or the live meta is broken: which sources to build from.
    """
    for gen in sorted((p for p in _children(path) if GENERATION_NAME.fullmatch(p.name) and not p.is_symlink()),
                      key=lambda p: p.name, reverse=True):
        for filename, table in (("records.json", "meta"), (HASHES, "build")):  # hashes.json keeps a copy
            try:
                meta = read_rows(gen / filename, table)[0]
            except (CorruptStore, OSError, IndexError):
                continue
            if isinstance(meta, dict) and meta.get("roots"):
                return meta
    return {}


def _children(path: Path) -> list[Path]:
    try:
        return list(Path(path).iterdir())
    except OSError:
        return []


def check_meta(meta: dict | None, where: Path) -> dict:
    """The meta record, checked for the schema this code reads."""
    if not isinstance(meta, dict):
        raise CorruptStore(f"{where} has no meta record")
    schema = meta.get("schema")
    if not isinstance(schema, int):
        raise CorruptStore(f"{where}: meta record has no schema number")
    if schema > SCHEMA:
        raise StoreVersionError(f"{where} was written with schema {schema}; this Fuente reads schema {SCHEMA} "
                                f"(upgrade Fuente, or build it anew)")
    if schema < SCHEMA:
        raise StoreVersionError(f"{where} has old schema {schema}")
    return meta


# ---------------------------------------------------------------- writing
LOCK = ".lock"


@contextmanager
def _locked(store: Path):
    """Hold the store's lock: concurrent builds take turns to start, commit and clean up.

    Readers never take it (a store opens from a read-only folder); only the short
    steps that change which generations exist run under it, never a whole build.
    A failed first build removes the lock file (`Generation.abort`), so the lock held
    is checked to still be the file of that name, and taken again if not.
    """
    while True:
        fd = os.open(store / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(store / LOCK)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(fd)):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
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
        refused = StoreExists(f"{out} exists and is not a Fuente store; refusing to overwrite it")
        if out.is_file() or out.is_symlink() and not out.is_dir():
            raise refused
        # Refused before anything is written: a folder that is not a store gets no lock file either.
        if out.is_dir() and not is_store(out) and not _only_builds(out):
            raise refused
        missing = [p for p in (out, *out.parents) if not p.exists()]
        out.mkdir(parents=True, exist_ok=True)
        self.store = out
        self.created = missing  # folders this build made, removed again if it fails before any commit
        self.path = None
        had_lock = (out / LOCK).exists()
        with _locked(out):
            if not is_store(out) and not _only_builds(out):
                if not had_lock:
                    (out / LOCK).unlink(missing_ok=True)
                raise refused
            self.base = _live_name(out)
            import uuid

            self.name = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
            self.path = out / self.name
            self.path.mkdir()
            # The marker names this process and the generation it may read from.
            (self.path / _BUILDING).write_text(f"{os.getpid()}\n{self.base or ''}\n", encoding="utf-8")

    def write_tables(self, filename: str, tables: dict[str, list[dict]]) -> dict:
        """Write one TinyDB file of this generation; its digest."""
        target = self.path / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_json(target, tables_to_tinydb(tables))

    def commit(self) -> None:
        """Make this generation live (atomic rename of CURRENT), then drop superseded ones."""
        _fsync_dir(self.path)
        with _locked(self.store):
            (self.path / _BUILDING).unlink()
            import uuid

            tmp = self.store / f".{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
            try:
                tmp.write_text(self.name + "\n", encoding="utf-8")
                os.replace(tmp, self.store / CURRENT)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            _fsync_dir(self.store)
            _cleanup(self.store)

    def abort(self) -> None:
        """Remove this generation (never a live one), and on a first build everything it made."""
        if self.path is None:
            return
        with _locked(self.store):
            if _live_name(self.store) != self.name:
                shutil.rmtree(self.path, ignore_errors=True)
            if is_store(self.store) or any(p.name.startswith("gen-") for p in self.store.iterdir()):
                return  # a store, or another build under way: its lock stays
            for child in self.store.iterdir():
                if child.name.startswith(f".{CURRENT}."):
                    child.unlink(missing_ok=True)
            (self.store / LOCK).unlink(missing_ok=True)
        for folder in self.created:  # innermost first
            try:
                folder.rmdir()
            except OSError:
                break


def _live_name(store: Path) -> str | None:
    try:
        name = (store / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if GENERATION_NAME.fullmatch(name) and (store / name).is_dir() else None


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
        if child.is_dir() and not child.is_symlink() and child.name.startswith("gen-") and child.name not in keep:
            _remove_unread(child)
    for child in store.glob(f".{CURRENT}.*.tmp"):
        child.unlink(missing_ok=True)


def _remove_unread(gen: Path) -> bool:
    """Remove generation `gen` unless a reader holds it (`hold_generation`); whether it went."""
    try:
        fd = os.open(gen, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # still read: the next build removes it
        except OSError:
            pass  # no locks on this file system: nothing to respect
        shutil.rmtree(gen, ignore_errors=True)
        return True
    finally:
        os.close(fd)
