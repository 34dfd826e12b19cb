"""Reading articles: find files, decode them exactly, pull out metadata and language.

The text kept for a document is the file decoded and nothing else: no stripping,
no newline translation, a UTF-8 BOM kept as U+FEFF. Every offset in the store is a
Python string index into that text, so `text[start:end]` is always the passage.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .lang import detect_language

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Source:
    """A file found on disk, with the name it gets in the store."""

    path: Path
    rel: str


@dataclass
class Skipped:
    """A file or folder the reader passed over, and why (one warning line each)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass
class Discovery:
    """What a walk over the inputs found: files to read and things passed over."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover(paths: Iterable[str | os.PathLike], follow_links: bool = False) -> Discovery:
    """Every text file under `paths`, in a stable order, each named relative to its root.

    Folders are walked recursively; hidden files and folders are left out. Symbolic
    links are followed only with `follow_links`, and then each real folder is entered
    once, so a link loop cannot make the walk endless.
    """
    found = Discovery()
    seen_files: set[str] = set()
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise FileNotFoundError(str(root))
        if root.is_file():
            _add(found, seen_files, root, root.name)
            continue
        visited: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_links, onerror=lambda e: found.skipped.append(Skipped(str(e.filename), e.strerror or "unreadable folder"))):
            real = os.path.realpath(dirpath)
            if real in visited:
                dirnames[:] = []
                found.skipped.append(Skipped(dirpath, "folder already visited (link loop)"))
                continue
            visited.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            if not follow_links:
                for d in list(dirnames):
                    if os.path.islink(os.path.join(dirpath, d)):
                        dirnames.remove(d)
                        found.skipped.append(Skipped(os.path.join(dirpath, d), "link to a folder (use --follow-links)"))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = Path(dirpath) / name
                if not name.lower().endswith(TEXT_SUFFIXES):
                    continue
                if full.is_symlink() and not follow_links:
                    found.skipped.append(Skipped(str(full), "link to a file (use --follow-links)"))
                    continue
                _add(found, seen_files, full, full.relative_to(root).as_posix())
    return found


def _add(found: Discovery, seen: set[str], path: Path, rel: str) -> None:
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    found.sources.append(Source(path, rel))


class NotText(ValueError):
    """The bytes are not text in any encoding the reader accepts."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a file's bytes; raises NotText for binary data.

    UTF-8 first (a BOM stays in the text as U+FEFF so offsets match a plain UTF-8
    read), UTF-16 when it carries a BOM, then Windows-1252, the usual encoding of
    Latin-1 era news exports, and Latin-1 as the last resort (it decodes any byte).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise NotText("invalid UTF-16") from exc
    if b"\x00" in data[:8192]:
        raise NotText("binary file (NUL bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:8192]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
        if controls / len(sample) > 0.05:
            raise NotText("binary file (control bytes)")
    return text, encoding


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_DATE_MARKER = re.compile(
    r"\A\ufeff?[ \t]*(?:date|fecha|published|publicado|publicada|publication date)[ \t]*[:=]?[ \t]*"
    r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:]+Z?)?[ \t]*", re.I)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """YAML-style front matter as a flat dict of strings, and where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        lm = _FM_LINE.match(line)
        if lm:
            value = lm.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[lm.group(1).lower()] = value
    return meta, m.end()


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _title_from(text: str, start: int) -> str:
    for line in text[start:start + 4000].splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
            return sentence if len(sentence) <= 120 else sentence[:119].rstrip() + "…"
    return ""


def document_id(rel: str, data: bytes) -> str:
    """A stable id from the file's name in the store and its exact bytes."""
    h = hashlib.sha1(rel.encode("utf-8") + b"\0" + data)
    return h.hexdigest()[:16]


def make_document(rel: str, data: bytes, path: str = "") -> dict:
    """A document record from a file's bytes: id, text, title, language, dates and body start."""
    text, encoding = decode(data)
    meta, body = parse_front_matter(text)
    published = _iso_date(meta.get("date") or meta.get("published"))
    marker = _DATE_MARKER.match(text, body) if body else _DATE_MARKER.match(text)
    if marker:
        published = published or _iso_date(marker.group(1))
        body = marker.end()
    title = meta.get("title") or _title_from(text, body) or Path(rel).stem
    language = (meta.get("language") or meta.get("lang") or "").lower()[:2] or detect_language(text[body:])
    return {
        "id": document_id(rel, data),
        "file": rel,
        "path": path,
        "title": title,
        "language": language,
        "published": published,
        "url": meta.get("url") or meta.get("link") or None,
        "chars": len(text),
        "body": body,
        "encoding": encoding,
        "sha1": hashlib.sha1(data).hexdigest(),
        "text": text,
    }


def read_sources(sources: Iterable[Source], max_bytes: int = DEFAULT_MAX_BYTES,
                 skipped: list[Skipped] | None = None) -> Iterator[dict]:
    """Document records for `sources`, one at a time; problems go to `skipped`."""
    for src in sources:
        try:
            size = src.path.stat().st_size
            if size > max_bytes:
                raise NotText(f"{size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
            data = src.path.read_bytes()
            yield make_document(src.rel, data, str(src.path))
        except NotText as exc:
            if skipped is not None:
                skipped.append(Skipped(str(src.path), str(exc)))
        except OSError as exc:
            if skipped is not None:
                skipped.append(Skipped(str(src.path), exc.strerror or str(exc)))
