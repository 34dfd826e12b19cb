"""Full-text search over passages: a tantivy index built once, opened read-only.

Every passage of every document is one tantivy document: sentences, headings, list
items, table rows and headers, front matter and boilerplate alike, so any word grep
finds in a file, search finds too. Its text goes into two analyzed fields: `exact`
(lowercased and accent-folded) and `stem_<lang>` for the passage's own language
(Snowball stemmer, then folded). A query word becomes a disjunction over those fields,
weighted so that the typed form ranks above its inflections, and above passages that
only mention the country it names (`Rusia` for `Russia`: the `countries` tag each
passage carries, from store.countries at build time). BM25 does the rest: rarer words
and shorter passages rank higher. A boilerplate passage (a photo credit, a "read also"
line, front matter) scores a twentieth of what the same words score in reporting, so it
comes after every passage that matches as well, and it never carries a country tag.

`-word` leaves out whole documents. Each document has one more tantivy document of its
own, a document entry: its whole text in `dexact` and `dstem_<lang>` (no positions), so
whether a document holds a word is one small query, asked for the documents of the best
hits only, deeper into the ranking while too few survive. Passage queries never match a
document entry (it has no passage fields). Excluded phrases, which need positions, are
checked on the passages of those documents.

`date:` and `since`/`until` keep the passages of articles published in a period. Each passage
carries, in the fast field `day`, the days its article's publication date covers (one for a
day; every day of a month or a year for a shorter date; none when undated), so a period is a
single range query over whole numbers, and one alone finds passages, never document entries
(store.period gives the rules; the export applies the same).

The index also stores, per passage, what a hit needs (document id, file, title,
offsets, language, the passage's own text), so search never touches the TinyDB
records. Highlights are recomputed on the stored text (see store.highlight) and
shifted to absolute offsets in the document text.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from .errors import CorruptStore, FuenteError, StoreExists, StoreVersionError
from .highlight import STEMMERS, Matcher, analyze, analyzer, nfc, snippet, tokenizer_name
from .period import check_bounds, days, parse_period, period_days
from .query import ParsedQuery, Term, parse_query

MANIFEST = "fuente-search.json"
META_LOCK = ".tantivy-meta.lock"  # tantivy's readers' lock file
COUNTRY_TABLE = "countries.json"  # the country names the index was built with (see CountryTable)
COUNTRY_ALIASES = "country-aliases.json"
FORMAT = "fuente-search"
VERSION = 3  # 2: every passage indexed, boilerplate flagged, titles stored, document entries; 3: `day`

# Weights of the ways a word can match. The typed form scores in both the exact and
# the stemmed field, so it always outranks an inflection; the country tag (a passage
# that names the country some other way) comes after anything that names the word itself.
W_EXACT, W_STEM, W_COUNTRY, W_NEAR = 2.0, 1.0, 0.6, 1.0
W_BOILERPLATE = 0.05  # a boilerplate passage's score, as a share of the same match in reporting
NEAR_POOL = 100  # hits re-ranked for adjacency
DOC_FILTER_MAX = 2000  # documents an exclusion may leave before the passages are searched among them alone
MAX_EXPANSIONS = 64  # words a prefix expands to for BM25 scoring; the rest match at a flat score
MAX_PARTIAL_EXPANSIONS = 16  # completions of a word still being typed
AGG_SLICE = 60_000  # tantivy refuses aggregations of more than 65,000 buckets
ALIAS_KINDS = ("name", "demonym", "capital", "institution")
MAX_ALIASES = 128  # forms of a country's names highlighted


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("exact", tokenizer_name=tokenizer_name())
    for lang in STEMMERS:
        sb.add_text_field(f"stem_{lang}", tokenizer_name=tokenizer_name(lang))
    sb.add_text_field("countries", tokenizer_name="raw", index_option="basic")
    # A document entry's whole text, for exclusions: words only, no positions.
    sb.add_text_field("dexact", tokenizer_name=tokenizer_name(), index_option="basic")
    for lang in STEMMERS:
        sb.add_text_field(f"dstem_{lang}", tokenizer_name=tokenizer_name(lang), index_option="basic")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("file", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("lang", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("dnum", indexed=True, fast=True)  # document ordinal, for exclusions
    sb.add_unsigned_field("bp", fast=True)  # 1 for boilerplate, which ranks below reporting; passages only
    # The days the article's publication date covers (date.toordinal): one, or a short date's every
    # day; none when undated. Passages only, so a period alone finds passages, never document entries.
    sb.add_unsigned_field("day", fast=True)
    sb.add_unsigned_field("start", stored=True)
    sb.add_unsigned_field("end", stored=True)
    sb.add_bytes_field("meta", stored=True)  # passage id, kind, boilerplate and the title, as JSON
    sb.add_bytes_field("text", stored=True)  # the passage exactly as in the document
    return sb.build()


def _register(index: tantivy.Index) -> None:
    """Custom analyzers live in the process, not the index: register them on every open."""
    index.register_tokenizer(tokenizer_name(), analyzer())
    for lang in STEMMERS:
        index.register_tokenizer(tokenizer_name(lang), analyzer(lang))


def build_index(path: str | Path, documents: list[dict], passages: Iterable[dict], countries=None) -> None:
    """Write a search index of `passages` into the folder `path` (created; must be empty).

    `documents` carry id, file, language, text and published (a date or None); each passage
    carries id, doc, start, end, kind, boilerplate and `countries` (codes mentioned in it).
    `countries` (a module like store.countries) gives the country names the index keeps for
    alias search.
    """
    docs = {d["id"]: (i, d) for i, d in enumerate(documents)}
    builder = IndexBuilder(path, countries=countries)
    try:
        by_doc: dict[str, list[dict]] = {}
        for p in passages:
            if p["doc"] not in docs:
                raise ValueError(f"passage {p.get('id')!r} belongs to unknown document {p['doc']!r}")
            by_doc.setdefault(p["doc"], []).append(p)
        for doc_id, ps in by_doc.items():
            num, d = docs[doc_id]
            builder.add(d, ps, num)
        builder.finish(documents=len(documents), dnums=len(documents))
    except BaseException:
        builder.abort()
        raise


class IndexBuilder:
    """Writes a search index document by document: fresh into an empty folder, or as an
    update of an earlier index (`base`), whose files are hard-linked into `path` first.

    tantivy never changes a segment file once written (deletions go to new `.del` files,
    metadata is replaced by rename), so the linked files of the earlier index stay intact.
    Each passage carries `dnum`, its document's ordinal, which callers keep stable.
    """

    def __init__(self, path: str | Path, base: str | Path | None = None, countries=None) -> None:
        path = self.path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreExists(f"{path} is not an empty folder")
        path.mkdir(parents=True, exist_ok=True)
        self.langs: dict[str, int] = {}
        self.countries = countries
        if base is not None:
            from .storage import link_or_copy

            for f in Path(base).iterdir():
                if f.is_file() and not f.name.endswith(".lock") and f.name not in (MANIFEST, COUNTRY_TABLE,
                                                                                   COUNTRY_ALIASES):
                    link_or_copy(f, path / f.name)
            self.langs = dict(json.loads((Path(base) / MANIFEST).read_text(encoding="utf-8")).get("languages", {}))
            self.index = tantivy.Index.open(str(path))
        else:
            self.index = tantivy.Index(_schema(), path=str(path), reuse=False)
        _register(self.index)
        self.writer = self.index.writer(heap_size=256_000_000, num_threads=max(1, min(2, os.cpu_count() or 1)))
        import orjson  # only a build needs it (it costs a fresh process ~25 ms to import)

        self._dumps = orjson.dumps  # a passage's stored meta, as compact JSON (UTF-8)

    def delete(self, doc_id: str, language: str | None = None, count: int = 0) -> None:
        """Remove every passage of document `doc_id` (`count` indexed ones, in `language`)."""
        self.writer.delete_documents_by_term("doc", doc_id)
        lang = language or "und"
        if count and lang in self.langs:
            self.langs[lang] -= count
            if self.langs[lang] <= 0:
                del self.langs[lang]

    def add(self, doc: dict, passages: Iterable[dict], dnum: int) -> int:
        """Index every passage of `doc` (which carries id, file, title, language, text and published,
        its publication date or None); returns how many."""
        text_of, lang = doc["text"], doc.get("language") or "und"
        stem_field = f"stem_{lang}" if lang in STEMMERS else None
        doc_id, file, title = doc["id"], doc["file"], doc.get("title") or ""
        published = days(doc.get("published"))
        count = 0
        for p in passages:
            start, end = p["start"], p["end"]
            text = text_of[start:end]
            folded = nfc(text)
            bp = 1 if p.get("boilerplate") or p.get("kind") == "meta" else 0
            entry = tantivy.Document(exact=folded, doc=doc_id, file=file, lang=lang,
                                     text=text.encode("utf-8"),
                                     meta=self._dumps([p.get("id", ""), p["kind"], bp, title]))
            entry.add_unsigned("dnum", dnum)
            entry.add_unsigned("bp", bp)
            for day in published:
                entry.add_unsigned("day", day)
            entry.add_unsigned("start", start)
            entry.add_unsigned("end", end)
            if stem_field:
                entry.add_text(stem_field, folded)
            if not bp:  # boilerplate never yields a country (store.countries skips it too)
                for code in p.get("countries") or ():
                    entry.add_text("countries", code)
            self.writer.add_document(entry)
            count += 1
        whole = tantivy.Document(doc=doc_id, dexact=nfc(text_of))  # the document entry
        if stem_field:
            whole.add_text(f"d{stem_field}", nfc(text_of))
        whole.add_unsigned("dnum", dnum)
        self.writer.add_document(whole)
        if count:
            self.langs[lang] = self.langs.get(lang, 0) + count
        return count

    def finish(self, documents: int, dnums: int, build: str | None = None) -> None:
        """Commit, then write the manifest (`dnums`: one more than the largest ordinal)."""
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.index.reload()
        entries = self.index.searcher().num_docs  # passages and one entry per document
        if self.countries is not None:
            CountryTable.write(self.path, self.countries)
        manifest = {"format": FORMAT, "version": VERSION, "tantivy": "0.27", "documents": documents,
                    "dnums": dnums, "passages": sum(self.langs.values()), "entries": entries, "languages": dict(sorted(self.langs.items())), "build": build}
        (self.path / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        # tantivy writes its metadata 0600; a store built by one user is often read by another.
        mask = os.umask(0)
        os.umask(mask)
        for f in self.path.iterdir():
            if f.is_file():
                f.chmod(0o666 & ~mask)

    def abort(self) -> None:
        import shutil

        try:
            self.writer.rollback()
        except Exception:  # the folder goes anyway
            pass
        shutil.rmtree(self.path, ignore_errors=True)


class CountryTable:
    """The country names an index was built with, read from its folder: `lookup` and `aliases` as
    store.countries gives them, without loading the gazetteer (whose matcher takes tens of
    milliseconds to build in a fresh process). Two files: the names to look a word up in
    (small, read on open) and each country's other names (read when a word names a country)."""

    def __init__(self, path: Path) -> None:
        data = json.loads((path / COUNTRY_TABLE).read_text(encoding="utf-8"))
        self._codes: dict[str, str] = data["lookup"]  # analyzed form -> codes, space-separated
        self._exact: dict[str, list[list[str]]] = data["exact"]  # forms matching only as written
        self._path = path
        self._aliases: dict[str, list[list[str]]] | None = None

    @staticmethod
    def write(path: Path, countries) -> None:
        """Write the table's files into the index folder `path` from a module like store.countries."""
        lookup: dict[str, list[str]] = {}
        exact: dict[str, list[list[str]]] = {}
        aliases: dict[str, list[list[str]]] = {}
        for code, kind, form, is_exact in countries.forms():
            terms = analyze(form)
            if not terms:
                continue
            key = " ".join(terms)
            if is_exact:
                exact.setdefault(key, []).append([code, form])
            elif code not in lookup.setdefault(key, []):
                lookup[key].append(code)
            if kind in ALIAS_KINDS:
                seen = aliases.setdefault(code, [])
                if list(terms) not in seen and len(seen) < MAX_ALIASES:
                    seen.append(list(terms))
        table = {"lookup": {k: " ".join(v) for k, v in lookup.items()}, "exact": exact}
        (path / COUNTRY_TABLE).write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        (path / COUNTRY_ALIASES).write_text(json.dumps(aliases, ensure_ascii=False), encoding="utf-8")

    def lookup(self, term: str) -> set[str]:
        """Codes one of whose forms is `term` (case and accents aside; "US" only as written)."""
        key = " ".join(analyze(term))
        codes = set(self._codes.get(key, "").split())
        if key in self._exact:
            written = " ".join(term.split())
            codes.update(code for code, form in self._exact[key] if form == written)
        return codes

    def alias_terms(self, code: str) -> list[tuple[str, ...]]:
        """The analyzed forms of a country's names, capital and institutions."""
        if self._aliases is None:
            try:
                self._aliases = json.loads((self._path / COUNTRY_ALIASES).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._aliases = {}
        return [tuple(t) for t in self._aliases.get(code, ())]

    def resolve(self, text: str) -> str:
        from .countries import resolve_country

        return resolve_country(text)


class Hits(list):
    """Hits best first; `notes` says why a query could not be run as typed (an unknown country)."""

    def __init__(self, hits=(), notes: list[str] | None = None) -> None:
        super().__init__(hits)
        self.notes: list[str] = notes or []


class _Plan:
    """A parsed query as tantivy queries: what must match, what leaves documents out, the adjacency bonus."""

    __slots__ = ("positive", "words", "phrases", "near", "notes", "docs")

    def __init__(self, positive=None, words=None, phrases=None, near=None, notes=None, docs=None) -> None:
        # `words` finds the excluded documents by their entries, `phrases` by their passages;
        # `docs`, the document entries that may hold a hit (their words, none excluded).
        self.positive, self.words, self.phrases, self.near = positive, words, phrases, near
        self.notes: list[str] = notes or []
        self.docs = docs

    @property
    def excludes(self) -> bool:
        return self.words is not None or self.phrases is not None


def _default_countries(path: Path):
    """The country names for an index: its own table, else store.countries (an index built
    without one), else None (search then works without country awareness)."""
    try:
        return CountryTable(path)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        from . import countries
    except ImportError:  # pragma: no cover - the module ships with the store
        return None
    return countries


def _regex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\.+*?()|[]{}^$#&-~" else ch for ch in text)


class SearchIndex:
    """A search index opened for reading; `search` returns hits best first."""

    def __init__(self, path: str | Path, countries: object = None):
        """Open the index at `path`; raises CorruptStore when it is missing or unreadable.

        `countries` (default: the table stored with the index, else store.countries)
        provides `lookup(term)` and `aliases(code)` (or `alias_terms(code)`) for
        country-aware search, and `resolve(text)` or `resolve_country(text)` for `country:`.
        False turns country awareness off.
        """
        self.path = Path(path)
        try:
            manifest = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CorruptStore(f"no readable search index at {self.path}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
                or not isinstance(manifest.get("version"), int):
            raise CorruptStore(f"{self.path} does not hold a Fuente search index")
        if manifest["version"] > VERSION:
            raise StoreVersionError(f"search index version {manifest.get('version')!r}; this Fuente reads {VERSION}")
        if manifest["version"] < VERSION:
            raise StoreVersionError(f"search index version {manifest['version']} is older than this Fuente's "
                                    f"({VERSION}); rebuild the store with: fuente index …")
        self.manifest = manifest
        self._index = self._open(self.path)
        _register(self._index)
        self._schema = self._index.schema
        try:
            # The index never changes under a reader (a rebuild is a new store generation),
            # so no reload thread; the searcher opens every segment file now.
            self._index.config_reader(reload_policy="Manual")
            self._searcher = self._index.searcher()
        except (ValueError, OSError) as exc:
            raise CorruptStore(f"search index at {self.path} cannot be read: {str(exc)[:200]}") from exc
        finally:
            if self._private is not None:
                import shutil

                shutil.rmtree(self._private, ignore_errors=True)
        if self._searcher.num_docs != manifest.get("entries"):
            raise CorruptStore(f"search index at {self.path} is incomplete")
        self._langs = [lang for lang in STEMMERS if lang in manifest.get("languages", {})]
        self._countries = (_default_countries(self.path) if countries is None else countries) or None
        self._alias_cache: dict[str, list[tuple[str, ...]]] = {}

    def _open(self, path: Path) -> tantivy.Index:
        self._private: Path | None = None
        # tantivy takes a lock file beside meta.json even to read, creating it when it is not
        # there, which a read-only folder refuses and a reader must not do anyway: without
        # one, or where it is refused, open a private folder of links to the same files (a
        # copy where links fail), removed as soon as the searcher holds the files open.
        if (path / META_LOCK).is_file():
            try:
                return tantivy.Index.open(str(path))
            except (ValueError, OSError) as exc:
                message = str(exc)
                if "Lockfile" not in message and "ermission" not in message and "ead-only" not in message:
                    raise CorruptStore(f"search index at {path} cannot be read: {message[:200]}") from exc
        elif not (path / "meta.json").is_file():
            raise CorruptStore(f"search index at {path} cannot be read: meta.json is missing")
        import shutil
        import tempfile

        tmp = self._private = Path(tempfile.mkdtemp(prefix="fuente-index-"))
        for f in path.iterdir():
            if f.is_file() and not f.name.endswith(".lock"):
                try:
                    (tmp / f.name).symlink_to(f.resolve())
                except OSError:
                    shutil.copyfile(f, tmp / f.name)
        try:
            return tantivy.Index.open(str(tmp))
        except (ValueError, OSError) as exc:
            raise CorruptStore(f"search index at {path} cannot be read: {str(exc)[:200]}") from exc

    # -- building queries -------------------------------------------------------------

    def _seq(self, field: str, terms: tuple[str, ...], slop: int = 0) -> Query:
        if len(terms) == 1:
            return Query.term_query(self._schema, field, terms[0])
        return Query.phrase_query(self._schema, field, list(terms), slop=slop)

    def _codes(self, text: str) -> set[str]:
        if self._countries is None:
            return set()
        return set(self._countries.lookup(text) or ())

    def _aliases(self, code: str) -> list[tuple[str, ...]]:
        if code not in self._alias_cache:
            if hasattr(self._countries, "alias_terms"):
                self._alias_cache[code] = self._countries.alias_terms(code)
                return self._alias_cache[code]
            forms = self._countries.aliases(code) or ()
            if isinstance(forms, dict):  # forms by kind: codes ("US", "USA") are left out,
                # as folded they are everyday words ("us", "usa"); the country tag finds them.
                forms = [f for kind in ALIAS_KINDS for f in forms.get(kind, ())]
            seen: list[tuple[str, ...]] = []
            for name in forms:
                terms = analyze(name)
                if terms and terms not in seen:
                    seen.append(terms)
            self._alias_cache[code] = seen[:MAX_ALIASES]
        return self._alias_cache[code]

    def _term_query(self, term: Term, matcher: Matcher | None, partial: bool = False) -> Query | None:
        """The clause one query unit becomes, or None when it has no searchable word."""
        folded = analyze(term.text)
        if not folded:
            return None
        if term.kind == "prefix":
            return self._prefix_query(folded, matcher, partial)
        if term.kind == "phrase":  # quotes ask for these very words: no stems, no aliases
            if matcher:
                if term.slop:
                    for word in folded:
                        matcher.add_folded((word,))
                else:
                    matcher.add_folded(folded)
            return Query.boost_query(self._seq("exact", folded, term.slop), W_EXACT)
        parts = [Query.boost_query(self._seq("exact", folded), W_EXACT)]
        if matcher:
            matcher.add_folded(folded)
        if term.kind == "fuzzy" and len(folded) == 1:
            # Words within the edits match at a flat score: the typed form (scored below) ranks first.
            parts.append(Query.const_score_query(Query.fuzzy_term_query(
                self._schema, "exact", folded[0], distance=term.slop, transposition_cost_one=True), 0.5))
            if matcher:
                matcher.add_fuzzy(folded[0], term.slop)
        for lang in self._langs:
            stems = analyze(term.text, lang)
            parts.append(Query.boost_query(self._seq(f"stem_{lang}", stems), W_STEM))
            if matcher:
                matcher.add_stemmed(lang, stems)
        for code in sorted(self._codes(term.text)):
            # Passages naming the country another way carry its tag (found at build time by
            # store.countries): one clause rather than one per name, capital and institution.
            parts.append(Query.boost_query(Query.term_query(self._schema, "countries", code), W_COUNTRY))
            if matcher:
                for alias in self._aliases(code):
                    if alias != folded:
                        matcher.add_folded(alias, secondary=True)
        return Query.boolean_query([(Occur.Should, q) for q in parts])

    def _excluded_query(self, term: Term) -> tuple[Query | None, Query | None]:
        """(query on document entries, query on passages) finding the documents `-term` leaves out.

        The word itself and its inflections are left out, never the other names of a
        country: `Moscú -Kremlin` keeps the documents that say Moscú but not Kremlin.
        """
        folded = analyze(term.text)
        if not folded:
            return None, None
        if len(folded) > 1:  # a phrase, or a word tantivy splits (F/A-18): positions are needed
            return None, self._seq("exact", folded, term.slop if term.kind == "phrase" else 0)
        word = folded[0]
        if term.kind == "prefix":
            return Query.regex_query(self._schema, "dexact", _regex_escape(word) + ".*"), None
        if term.kind == "fuzzy":
            return Query.fuzzy_term_query(self._schema, "dexact", word, distance=term.slop,
                                          transposition_cost_one=True), None
        parts = [Query.term_query(self._schema, "dexact", word)]
        if term.kind != "phrase":
            for lang in self._langs:
                parts += [Query.term_query(self._schema, f"dstem_{lang}", t) for t in analyze(term.text, lang)]
        return (parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Should, q) for q in parts])), None

    def _prefix_query(self, folded: tuple[str, ...], matcher: Matcher | None, partial: bool) -> Query:
        if matcher:
            matcher.add_prefix(folded)
        if len(folded) > 1:
            return Query.phrase_prefix_query(self._schema, "exact", list(folded))
        # While typing, the commonest completions are enough and keep a one-letter prefix
        # fast; a prefix the reader asked for with `*` also matches every rarer form.
        most = MAX_PARTIAL_EXPANSIONS if partial else MAX_EXPANSIONS
        found = self._searcher.terms_with_prefix("exact", folded[0], limit=most)
        parts = [Query.term_query(self._schema, "exact", t) for t, _ in found]
        if len(found) >= most and not partial:  # too many forms to score each: the rest match flat
            regex = Query.regex_query(self._schema, "exact", _regex_escape(folded[0]) + ".*")
            parts.append(Query.const_score_query(regex, 0.01))
        if not parts:
            return Query.empty_query()
        return Query.boost_query(Query.boolean_query([(Occur.Should, q) for q in parts]), W_EXACT)

    def _join_country_names(self, groups: list[list[Term]]) -> list[list[Term]]:
        """Consecutive bare words that name a country (`Estados Unidos`) become one unit."""
        if self._countries is None:
            return groups
        out: list[list[Term]] = []
        i = 0
        while i < len(groups):
            for n in (4, 3, 2):
                run = groups[i:i + n]
                if len(run) == n and all(len(g) == 1 and g[0].kind == "word" for g in run):
                    joined = " ".join(g[0].text for g in run)
                    if self._codes(joined):
                        out.append([Term(joined, "word")])
                        i += n
                        break
            else:
                out.append(groups[i])
                i += 1
        return out

    def _resolve(self, value: str) -> str:
        """A `country:` value as a code; UnknownCountry (with close matches) when it names none."""
        resolve = getattr(self._countries, "resolve", None) or getattr(self._countries, "resolve_country", None)
        if resolve is None:
            from .countries import resolve_country as resolve
        return resolve(value)

    def _filters(self, filters: dict[str, list[str]], notes: list[str]) -> list[Query]:
        out = []
        for value in filters.get("country", []):
            try:
                code = self._resolve(value)
            except FuenteError as exc:
                notes.append(str(exc))
                continue
            out.append(Query.term_query(self._schema, "countries", code))
        if filters.get("lang"):
            out.append(Query.term_set_query(self._schema, "lang", filters["lang"]))
        if filters.get("doc"):
            options = []
            for value in filters["doc"]:
                for field in ("doc", "file"):
                    options.append(Query.regex_query(self._schema, field, _regex_escape(value) + ".*"))
            out.append(Query.boolean_query([(Occur.Should, q) for q in options]))
        return [Query.const_score_query(q, 0.0) for q in out]

    def _days(self, values: list[str], period: tuple[str | None, str | None], notes: list[str]
              ) -> tuple[int, int] | None:
        """The first and last day (ordinals) that every `date:` value and `period` allow, or None
        when nothing restricts the dates. A value that is no period adds a note; periods with no
        day in common give a first day after the last."""
        spans = [period] if period != (None, None) else []
        for value in values:
            try:
                spans.append(parse_period(value))
            except FuenteError as exc:
                notes.append(f"date:{value}: {exc}")
        if not spans:
            return None
        ranges = [period_days(since, until) for since, until in spans]
        return max(lo for lo, _ in ranges), min(hi for _, hi in ranges)

    def _plan(self, parsed: ParsedQuery, matcher: Matcher | None, partial: bool = False,
              period: tuple[str | None, str | None] = (None, None)) -> _Plan:
        """The tantivy queries for a parsed query, its passages published within `period` (since,
        until); `positive` is None when nothing can match. The adjacency query (the words side by
        side) only re-ranks the best hits."""
        clauses: list[tuple[Occur, Query]] = []
        near: list[str] = []
        notes: list[str] = []
        on_docs: list[Query] = []  # what a document must hold to have a hit, where words can say it
        for group in self._join_country_names(parsed.groups):
            options = [q for q in (self._term_query(t, matcher, partial) for t in group) if q is not None]
            if not options:
                continue
            whole = [self._document_query(t) for t in group]
            if all(q is not None for q in whole):
                on_docs.append(whole[0] if len(whole) == 1 else Query.boolean_query([(Occur.Should, q) for q in whole]))
            clauses.append((Occur.Must, options[0] if len(options) == 1 else
                            Query.boolean_query([(Occur.Should, q) for q in options])))
            if len(group) == 1 and group[0].kind == "word" and len(analyze(group[0].text)) == 1:
                near.append(analyze(group[0].text)[0])
        filters = self._filters(parsed.filters, notes)
        span = self._days(parsed.filters.get("date", []), period, notes)
        if notes:  # a filter that names nothing: no hits, and the reason
            return _Plan(notes=notes)
        if span is not None and span[0] > span[1]:  # periods with no day in common
            return _Plan()
        # Passages published within the period: one range over the days their article's date covers.
        dated = None if span is None else Query.range_query(self._schema, "day", tantivy.FieldType.Unsigned, *span)
        if not clauses and not filters and dated is None:
            if parsed.excluded and not parsed.groups:  # "-Irán" alone leaves documents out, finds none
                return _Plan(notes=["nothing to search for: -word only leaves documents out; add a word to find"])
            return _Plan()
        if not clauses:  # filters alone: every passage they allow (not the document entries), in index order
            # The period, when there is one, is that set already (only passages carry days).
            base, dated = (Query.exists_query("bp") if dated is None else dated), None
            clauses.append((Occur.Must, Query.const_score_query(base, 1.0)))
        clauses += [(Occur.Must, q) for q in filters]
        if dated is not None:
            clauses.append((Occur.Must, Query.const_score_query(dated, 0.0)))
        words, phrases = [], []
        for term in parsed.excluded:
            by_entry, by_passage = self._excluded_query(term)
            if by_entry is not None:
                words.append(by_entry)
            if by_passage is not None:
                phrases.append(by_passage)
        near_q = Query.phrase_query(self._schema, "exact", near, slop=2) if len(near) >= 2 else None
        def either(queries: list[Query]) -> Query | None:
            if not queries:
                return None
            return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])

        # One group alone runs as its own disjunction, unwrapped, which tantivy ranks with
        # block-max WAND (skipping passages that cannot reach the top) instead of scoring all.
        positive = clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)
        docs = None
        if words and on_docs:
            docs = Query.boolean_query([(Occur.Must, q) for q in on_docs] + [(Occur.MustNot, q) for q in words])
        return _Plan(positive, either(words), either(phrases), near_q, docs=docs)

    def _document_query(self, term: Term) -> Query | None:
        """The document entries holding `term` (a superset of the documents with a passage it
        matches), or None where a document entry cannot say (phrases, country names)."""
        folded = analyze(term.text)
        if len(folded) != 1 or term.kind not in ("word", "fuzzy", "prefix") or self._codes(term.text):
            return None
        if term.kind == "prefix":
            return Query.regex_query(self._schema, "dexact", _regex_escape(folded[0]) + ".*")
        parts = [Query.term_query(self._schema, "dexact", folded[0])]
        if term.kind == "fuzzy":
            parts.append(Query.fuzzy_term_query(self._schema, "dexact", folded[0], distance=term.slop,
                                                transposition_cost_one=True))
        for lang in self._langs:
            parts += [Query.term_query(self._schema, f"dstem_{lang}", t) for t in analyze(term.text, lang)]
        return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Should, q) for q in parts])

    # -- running them -----------------------------------------------------------------

    def _per_doc(self, query: Query) -> dict[int, int]:
        """Passages matching `query`, counted per document ordinal."""
        # tantivy refuses aggregations of more than 65,000 buckets: ask in slices of ordinals.
        step = AGG_SLICE
        total = max(1, int(self.manifest.get("dnums") or self.manifest.get("documents", 1)))
        counts: dict[int, int] = {}
        for lo in range(0, total, step):
            part = Query.range_query(self._schema, "dnum", tantivy.FieldType.Unsigned, lo, lo + step - 1)
            result = self._searcher.aggregate(Query.boolean_query([(Occur.Must, query), (Occur.Must, part)]),
                                              {"d": {"terms": {"field": "dnum", "size": step}}})
            counts.update((int(b["key"]), int(b["doc_count"])) for b in result["d"]["buckets"])
        return counts

    def _docs_among(self, plan: _Plan, among: list[int]) -> set[int]:
        """Which of the documents `among` the plan's exclusions leave out."""
        found: set[int] = set()
        for i in range(0, len(among), AGG_SLICE):
            part = Query.term_set_query(self._schema, "dnum", among[i:i + AGG_SLICE])
            if plan.words is not None:  # one document entry each: a plain search finds them
                hits = self._searcher.search(Query.boolean_query([(Occur.Must, plan.words), (Occur.Must, part)]),
                                             len(among[i:i + AGG_SLICE]), count=False).hits
                if hits:
                    found.update(self._searcher.fast_field_values("dnum", [a for _, a in hits]))
            if plan.phrases is not None:  # any of a document's passages: counted per document
                result = self._searcher.aggregate(
                    Query.boolean_query([(Occur.Must, plan.phrases), (Occur.Must, part)]),
                    {"d": {"terms": {"field": "dnum", "size": len(among[i:i + AGG_SLICE])}}})
                found.update(int(b["key"]) for b in result["d"]["buckets"])
        return found

    def _top(self, plan: _Plan, limit: int) -> list[tuple[float, object]]:
        if not plan.excludes:
            return self._searcher.search(plan.positive, limit, count=False).hits
        if plan.docs is not None and plan.phrases is None:
            # The documents that hold every word asked for and none excluded, when they are few:
            # the passages are then searched among them alone, in one query.
            found = self._searcher.search(plan.docs, DOC_FILTER_MAX + 1, count=False).hits
            if len(found) <= DOC_FILTER_MAX:
                if not found:
                    return []
                nums = sorted(set(self._searcher.fast_field_values("dnum", [a for _, a in found])))
                among = Query.term_set_query(self._schema, "dnum", nums)
                return self._searcher.search(Query.boolean_query([(Occur.Must, plan.positive), (Occur.Must, among)]),
                                             limit, count=False).hits
        # A document is left out when it holds an excluded word. Rather than find every such
        # document (costly when the word is common), check the documents of the top hits, and
        # read deeper into the ranking, by the share that survived, until enough do.
        most = max(1, int(self.manifest.get("passages", 1)))
        fetch = min(limit * 3 + 10, most)
        bad: set[int] = set()
        good: set[int] = set()
        while True:
            hits = self._searcher.search(plan.positive, fetch, count=False).hits
            nums = self._searcher.fast_field_values("dnum", [a for _, a in hits]) if hits else []
            new = sorted(set(nums) - bad - good)
            if new:
                found = self._docs_among(plan, new)
                bad |= found
                good.update(n for n in new if n not in found)
            kept = [h for h, n in zip(hits, nums) if n not in bad]
            if len(kept) >= limit or len(hits) < fetch:
                return kept[:limit]
            share = max(len(kept) / len(hits), 0.002)
            fetch = min(most, max(fetch * 2, int(limit / share * 1.5)))

    def _ranked(self, plan: _Plan, limit: int) -> list[tuple[float, object]]:
        """The best `limit` (score, address) pairs: boilerplate weighed down, then the adjacency bonus.

        tantivy ranks by BM25 alone; a boilerplate passage's score is cut to W_BOILERPLATE of it
        afterwards. The best `pool` after that cut are exact once `pool` reporting passages
        are among those fetched (any passage not fetched scores below every one fetched), so
        the fetch grows only in the rare case of a ranking crowded with boilerplate.
        """
        pool = max(limit * 4, NEAR_POOL) if plan.near is not None else limit
        most = max(1, int(self.manifest.get("passages", 1)))
        fetch = min(pool + 8, most)
        while True:
            hits = self._top(plan, fetch)
            flags = self._searcher.fast_field_values("bp", [a for _, a in hits]) if hits else []
            if len(hits) < fetch or flags.count(0) >= pool or fetch >= most:
                break
            fetch = min(most, fetch * 2 + flags.count(1))
        weights = [W_BOILERPLATE if f else 1.0 for f in flags]
        ranked = sorted(((score * w, a, w) for (score, a), w in zip(hits, weights)), key=lambda h: -h[0])[:pool]
        if plan.near is not None:
            ranked = self._near_bonus(ranked, plan.near)
        return [(score, a) for score, a, _ in ranked[:limit]]

    def search(self, query: str, limit: int = 20, partial: bool = False, since: str | None = None,
               until: str | None = None) -> Hits:
        """Passages matching `query` (see store.query), best first, at most `limit`.

        Each hit: doc, file, title, start, end (offsets into the document text), score,
        snippet (plain text around the first match; snippet_start/snippet_end are the
        offsets it shows), highlights ([[start, end], ...] absolute), passage (id),
        language, kind and boilerplate. `partial` treats a last word still being typed as
        a prefix too. `since` and `until` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) keep the
        passages of articles published then, as a `date:` in the query does, and with one
        both apply; a bad one raises InputError. A query that cannot run as typed (`country:`
        naming no country, `date:` no period) gives no hits and says why in the result's
        `notes`; the query never raises.
        """
        period = check_bounds(since, until, ("since", "until"))
        if limit <= 0:
            return Hits()
        # No more hits than passages: a limit beyond that (99999999999999999999) means "all".
        limit = min(limit, max(1, int(self.manifest.get("passages") or 1)))
        matcher = Matcher()
        plan = self._plan(parse_query(query, partial=partial), matcher, partial, period)
        if plan.positive is None:
            return Hits(notes=plan.notes)
        return Hits(self._hit(score, address, matcher) for score, address in self._ranked(plan, limit))

    def _near_bonus(self, hits: list[tuple[float, object, float]], near: Query) -> list[tuple[float, object, float]]:
        """Words side by side outrank the same words scattered: re-rank the best hits with the bonus.

        Scoring the sloppy phrase over the whole index doubles the cost of a two-word query on a
        large corpus; among the best few hundred hits it is cheap, and only their order changes.
        """
        if not hits:
            return hits
        nums = sorted(set(self._searcher.fast_field_values("dnum", [a for _, a, _ in hits])))
        among = Query.term_set_query(self._schema, "dnum", nums)
        found = self._searcher.search(Query.boolean_query([(Occur.Must, near), (Occur.Must, among)]),
                                      len(hits) * 4, count=False).hits
        bonus = {(a.segment_ord, a.doc): W_NEAR * score for score, a in found}
        rescored = [(score + w * bonus.get((a.segment_ord, a.doc), 0.0), a, w) for score, a, w in hits]
        rescored.sort(key=lambda h: -h[0])
        return rescored

    def highlight(self, query: str, text: str, lang: str | None = None) -> list[tuple[int, int]]:
        """Spans of `text` (a whole document) that `query` matches, as hits highlight them."""
        matcher = Matcher()
        self._plan(parse_query(query), matcher)
        return matcher.spans(text, lang)

    def count(self, query: str, documents: bool = False, partial: bool = False, since: str | None = None,
              until: str | None = None) -> int:
        """How many passages match `query` (documents left out by `-word` excluded), or with
        `documents` how many documents have a matching passage; `partial`, `since` and `until` as
        in `search`, so a count stands beside the hits of a query still being typed."""
        period = check_bounds(since, until, ("since", "until"))
        plan = self._plan(parse_query(query, partial=partial), None, partial, period)
        if plan.positive is None:
            return 0
        if not plan.excludes and not documents:
            return self._searcher.search(plan.positive, 1, count=True).count
        per_doc = self._per_doc(plan.positive)
        bad = self._docs_among(plan, sorted(per_doc)) if plan.excludes else set()
        kept = [n for doc, n in per_doc.items() if doc not in bad]
        return len(kept) if documents else sum(kept)

    def notes(self, query: str) -> list[str]:
        """Why `query` cannot run as typed (an unknown country, a `date:` that is no period), or nothing."""
        return self._plan(parse_query(query), None).notes

    def _hit(self, score: float, address: object, matcher: Matcher) -> dict:
        stored = self._searcher.doc(address)
        start = stored.get_first("start")
        text = stored.get_first("text").decode("utf-8")
        lang = stored.get_first("lang")
        pid, kind, bp, title = json.loads(stored.get_first("meta"))
        spans, focus = matcher.find(text, lang)
        shown, lo, hi = snippet(text, focus)
        return {"doc": stored.get_first("doc"), "file": stored.get_first("file"), "title": title,
                "start": start, "end": stored.get_first("end"), "score": round(float(score), 4),
                "snippet": shown, "highlights": [[start + s, start + e] for s, e in spans],
                "snippet_start": start + lo, "snippet_end": start + hi,
                "passage": pid, "language": lang, "kind": kind, "boilerplate": bool(bp)}
