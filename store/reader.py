"""Reading articles: find files, decode them exactly, pull out metadata and language.

The text kept for a document is the file decoded and nothing else: no stripping,
no newline translation, a UTF-8 BOM kept as U+FEFF. Every offset in the store is a
Python string index into that text, so `text[start:end]` is always the passage.

People point the indexer at folders they did not write: link loops, FIFOs, 300 MB
dumps, names that are not UTF-8, trees hundreds of levels deep. The walk is
iterative (any depth), enters each real folder once, opens nothing but regular
files and reads at most `max_bytes` of each; whatever it passes over becomes a
`Skipped` with a reason, never an exception.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .lang import detect_language

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DEFAULT_MAX_BYTES = 20_000_000


# ---------------------------------------------------------------- names
# os.walk and os.scandir hand back a name that is not valid UTF-8 as a str holding
# lone surrogates (U+DC80-U+DCFF, one per undecodable byte). JSON cannot hold those,
# so a name is stored in one of two forms: `display_name` for people (undecodable
# bytes written as \xNN) and `portable_path` for finding the file again (lossless).
_PORTABLE_ESCAPE = re.compile("[%\udc80-\udcff]")
_PORTABLE_UNESCAPE = re.compile("%([0-9A-Fa-f]{2})")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """`name` safe to store and show: each byte that was not UTF-8 written as `\\xNN`."""
    if not _LONE_SURROGATE.search(name):
        return name
    return _LONE_SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff"
                               else "\ufffd", name)


def portable_path(path: str) -> str:
    """A file system path as JSON-safe text that `local_path` turns back into the same path.

    Only `%` and undecodable bytes are escaped (as %25 and %XX), so an ordinary path,
    the usual case, is stored exactly as it is written.
    """
    def escape(m: re.Match) -> str:
        ch = m.group()
        return "%25" if ch == "%" else f"%{ord(ch) - 0xDC00:02X}"

    return _LONE_SURROGATE.sub("\ufffd", _PORTABLE_ESCAPE.sub(escape, path))


def local_path(stored: str) -> str:
    """The path `portable_path` stored, as `open` wants it (undecodable bytes restored)."""
    def unescape(m: re.Match) -> str:
        value = int(m.group(1), 16)
        if value == 0x25:
            return "%"
        return chr(0xDC00 + value) if value >= 0x80 else m.group()

    return _PORTABLE_UNESCAPE.sub(unescape, stored) if "%" in stored else stored


# ---------------------------------------------------------------- finding files
@dataclass
class Source:
    """A file found on disk, with the name it gets in the store."""

    path: Path
    rel: str


SKIP_KINDS = {
    "link": "links not followed, use --follow-links",
    "broken-link": "broken links",
    "loop": "folders reached twice (link loops)",
    "duplicate": "files reached twice",
    "special": "not regular files",
    "too-large": "over --max-bytes",
    "too-long": "paths longer than the system allows",
    "binary": "binary, not text",
    "unreadable": "unreadable",
    "error": "failed to read",
}


@dataclass
class Skipped:
    """A file or folder the reader passed over, and why (one warning line each).

    `kind` is one of SKIP_KINDS, for the summary; `path` is always safe to store and show.
    """

    path: str
    reason: str
    kind: str = "error"

    def __post_init__(self) -> None:
        self.path = display_name(os.fspath(self.path) if not isinstance(self.path, bytes)
                                 else os.fsdecode(self.path))

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


def summarize_skipped(skipped: Iterable[Skipped]) -> str:
    """One line for the index summary: how many were skipped, grouped by why, most first.

    e.g. "skipped 4 (links not followed, use --follow-links: 2; over --max-bytes: 1; binary, not text: 1)"
    """
    counts = Counter(s.kind for s in skipped)
    if not counts:
        return "skipped 0"
    order = list(SKIP_KINDS)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else len(order)))
    return f"skipped {sum(counts.values())} (" + "; ".join(f"{SKIP_KINDS.get(k, k)}: {n}" for k, n in ranked) + ")"


@dataclass
class Discovery:
    """What a walk over the inputs found: files to read and things passed over."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _why(exc: OSError, default: str) -> str:
    return exc.strerror or str(exc) or default


def _too_long(path: str) -> str:
    try:
        limit = os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError):
        limit = 4096
    return f"path too long for the system ({len(os.fsencode(path)):,} bytes, at most {limit:,})"


def _is_text_name(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)


class _Walk:
    """One discovery: the files found so far and what identifies each file and folder seen."""

    def __init__(self, follow_links: bool) -> None:
        self.follow = follow_links
        self.found = Discovery()
        self.files: dict[tuple[int, int], str] = {}
        self.folders: set[tuple[int, int]] = set()

    def skip(self, path: str, reason: str, kind: str) -> None:
        self.found.skipped.append(Skipped(path, reason, kind))

    def failed(self, path: str, exc: OSError, default: str = "cannot be read") -> None:
        """Report what an OSError kept from being walked or read (a path too long says so)."""
        if exc.errno == errno.ENAMETOOLONG:
            self.skip(path, _too_long(path), "too-long")
        else:
            self.skip(path, _why(exc, default), "unreadable")

    def add(self, path: str, rel: str, key: tuple[int, int]) -> None:
        first = self.files.get(key)
        if first is not None:
            self.skip(path, f"same file as {display_name(first)}", "duplicate")
            return
        self.files[key] = rel
        self.found.sources.append(Source(Path(path), rel))

    def enter(self, path: str, st: os.stat_result, root: bool = False) -> bool:
        """Whether the folder is new (a followed link can lead back to one already walked)."""
        key = (st.st_dev, st.st_ino)
        if key in self.folders:
            if root:
                self.skip(path, "folder already indexed as part of another input", "duplicate")
            else:
                self.skip(path, "folder already walked (a link loop, or a link into another input)", "loop")
            return False
        self.folders.add(key)
        return True

    def tree(self, root: str, st: os.stat_result) -> None:
        """Walk the folder `root` depth-first, in name order, with an explicit stack (no depth limit)."""
        if not self.enter(root, st, root=True):
            return
        stack = [(root, "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
                dev = os.stat(folder).st_dev
            except OSError as exc:
                self.failed(folder, exc, "unreadable folder")
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                sub = self.entry(entry, prefix + entry.name, dev)
                if sub is not None:
                    subfolders.append(sub)
            stack.extend(reversed(subfolders))

    def entry(self, entry: os.DirEntry, rel: str, dev: int) -> tuple[str, str] | None:
        """Handle one directory entry; a folder to walk next is returned as (path, rel prefix)."""
        path, text_name = entry.path, _is_text_name(entry.name)
        try:
            if entry.is_symlink():
                return self.link(path, rel, text_name)
            if entry.is_dir(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                return (path, rel + "/") if self.enter(path, st) else None
            if not text_name:
                return None
            if not entry.is_file(follow_symlinks=False):
                self.skip(path, f"not a regular file ({_file_type(entry.stat(follow_symlinks=False).st_mode)})",
                          "special")
                return None
            self.add(path, rel, (dev, entry.inode()))
        except OSError as exc:
            # A folder that cannot be entered is reported too: everything below it is lost
            # (a path past PATH_MAX fails here, with no text file name to show for it).
            if text_name or exc.errno == errno.ENAMETOOLONG or _is_folder(entry):
                self.failed(path, exc)
        return None

    def link(self, path: str, rel: str, text_name: bool) -> tuple[str, str] | None:
        try:
            target = os.stat(path)
        except OSError as exc:
            if text_name:
                self.skip(path, f"broken link ({_why(exc, 'target missing')})", "broken-link")
            return None
        if stat.S_ISDIR(target.st_mode):
            if not self.follow:
                self.skip(path, "link to a folder (use --follow-links)", "link")
                return None
            return (path, rel + "/") if self.enter(path, target) else None
        if not text_name:
            return None
        if not self.follow:
            self.skip(path, "link to a file (use --follow-links)", "link")
        elif not stat.S_ISREG(target.st_mode):
            self.skip(path, f"link to something that is not a regular file ({_file_type(target.st_mode)})",
                      "special")
        else:
            self.add(path, rel, (target.st_dev, target.st_ino))
        return None


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"


def discover(paths: Iterable[str | os.PathLike], follow_links: bool = False) -> Discovery:
    """Every text file under `paths`, in a stable order, each named relative to its root.

    Folders are walked recursively, at any depth; hidden files and folders are left
    out. Symbolic links are followed only with `follow_links`, and then each real
    folder is entered once, so a link loop cannot make the walk endless. FIFOs,
    sockets and devices are never opened. A path given explicitly is taken whatever
    its suffix; a missing one raises FileNotFoundError.
    """
    walk = _Walk(follow_links)
    for raw in paths:
        root = os.fsdecode(os.fspath(raw))
        try:
            st = os.stat(root)  # a root that is a link is followed: the user named it
        except FileNotFoundError:
            raise FileNotFoundError(root) from None
        except OSError as exc:
            walk.failed(root, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.tree(root, st)
        elif stat.S_ISREG(st.st_mode):
            walk.add(root, os.path.basename(root.rstrip("/")) or root, (st.st_dev, st.st_ino))
        else:
            walk.skip(root, f"not a regular file ({_file_type(st.st_mode)})", "special")
    return walk.found


# ---------------------------------------------------------------- decoding
class NotText(ValueError):
    """The bytes are not text in any encoding the reader accepts."""


# Control characters that do not occur in text (tab, newlines, form feed and ESC do).
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like BOM-less UTF-16 text (every other byte NUL)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    if sample[1::2].count(0) >= 0.9 * half and sample[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if sample[0::2].count(0) >= 0.9 * half and sample[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few damaged bytes, each replaced by U+FFFD; None when it is not UTF-8.

    A Windows-1252 file fails UTF-8 at nearly every accented letter and almost never
    holds a well-formed multi-byte sequence (that takes an accented capital followed by
    a quote mark, or a letter and two symbols), while a UTF-8 file with a stray byte (a
    bad copy, a truncated download) holds at least as many good sequences as bad bytes:
    its curly quotes and accents. Read as Windows-1252 it would turn each of them into
    mojibake ("â€œVenezuelaâ€", C1 controls where cp1252 has no letter), which misleads
    a reader more than one �.
    """
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced  # well-formed non-ASCII characters
    return text if bad and good >= bad else None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a file's bytes; raises NotText for binary data.

    UTF-8 first (a BOM stays in the text as U+FEFF so offsets match a plain UTF-8
    read), UTF-16 with a BOM or with the tell-tale NUL of every other byte, UTF-8
    with a few damaged bytes replaced, then Windows-1252, the usual encoding of
    Latin-1 era news exports (ISO-8859-1 text reads the same). The five bytes
    Windows-1252 leaves undefined become U+FFFD: read as Latin-1 they would be C1
    control characters, which are never text.
    """
    encoding = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:8192]:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise NotText("binary file (NUL bytes)")
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise NotText("invalid UTF-16") from exc
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            repaired = _mostly_utf8(data)
            if repaired is not None:
                text, encoding = repaired, "utf-8 (damaged bytes replaced)"
            else:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("cp1252", "replace"), "cp1252 (undefined bytes replaced)"
    sample = text[:8192]
    if sample and len(_BINARY_CONTROLS.findall(sample)) > 0.05 * len(sample):
        raise NotText("binary file (control bytes)")
    return text, encoding


# ---------------------------------------------------------------- metadata
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_DATE_MARKER = re.compile(
    r"\A\ufeff?[ \t]*(?:date|fecha|published|publicado|publicada|publication date)[ \t]*[:=]?[ \t]*"
    r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:]+Z?)?[ \t]*", re.I)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LANGUAGE = re.compile(r"[a-z]{2}(?:$|[-_])")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f-\x9f]+")
MAX_TITLE = 300
MAX_FRONT_MATTER = 64_000


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """YAML-style front matter as a flat dict of strings, and where the body starts."""
    m = _FRONT_MATTER.match(text[:MAX_FRONT_MATTER])
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
    """'YYYY-MM-DD' when `value` holds a real calendar date (no 2025-02-30), else None."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    try:
        return date(*(int(x) for x in m.groups())).isoformat()
    except ValueError:
        return None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _title_from(text: str, start: int) -> tuple[str, str]:
    """(title, where it came from): "line" when the first line is the title (a headline, a heading),
    "sentence" when it is only the first sentence of a paragraph, not a title the author wrote."""
    for line in text[start:start + 4000].splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
            # A whole short line is a headline; a table row ("| a | b |") never is.
            headline = sentence == line and len(line) <= 120 and not line.startswith("|")
            return _short(sentence, 120), "line" if headline else "sentence"
    return "", ""


def _language(meta: dict[str, str], text: str) -> str:
    # Front matter is trusted only when it looks like a language code ("es", "en-GB");
    # anything else ("[bold]", "español") falls back to detection.
    given = (meta.get("language") or meta.get("lang") or "").strip().lower()
    return given[:2] if _LANGUAGE.match(given) else detect_language(text)


def _url(meta: dict[str, str]) -> str | None:
    value = (meta.get("url") or meta.get("link") or "").strip()
    return value if value and len(value) <= 2000 and _URL.fullmatch(value) else None


def document_id(rel: str, data: bytes) -> str:
    """A stable id from the file's name in the store and its exact bytes (any name, UTF-8 or not)."""
    h = hashlib.sha1(rel.encode("utf-8", "surrogateescape") + b"\0" + data)
    return h.hexdigest()[:16]


_PUBLISHED_CUE = re.compile(
    r"^\W{0,3}(?:publicad[oa]|published|posted|fecha(?: de publicación)?|date|updated|actualizad[oa]|"
    r"última actualización|last updated)\b", re.I)
# "CARACAS, 12 de diciembre de 2025 (EFE) —", "WASHINGTON, Dec. 12, 2025 (AP) -", "La Habana, 5 mar (EFE).-",
# "Pekín/Taipéi, 29 dic (EFE).-", "SHARM EL SHEIJ (Egipto), 14 Oct. -": a place, a comma, then the date
_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][\w.'’-]*(?:[ /-]+[\w.'’-]+){0,5}(?:\s*\([^)\n]{1,30}\))?,\s")
_CAPS_PLACE = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .'/-]{1,40},\s")
_YEAR = re.compile(r"(?<![\w/.,-])(19[5-9]\d|20\d\d)(?![\w/-]|[.,]\d)")


def published_in_text(text: str, body: int = 0) -> tuple[str | None, str | None]:
    """A publication date written near the top of an article, and where it came from, or (None, None).

    Only where a publication date is written as such: a line that is a date and little
    else ("12 de diciembre de 2025 · 10:30", source "text"), a line that says so ("Publicado
    el …", "Updated: …", "text"), or a wire dateline ("CARACAS, 12 dic 2025 (EFE) —",
    "dateline"). A dateline often gives no year ("La Habana, 5 mar (EFE).-"): the year is then
    the latest one the article states ("este 2026", "el 10 de septiembre de 2025"), or none.
    A date inside the first sentence is an event's date, not the article's, so it is never taken.
    """
    from .dates import find_dates  # the date grammar loads only when a document needs it

    lines = 0
    for line in text[body:body + 800].splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        lines += 1
        if lines > 6:
            break
        cue = _PUBLISHED_CUE.match(stripped)
        dateline = lines <= 3 and _DATELINE.match(stripped)
        window = stripped[:120] if cue or dateline else stripped
        if not cue and not dateline and len(stripped) > 60:
            continue
        if dateline:
            got = _dateline_date(window[dateline.end():], text)
            if got:
                return got, "dateline"
        for m in find_dates(window):
            if m.date is None or m.relative or m.precision != "day":
                continue
            rest = (window[:m.start] + window[m.end:]).strip(" ,.·|-–—:()")
            caps_place = dateline and _CAPS_PLACE.match(stripped)  # "CARACAS, 12 dic 2025 (EFE)"
            if cue or (caps_place and m.start < 45) or len(re.sub(r"[\d:apmAPM .h]+", "", rest)) <= 12:
                return m.date, "dateline" if dateline and not cue else "text"
    return None, None


_DATELINE_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:\s+de)?\s+(?P<m1>[^\W\d_]{3,10})\.?|(?P<m2>[^\W\d_]{3,10})\.?\s+(?P<d2>\d{1,2}))"
    r"(?:,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d))?\s*(?:\(|[-–—.:]|$)")


def _dateline_date(after: str, text: str) -> str | None:
    """The date right after a dateline's place ("5 mar (EFE).-", "Oct 9 (Reuters) -", "23 Sep. (EUROPA
    PRESS) -"), its year the one written or the latest the article states."""
    from datetime import date

    from .dates import month_number

    m = _DATELINE_DATE.match(after)
    if not m:
        return None
    month = month_number(m.group("m1") or m.group("m2"))
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else _year_in(text)
    if month is None or year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_THIS_YEAR = re.compile(r"(?i)\b(?:este|this|en lo que va de|so far in)\s+((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(r"(?i)([^\W\d_]{3,10})\.?(?:\s+\d{1,2})?,?\s+(?:de\s+|of\s+)?((?:19|20)\d\d)\b")


def _year_in(text: str) -> int | None:
    """The year an article is written in, as far as it says: "este 2026" / "this 2026", else the
    latest year it gives a month of ("agosto de 2025", "March 18, 2025"), else its latest year."""
    this = _THIS_YEAR.findall(text)
    if this:
        return int(this[-1])
    from .dates import month_number
    dated = [int(y) for w, y in _MONTH_YEAR.findall(text) if month_number(w)]
    if dated:
        return max(dated)
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def text_digest(text: str) -> str:
    """SHA-256 of a document's text as stored (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_document(rel: str, data: bytes, path: str = "") -> dict:
    """A document record from a file's bytes: id, text, title, language, dates and body start.

    `rel` is the name in the store and `path` where the file is (absolute, so the
    stored form can be made relative to anything); both may hold undecodable bytes:
    `file` gets the `display_name` and `path` the `portable_path`.
    """
    text, encoding = decode(data)
    meta, body = parse_front_matter(text)
    published = _iso_date(meta.get("date") or meta.get("published"))
    source = "front matter" if published else None
    marker = _DATE_MARKER.match(text, body) if body else _DATE_MARKER.match(text)
    if marker:
        if not published and _iso_date(marker.group(1)):
            published, source = _iso_date(marker.group(1)), "date line"
        body = marker.end()
    if not published:
        published, source = published_in_text(text, body)
    file = display_name(rel)
    title, title_source = _short(meta.get("title", "").strip(), MAX_TITLE), "meta"
    if not title:
        title, title_source = _title_from(text, body)
    if not title:
        title, title_source = Path(file).stem or file, "file"
    return {
        "id": document_id(rel, data),
        "file": file,
        "path": portable_path(path),
        "title": title,
        "title_source": title_source,
        "language": _language(meta, text[body:]),
        "published": published,
        "published_from": source,  # front matter | date line | dateline | text | None
        "url": _url(meta),
        "chars": len(text),
        "body": body,
        "encoding": encoding,
        "sha1": hashlib.sha1(data).hexdigest(),
        "bytes": len(data),
        # The text as stored, checked by `fuente verify` (the store against itself).
        "text_sha256": text_digest(text),
        "text": text,
    }


# ---------------------------------------------------------------- reading
class _Refused(Exception):
    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.kind = kind


def read_limited(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, refusing anything else or anything over `max_bytes`.

    Opened without blocking, so a FIFO swapped in after the walk cannot hang the
    build, and read to at most `max_bytes + 1` (any limit: a huge one means none), so
    a file growing meanwhile cannot exhaust memory.
    """
    max_bytes = max(0, max_bytes)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(f"not a regular file ({_file_type(st.st_mode)})", "special")
        if st.st_size > max_bytes:
            raise _Refused(_too_large(st.st_size, max_bytes), "too-large")
        # The size it has now (read() would allocate a buffer of the limit), then on in chunks if it grows.
        chunks = [f.read(min(max_bytes, st.st_size) + 1)]
        total = len(chunks[0])
        while total > st.st_size and total <= max_bytes:
            chunk = f.read(min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    if len(data) > max_bytes:
        raise _Refused(_too_large(len(data), max_bytes, grew=True), "too-large")
    return data


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    return (f"too large: {'over ' if grew else ''}{size:,} bytes, the limit is {max(limit, 0):,} "
            f"(raise it with --max-bytes)")


def read_sources(sources: Iterable[Source], max_bytes: int = DEFAULT_MAX_BYTES,
                 skipped: list[Skipped] | None = None) -> Iterator[dict]:
    """Document records for `sources`, one at a time; problems go to `skipped`, never raised.

    One unreadable or strange file must not stop a build of thousands, so anything
    going wrong with one file (even an unexpected error) skips that file only.
    """
    for src in sources:
        try:
            # The time is taken before reading: a file changed meanwhile then differs from it,
            # so the app's source check falls back to the hash instead of trusting the time.
            mtime = os.stat(src.path).st_mtime_ns
            data = read_limited(src.path, max_bytes)
            doc = make_document(src.rel, data, os.path.abspath(src.path))
            doc["mtime"] = mtime
        except NotText as exc:
            problem = (str(exc), "binary")
        except _Refused as exc:
            problem = (str(exc), exc.kind)
        except OSError as exc:
            problem = (_too_long(str(src.path)), "too-long") if exc.errno == errno.ENAMETOOLONG else \
                (_why(exc, "cannot be read"), "unreadable")
        except MemoryError:
            problem = ("not enough memory to read it (lower --max-bytes)", "too-large")
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
            problem = (f"failed to read: {type(exc).__name__}: {exc}", "error")
        else:
            yield doc
            continue
        if skipped is not None:
            skipped.append(Skipped(str(src.path), *problem))
