"""Full-text search over passages: a tantivy index built once, opened read-only.

Each indexed passage (a sentence, heading, list item or table row that is not
boilerplate) is one tantivy document. Its text goes into two analyzed fields: `exact`
(lowercased and accent-folded) and `stem_<lang>` for the passage's own language
(Snowball stemmer, then folded). A query word becomes a disjunction over those fields,
weighted so that the typed form ranks above its inflections, and above the other names
of a country (`Rusia` for `Russia`, via store.countries) and passages that only mention
the country. BM25 does the rest: rarer words and shorter passages rank higher.

The index also stores, per passage, what a hit needs (document id, file, offsets,
language, the passage's own text), so search never touches the TinyDB records.
Highlights are recomputed on the stored text (see store.highlight) and shifted to
absolute offsets in the document text.
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable

import tantivy
from tantivy import Occur, Query

from .errors import CorruptStore, StoreExists, StoreVersionError
from .highlight import STEMMERS, Matcher, analyze, analyzer, nfc, snippet, tokenizer_name
from .query import ParsedQuery, Term, parse_query

MANIFEST = "fuente-search.json"
META_LOCK = ".tantivy-meta.lock"  # tantivy's readers' lock file
FORMAT = "fuente-search"
VERSION = 1
INDEXED_KINDS = frozenset({"sentence", "heading", "item", "row"})

# Weights of the ways a word can match. The typed form scores in both the exact and
# the stemmed field, so it always outranks an inflection; country aliases and the
# bare country tag come after anything that names the word itself.
W_EXACT, W_STEM, W_ALIAS, W_COUNTRY, W_NEAR = 2.0, 1.0, 0.6, 0.3, 1.0
NEAR_POOL = 100  # hits re-ranked for adjacency
MAX_EXPANSIONS = 64  # words a prefix expands to for BM25 scoring; the rest match at a flat score
MAX_PARTIAL_EXPANSIONS = 16  # completions of a word still being typed
AGG_SLICE = 60_000  # tantivy refuses aggregations of more than 65,000 buckets
ALIAS_KINDS = ("name", "demonym", "capital", "institution")
MAX_ALIASES = 128  # forms of a country's names searched for; the rest rely on the country tag


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("exact", tokenizer_name=tokenizer_name())
    for lang in STEMMERS:
        sb.add_text_field(f"stem_{lang}", tokenizer_name=tokenizer_name(lang))
    sb.add_text_field("countries", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("file", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("lang", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("dnum", indexed=True, fast=True)  # document ordinal, for exclusions
    sb.add_unsigned_field("start", stored=True)
    sb.add_unsigned_field("end", stored=True)
    sb.add_bytes_field("meta", stored=True)  # passage id and kind, as JSON
    sb.add_bytes_field("text", stored=True)  # the passage exactly as in the document
    return sb.build()


def _register(index: tantivy.Index) -> None:
    """Custom analyzers live in the process, not the index: register them on every open."""
    index.register_tokenizer(tokenizer_name(), analyzer())
    for lang in STEMMERS:
        index.register_tokenizer(tokenizer_name(lang), analyzer(lang))


def build_index(path: str | Path, documents: list[dict], passages: Iterable[dict]) -> None:
    """Write a search index of `passages` into the folder `path` (created; must be empty).

    `documents` carry id, file and language; each passage carries id, doc, start, end,
    kind, boilerplate and `countries` (codes mentioned in it). Boilerplate and passages
    of other kinds (metadata lines, table headers) are left out.
    """
    docs = {d["id"]: (i, d) for i, d in enumerate(documents)}
    builder = IndexBuilder(path)
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


def indexed(passage: dict) -> bool:
    """Whether a passage goes into the search index."""
    return not passage.get("boilerplate") and passage.get("kind") in INDEXED_KINDS


class IndexBuilder:
    """Writes a search index document by document: fresh into an empty folder, or as an
    update of an earlier index (`base`), whose files are hard-linked into `path` first.

    tantivy never changes a segment file once written (deletions go to new `.del` files,
    metadata is replaced by rename), so the linked files of the earlier index stay intact.
    Each passage carries `dnum`, its document's ordinal, which callers keep stable.
    """

    def __init__(self, path: str | Path, base: str | Path | None = None) -> None:
        path = self.path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreExists(f"{path} is not an empty folder")
        path.mkdir(parents=True, exist_ok=True)
        self.langs: dict[str, int] = {}
        if base is not None:
            from .storage import link_or_copy

            for f in Path(base).iterdir():
                if f.is_file() and not f.name.endswith(".lock") and f.name != MANIFEST:
                    link_or_copy(f, path / f.name)
            self.langs = dict(json.loads((Path(base) / MANIFEST).read_text(encoding="utf-8")).get("languages", {}))
            self.index = tantivy.Index.open(str(path))
        else:
            self.index = tantivy.Index(_schema(), path=str(path), reuse=False)
        _register(self.index)
        self.writer = self.index.writer(heap_size=256_000_000, num_threads=max(1, min(2, os.cpu_count() or 1)))

    def delete(self, doc_id: str, language: str | None = None, count: int = 0) -> None:
        """Remove every passage of document `doc_id` (`count` indexed ones, in `language`)."""
        self.writer.delete_documents_by_term("doc", doc_id)
        lang = language or "und"
        if count and lang in self.langs:
            self.langs[lang] -= count
            if self.langs[lang] <= 0:
                del self.langs[lang]

    def add(self, doc: dict, passages: Iterable[dict], dnum: int) -> int:
        """Index the passages of `doc` (which carries id, file, language and text); returns how many."""
        text_of, lang = doc["text"], doc.get("language") or "und"
        count = 0
        for p in passages:
            if not indexed(p):
                continue
            text = text_of[p["start"]:p["end"]]
            folded = nfc(text)
            entry = tantivy.Document(exact=folded, doc=doc["id"], file=doc["file"], lang=lang,
                                     text=text.encode("utf-8"),
                                     meta=json.dumps([p.get("id", ""), p["kind"]]).encode("utf-8"))
            if lang in STEMMERS:
                entry.add_text(f"stem_{lang}", folded)
            entry.add_unsigned("dnum", dnum)
            entry.add_unsigned("start", p["start"])
            entry.add_unsigned("end", p["end"])
            for code in p.get("countries") or ():
                entry.add_text("countries", code)
            self.writer.add_document(entry)
            count += 1
        if count:
            self.langs[lang] = self.langs.get(lang, 0) + count
        return count

    def finish(self, documents: int, dnums: int, build: str | None = None) -> None:
        """Commit, then write the manifest (`dnums`: one more than the largest ordinal)."""
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.index.reload()
        count = self.index.searcher().num_docs
        manifest = {"format": FORMAT, "version": VERSION, "tantivy": "0.27", "documents": documents,
                    "dnums": dnums, "passages": count, "languages": dict(sorted(self.langs.items())), "build": build}
        (self.path / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        # tantivy writes its metadata 0600; a store built by one user is often read by another.
        mask = os.umask(0)
        os.umask(mask)
        for f in self.path.iterdir():
            if f.is_file():
                f.chmod(0o666 & ~mask)

    def abort(self) -> None:
        try:
            self.writer.rollback()
        except Exception:  # the folder goes anyway
            pass
        shutil.rmtree(self.path, ignore_errors=True)


def _default_countries() -> Any:
    name = f"{__package__}.countries"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:  # countries is built in parallel; search works without it
        if exc.name != name:
            raise
        return None


def _regex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\.+*?()|[]{}^$#&-~" else ch for ch in text)


class SearchIndex:
    """A search index opened for reading; `search` returns hits best first."""

    def __init__(self, path: str | Path, countries: Any = None):
        """Open the index at `path`; raises CorruptStore when it is missing or unreadable.

        `countries` (default: the store.countries module) provides `lookup(term)` and
        `aliases(code)` for country-aware search.
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
                shutil.rmtree(self._private, ignore_errors=True)
        if self._searcher.num_docs != manifest.get("passages"):
            raise CorruptStore(f"search index at {self.path} is incomplete")
        self._langs = [lang for lang in STEMMERS if lang in manifest.get("languages", {})]
        # countries=False turns country-aware matching off (benchmarks, tests).
        self._countries = (_default_countries() if countries is None else countries) or None
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

    def _seq(self, field: str, terms: tuple[str, ...]) -> Query:
        if len(terms) == 1:
            return Query.term_query(self._schema, field, terms[0])
        return Query.phrase_query(self._schema, field, list(terms))

    def _codes(self, text: str) -> set[str]:
        if self._countries is None:
            return set()
        return set(self._countries.lookup(text) or ())

    def _aliases(self, code: str) -> list[tuple[str, ...]]:
        if code not in self._alias_cache:
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
        parts = [Query.boost_query(self._seq("exact", folded), W_EXACT)]
        if matcher:
            matcher.add_folded(folded)
        if term.kind == "phrase":  # quotes ask for these very words: no stems, no aliases
            return parts[0]
        for lang in self._langs:
            stems = analyze(term.text, lang)
            parts.append(Query.boost_query(self._seq(f"stem_{lang}", stems), W_STEM))
            if matcher:
                matcher.add_stemmed(lang, stems)
        for code in sorted(self._codes(term.text)):
            parts.append(Query.boost_query(Query.term_query(self._schema, "countries", code), W_COUNTRY))
            for alias in self._aliases(code):
                if alias != folded:
                    parts.append(Query.boost_query(self._seq("exact", alias), W_ALIAS))
                    if matcher:
                        matcher.add_folded(alias, secondary=True)
        return Query.boolean_query([(Occur.Should, q) for q in parts])

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

    def _filters(self, filters: dict[str, list[str]]) -> list[Query]:
        out = []
        for value in filters.get("country", []):
            codes = {value.upper()} if len(value) <= 4 and value.isalpha() and (
                value.isupper() or len(value) == 2) else self._codes(value) or {value.upper()}
            out.append(Query.term_set_query(self._schema, "countries", sorted(codes)))
        if filters.get("lang"):
            out.append(Query.term_set_query(self._schema, "lang", filters["lang"]))
        if filters.get("doc"):
            options = []
            for value in filters["doc"]:
                for field in ("doc", "file"):
                    options.append(Query.regex_query(self._schema, field, _regex_escape(value) + ".*"))
            out.append(Query.boolean_query([(Occur.Should, q) for q in options]))
        return [Query.const_score_query(q, 0.0) for q in out]

    def _plan(self, parsed: ParsedQuery, matcher: Matcher | None,
              partial: bool = False) -> tuple[Query | None, Query | None, Query | None]:
        """(positive query, exclusion query, adjacency query) for a parsed query; positive is None
        for no hits. The adjacency query (the words side by side) only re-ranks the best hits."""
        clauses: list[tuple[Any, Query]] = []
        near: list[str] = []
        for group in self._join_country_names(parsed.groups):
            options = [q for q in (self._term_query(t, matcher, partial) for t in group) if q is not None]
            if not options:
                continue
            clauses.append((Occur.Must, options[0] if len(options) == 1 else
                            Query.boolean_query([(Occur.Should, q) for q in options])))
            if len(group) == 1 and group[0].kind == "word" and len(analyze(group[0].text)) == 1:
                near.append(analyze(group[0].text)[0])
        filters = self._filters(parsed.filters)
        if not clauses and not filters:
            return None, None, None
        if not clauses:  # filters alone: every passage they allow, in index order
            clauses.append((Occur.Must, Query.all_query()))
        clauses += [(Occur.Must, q) for q in filters]
        near_q = Query.phrase_query(self._schema, "exact", near, slop=2) if len(near) >= 2 else None
        excluded = [q for q in (self._term_query(t, None) for t in parsed.excluded) if q is not None]
        exclusion = None
        if excluded:
            exclusion = excluded[0] if len(excluded) == 1 else Query.boolean_query(
                [(Occur.Should, q) for q in excluded])
            clauses.append((Occur.MustNot, exclusion))
        return Query.boolean_query(clauses), exclusion, near_q

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

    def _docs_among(self, exclusion: Query, among: list[int]) -> set[int]:
        """Which of the documents `among` have a passage matching `exclusion`."""
        found: set[int] = set()
        for i in range(0, len(among), AGG_SLICE):
            part = among[i:i + AGG_SLICE]
            query = Query.boolean_query([(Occur.Must, exclusion),
                                         (Occur.Must, Query.term_set_query(self._schema, "dnum", part))])
            result = self._searcher.aggregate(query, {"d": {"terms": {"field": "dnum", "size": len(part)}}})
            found.update(int(b["key"]) for b in result["d"]["buckets"])
        return found

    def _top(self, query: Query, exclusion: Query | None, limit: int) -> list[tuple[float, Any]]:
        if exclusion is None:
            return self._searcher.search(query, limit, count=False).hits
        # A document is left out when any of its passages matches. Rather than find every
        # such document (costly when the word is common), check the documents of the top
        # hits, and read deeper into the ranking, by the share that survived, until enough do.
        most = max(1, int(self.manifest.get("passages", 1)))
        fetch = min(limit * 3 + 10, most)
        bad: set[int] = set()
        good: set[int] = set()
        while True:
            hits = self._searcher.search(query, fetch, count=False).hits
            nums = self._searcher.fast_field_values("dnum", [a for _, a in hits]) if hits else []
            new = sorted(set(nums) - bad - good)
            if new:
                found = self._docs_among(exclusion, new)
                bad |= found
                good.update(n for n in new if n not in found)
            kept = [h for h, n in zip(hits, nums) if n not in bad]
            if len(kept) >= limit or len(hits) < fetch:
                return kept[:limit]
            share = max(len(kept) / len(hits), 0.002)
            fetch = min(most, max(fetch * 2, int(limit / share * 1.5)))

    def search(self, query: str, limit: int = 20, partial: bool = False) -> list[dict]:
        """Passages matching `query` (see store.query), best first, at most `limit`.

        Each hit: doc, file, start, end (offsets into the document text), score,
        snippet (plain text around the first match; snippet_start/snippet_end are the
        offsets it shows), highlights ([[start, end], ...] absolute), passage (id),
        language and kind. `partial` treats a last word still being typed as a prefix too.
        """
        if limit <= 0:
            return []
        # No more hits than passages: a limit beyond that (99999999999999999999) means "all".
        limit = min(limit, max(1, int(self.manifest.get("passages") or 1)))
        matcher = Matcher()
        positive, exclusion, near = self._plan(parse_query(query, partial=partial), matcher, partial)
        if positive is None:
            return []
        if near is None:
            top = self._top(positive, exclusion, limit)
        else:
            top = self._near_bonus(self._top(positive, exclusion, max(limit * 4, NEAR_POOL)), near)[:limit]
        return [self._hit(score, address, matcher) for score, address in top]

    def _near_bonus(self, hits: list[tuple[float, Any]], near: Query) -> list[tuple[float, Any]]:
        """Words side by side outrank the same words scattered: re-rank the best hits with the bonus.

        Scoring the sloppy phrase over the whole index doubles the cost of a two-word query on a
        large corpus; among the best few hundred hits it is cheap, and only their order changes.
        """
        if not hits:
            return hits
        nums = sorted(set(self._searcher.fast_field_values("dnum", [a for _, a in hits])))
        among = Query.term_set_query(self._schema, "dnum", nums)
        found = self._searcher.search(Query.boolean_query([(Occur.Must, near), (Occur.Must, among)]),
                                      len(hits) * 4, count=False).hits
        bonus = {(a.segment_ord, a.doc): W_NEAR * score for score, a in found}
        rescored = [(score + bonus.get((a.segment_ord, a.doc), 0.0), a) for score, a in hits]
        rescored.sort(key=lambda h: -h[0])
        return rescored

    def highlight(self, query: str, text: str, lang: str | None = None) -> list[tuple[int, int]]:
        """Spans of `text` (a whole document) that `query` matches, as hits highlight them."""
        matcher = Matcher()
        self._plan(parse_query(query), matcher)
        return matcher.spans(text, lang)

    def count(self, query: str) -> int:
        """How many passages match `query` (documents left out by `-word` excluded)."""
        positive, exclusion, _ = self._plan(parse_query(query), None)
        if positive is None:
            return 0
        if exclusion is None:
            return self._searcher.search(positive, 1, count=True).count
        bad = set(self._per_doc(exclusion))
        return sum(n for doc, n in self._per_doc(positive).items() if doc not in bad)

    def _hit(self, score: float, address: Any, matcher: Matcher) -> dict:
        stored = self._searcher.doc(address).to_dict()
        start = stored["start"][0]
        text = bytes(stored["text"][0]).decode("utf-8")
        lang = stored["lang"][0]
        pid, kind = json.loads(bytes(stored["meta"][0]).decode("utf-8"))
        spans, focus = matcher.find(text, lang)
        shown, lo, hi = snippet(text, focus)
        return {"doc": stored["doc"][0], "file": stored["file"][0], "start": start, "end": stored["end"][0],
                "score": round(float(score), 4), "snippet": shown,
                "highlights": [[start + s, start + e] for s, e in spans],
                "snippet_start": start + lo, "snippet_end": start + hi,
                "passage": pid, "language": lang, "kind": kind}
