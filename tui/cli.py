"""The command line: `fuente` opens the app; subcommands print the same tables for scripts.

Every command reads the store through `store.open_store`. Errors the store names
(missing store, corrupt store, wrong schema, bad input, an unknown country, a full disk)
and bad arguments become one line on stderr and a non-zero exit, never a traceback; a
build stopped by SIGINT, SIGTERM or SIGHUP says so in one line and exits 128 + the
signal's number. Article text reaches stdout with its control characters neutralized
(`show --raw` prints it as stored); `--json` output is exact.

A command imports only what it needs, so `fuente search … --json` in a fresh process
answers in tens of milliseconds: JSON output never loads Textual or Rich, and the
store opens only the files a command reads.
"""
from __future__ import annotations

import json
import os
import re
import sys
from types import SimpleNamespace

from store.errors import BuildInterrupted, FuenteError

from .words import plural
from .safe import json_for_terminal, neutralize

EXIT_ERROR = 1
EXIT_USAGE = 2


def _parser_class():
    """argparse's parser, with its errors on one line (usage is one `--help` away) and made harmless.

    Made when first asked for: argparse's import and setup cost a fresh process ~10 ms, which
    the everyday read-only commands skip (see `quick_args`)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):
            print(f"fuente: {neutralize(message)} (see: {self.prog} --help)", file=sys.stderr)
            raise SystemExit(EXIT_USAGE)

    return Parser


def count(text: str) -> int:
    """A whole number of 0 or more, as an option's value (any size: the store caps what it means)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return value


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
TEXT_ARGUMENTS = {"query": "the query", "ref": "the document", "country": "--country", "focus": "--focus",
                  "toward": "--toward"}


def _not_text(args) -> str | None:
    """One line about an argument that holds bytes that are not UTF-8 (paths may: they are names)."""
    for key, label in TEXT_ARGUMENTS.items():
        value = getattr(args, key, None)
        m = _LONE_SURROGATE.search(value) if isinstance(value, str) else None
        if m:
            code = ord(m.group())
            byte = f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            return f"{label} is not text: {byte} at character {m.start() + 1} is not UTF-8"
    return None


def _store_arg(parser, top: bool = False) -> None:
    import argparse

    # Subcommands must not reset a --store given before the command name.
    parser.add_argument("--store", metavar="STORE", default=None if top else argparse.SUPPRESS,
                        help="store folder to read (default: the bundled store of the seed articles)")


def make_parser(only: str | None = None):
    """The parser (argparse) of every command, or with `only` of that one alone (argparse takes a
    millisecond or more per subcommand to set up: a fresh `fuente search` need not pay for all)."""
    def want(name: str) -> bool:
        return only is None or only == name

    parser = _parser_class()(
        prog="fuente",
        description="Explore a news corpus from the terminal: countries, events, claims and search, "
                    "each one keystroke from its source passage. Without a command, opens the app.",
        epilog="Examples: fuente · fuente index ~/articles --out ~/articles.store · "
               "fuente search 'sanciones -Irán' --json · fuente claims --country BR",
    )
    _store_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    if want("index"):
        p = sub.add_parser("index", help="build a store from files and folders (.txt, .md), atomically")
        p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders, searched recursively")
        p.add_argument("--out", required=True, metavar="STORE", help="store folder to create or replace")
        p.add_argument("--focus", metavar="COUNTRY",
                       help="country the stance claims are toward, a code or a name (default: what the documents "
                            "are about)")
        p.add_argument("--follow-links", action="store_true",
                       help="follow symbolic links (each folder entered once)")
        p.add_argument("--max-bytes", type=count, default=20_000_000, metavar="N",
                       help="skip files larger than N bytes (default 20,000,000)")
        p.add_argument("--rebuild", action="store_true",
                       help="ignore the store's previous generation: read every file again (repairs a damaged store)")
        p.add_argument("--cluster", metavar="ADDRESS",
                       help="extract on a Dask cluster: a scheduler's address (tcp://HOST:8786) or local[:N] for N "
                            "worker processes here; the same store (needs pip install -e '.[cluster]')")
        p.add_argument("--quiet", action="store_true", help="print nothing but errors")

    if want("search"):
        p = sub.add_parser("search", help="ranked passages matching a query")
        p.add_argument("query", metavar="QUERY", nargs="*",
                       help='words, "phrases", a OR b, -word or NOT word, pref*, word~1, "a b"~N, '
                            'country:RU lang:es doc:ID date:2025-12..2026-01 (a query starting with - needs no --)')
        _store_arg(p)
        p.add_argument("--limit", type=count, default=20, metavar="N", help="at most N hits (default 20)")
        p.add_argument("--since", metavar="DATE",
                       help="only articles published on DATE or later (YYYY[-MM[-DD]], inclusive); with date: in "
                            "the query, both apply")
        p.add_argument("--until", metavar="DATE", help="only articles published on DATE or earlier (inclusive)")
        p.add_argument("--json", action="store_true", help="print a JSON list of hits")
        p.add_argument("--saved", metavar="NAME", help="run the search saved under NAME in the app (S)")

    for name, what in (("countries", "countries and blocs with mention counts and stances"),
                       ("events", "dated events, oldest first"),
                       ("claims", "stance claims with their sources")):
        if want(name):
            p = sub.add_parser(name, help=what)
            _store_arg(p)
            p.add_argument("--country", metavar="COUNTRY",
                           help="only this country: ISO code, bloc code or name (RU, EU, Rusia, Russia)")
            if name != "events":
                p.add_argument("--toward", metavar="COUNTRY",
                               help="stances toward this country instead of the store's focus (code or name)")
            p.add_argument("--since", metavar="DATE",
                           help="only what is dated DATE or later (YYYY[-MM[-DD]]): an event by its own date, "
                                "the rest by its article's publication date")
            p.add_argument("--until", metavar="DATE", help="only what is dated DATE or earlier (inclusive)")
            if name == "claims":
                p.add_argument("--sort", choices=("corpus", "date"), default="corpus",
                               help="corpus order (default) or by the article's date, oldest first, undated last")
            p.add_argument("--json", action="store_true", help="print JSON")

    if want("show"):
        p = sub.add_parser("show", help="a document, or one passage of it (DOC:START-END), as plain text")
        p.add_argument("ref", metavar="DOC[:START-END]", help="document id, id prefix or file name")
        _store_arg(p)
        p.add_argument("--raw", action="store_true",
                       help="print the text exactly as stored, control characters and all (for a file, not a terminal)")

    if want("export"):
        p = sub.add_parser("export", help="the whole index as one JSON object, or as CSV or Markdown tables")
        _store_arg(p)
        p.add_argument("--format", choices=("json", "csv", "md"), default="json",
                       help="json: one object (schema 1); csv: one stream, each table after a row '# table: NAME'; "
                            "md: a Markdown table per kind (documents, countries, events, claims, relations, mentions)")
        p.add_argument("--country", metavar="COUNTRY", help="csv, md: only this country (code or name)")
        p.add_argument("--since", metavar="DATE", help="csv, md: documents and events dated DATE or later (YYYY[-MM[-DD]])")
        p.add_argument("--until", metavar="DATE", help="csv, md: dated DATE or earlier")

    if want("verify"):
        p = sub.add_parser("verify",
                           help="check the indexed files on disk and the store itself against what was indexed")
        _store_arg(p)
        p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _open(args):
    from store import open_store

    return open_store(args.store)


def _print_json(data) -> None:
    # Exact JSON; the characters a terminal would obey (C1, bidi) written as \u escapes.
    sys.stdout.write(json_for_terminal(json.dumps(data, ensure_ascii=False, indent=1)))
    sys.stdout.write("\n")


def _out(text: str, raw: bool = False) -> None:
    # Neutralized in a pipe too: `fuente show x | less -R`, or `| cat` in a terminal, would obey escapes.
    sys.stdout.write(text if raw else neutralize(text))


def cmd_index(args) -> int:
    from store.build import build_store
    from store.reader import summarize_skipped

    from .progress import BuildProgress

    with BuildProgress(enabled=not args.quiet and sys.stderr.isatty()) as bar:
        report = build_store(args.paths, args.out, follow_links=args.follow_links, max_bytes=args.max_bytes,
                             focus=_country_arg(args.focus), progress=bar.update,
                             update=not args.rebuild, cluster=args.cluster)
    for s in report.skipped:
        print(f"warning: {neutralize(str(s))}", file=sys.stderr)
    if report.note:
        print(f"note: {neutralize(report.note)}", file=sys.stderr)
    if not args.quiet:
        took = sum(report.seconds.values())
        print(f"indexed {plural(report.documents, 'document')} ({plural(report.passages, 'passage')}, "
              f"{plural(report.mentions, 'mention')}, {plural(report.events, 'event')}, "
              f"{plural(report.claims, 'claim')}, {plural(report.countries, 'country')}) into {neutralize(args.out)} "
              f"in {took:.1f}s; {summarize_skipped(report.skipped)}", file=sys.stderr)
    if report.documents == 0:
        print("error: no text files found to index", file=sys.stderr)
        return EXIT_ERROR
    return 0


HIT_FIELDS = ("doc", "file", "start", "end", "score", "snippet", "highlights", "title")


def cmd_search(args) -> int:
    query = " ".join(args.query)
    saved = getattr(args, "saved", None)
    if saved is not None:
        if query:
            raise FuenteError("give a QUERY or --saved NAME, not both")
        query = saved_query(args.store, saved)
    elif not query:
        raise FuenteError("nothing to search for: give a QUERY or --saved NAME")
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since is not None or until is not None:
        from store.period import check_bounds

        since, until = check_bounds(since, until)
    store = _open(args)
    limit = max(args.limit, 0)
    hits = store.search(query, limit=limit, since=since, until=until)
    notes = getattr(hits, "notes", None)
    if notes:  # the query cannot run as typed (an unknown country, a date: that is no period): say why, fail
        raise FuenteError(notes[0])
    if len(hits) >= limit:
        # Cut at --limit: say so, and how many there are (stderr: stdout stays the hits alone).
        total = store.search_count(query, since=since, until=until)
        if total > len(hits):
            print(f"{len(hits):,} of {plural(total, 'passage')} (use --limit)", file=sys.stderr)
    if args.json:
        _print_json([{k: h.get(k) for k in HIT_FIELDS} for h in hits])
        return 0
    from .tables import print_hits

    print_hits(store, hits)
    return 0


def saved_query(store_path, name: str) -> str:
    """The query saved under `name` for this store; an unknown name is one line listing the saved ones."""
    from .workbench import Workbench

    saved = Workbench(store_path).saved()
    if name not in saved:
        listed = ", ".join(saved) if saved else "none yet (save one in the app with S)"
        raise FuenteError(f"no saved search {name!r}; saved searches: {listed}")
    return saved[name]


def _country_arg(value: str | None) -> str | None:
    if value is None:
        return None
    from store.countries import resolve_country

    return resolve_country(value)  # UnknownCountry names the close ones


def cmd_table(args) -> int:
    from store.period import check_bounds

    code = _country_arg(args.country)
    toward = _country_arg(getattr(args, "toward", None))
    since, until = check_bounds(getattr(args, "since", None), getattr(args, "until", None))
    store = _open(args)
    if (since or until) and args.command != "events" and not any(store.published.values()):
        print(f"fuente: note: no article in {store.name} has a publication date, so none is in a period "
              "(events are dated by their own words)", file=sys.stderr)
    if args.command == "countries":
        rows = store.countries(toward=toward, since=since, until=until)  # the stance columns toward that target
        if code:
            rows = [r for r in rows if r["code"] == code]
    elif args.command == "events":
        rows = store.events(country=code, since=since, until=until)
    else:
        rows = store.claims(country=code, toward=toward, since=since, until=until)
        if getattr(args, "sort", "corpus") == "date":
            rows = store.by_article_date(rows)
    if args.json:
        if args.command == "claims":
            docs = {d["id"]: d for d in store.documents()}
            countries = {c["code"]: c for c in store.countries()}
            rows = [dict(r, citation=citation(store, r, docs, countries)) for r in rows]
        _print_json(rows)
        return 0
    from . import tables

    getattr(tables, f"print_{args.command}")(store, rows)
    return 0


def citation(store, record: dict, docs: dict[str, dict] | None = None,
             countries: dict[str, dict] | None = None) -> dict:
    """Where a quote comes from, in full: for citing it elsewhere (the app copies the same).
    `docs` (documents by id) and `countries` (by code) save reading them per record."""
    from .citation import citation_fields, citation_text
    from .target import target_code

    doc = (docs or {}).get(record["doc"]) or store.document(record["doc"])
    if countries is None:
        countries = {c["code"]: c for c in store.countries()}
    fields = citation_fields(record, doc, record.get("text"), countries, target_code(store, record))
    return dict(fields, text=citation_text(fields))


def cmd_show(args) -> int:
    store = _open(args)
    ref, _, span = args.ref.partition(":")
    doc = store.document(ref)
    text = doc["text"]
    if span:
        try:
            a, b = (int(x) for x in span.split("-", 1))
        except ValueError:
            raise FuenteError(f"bad passage {span!r}: expected START-END, e.g. {ref}:120-240") from None
        if not 0 <= a < b <= len(text):
            raise FuenteError(f"passage {a}-{b} is outside the document (0-{len(text)})")
        text = text[a:b]
    _out(text if text.endswith("\n") else text + "\n", raw=args.raw)
    return 0


def cmd_export(args) -> int:
    fmt = getattr(args, "format", "json")
    since, until, country = getattr(args, "since", None), getattr(args, "until", None), getattr(args, "country", None)
    if fmt == "json":
        if since or until or country:
            raise FuenteError("--country, --since and --until apply to --format csv and md (json is the whole index)")
        _print_json(_open(args).export())
        return 0
    from store.export import csv_text, index_tables, markdown
    from store.period import check_bounds

    code = _country_arg(country)
    since, until = check_bounds(since, until)
    store = _open(args)
    tables = index_tables(store, code, since, until)
    _out(markdown(tables, title=f"Fuente export of {store.name}") if fmt == "md" else csv_text(tables))
    return 0


def cmd_verify(args) -> int:
    from store.verify import verify

    store = _open(args)
    result = verify(store)
    whole = result["store"]["ok"]
    if args.json:
        _print_json(result)
    else:
        for row in result["documents"]:
            if row["status"] != "ok":
                why = f": {row['reason']}" if row.get("reason") else ""
                print(f"{row['status']}: {neutralize(row['file'])}{neutralize(why)} ({plural(row['claims'], 'claim')}, "
                      f"{plural(row['events'], 'event')}, {plural(row['mentions'], 'mention')} affected)")
        for problem in result["store"]["problems"]:
            print(f"damaged: {neutralize(problem)}")
        print(f"{result['ok']:,} of {plural(len(result['documents']), 'document')} unchanged since indexing; "
              + ("the store is as its build wrote it" if whole else
                 f"the store is damaged: rebuild it with: {neutralize(result['rebuild'])}"))
    return 0 if whole and result["ok"] == len(result["documents"]) else EXIT_ERROR


def cmd_app(args) -> int:
    from .app import make_app

    store_path = args.store
    make_app(store_path).run()
    return 0


def _say(line: str) -> None:
    """One line on stderr, which may be gone (SIGHUP: the terminal closed)."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


COMMANDS = {"index": cmd_index, "search": cmd_search, "countries": cmd_table, "events": cmd_table,
            "claims": cmd_table, "show": cmd_show, "export": cmd_export, "verify": cmd_verify}


# Options of `fuente search` (those taking a value, and flags): anything else is the query.
SEARCH_VALUES = ("--store", "--limit", "--saved", "--since", "--until")
SEARCH_FLAGS = ("--json", "-h", "--help")


def _command_at(argv: list[str]) -> int | None:
    """Where the command name stands in `argv` (after top-level options such as --store X), or None."""
    i = 0
    while i < len(argv):
        if argv[i] in ("-h", "--help", "--"):
            return None
        if not argv[i].startswith("-"):
            return i
        i += 2 if argv[i] == "--store" else 1
    return None


def query_words_last(argv: list[str]) -> list[str]:
    """`argv` with the words of a search query moved behind `--`, so a query may start with `-`.

    `fuente search '-Irán' --json` and `fuente search sanciones -Irán` are what a reader
    types; argparse would take `-Irán` for an option. Only the options `search` knows are
    options (given before or after the query); every other word belongs to the query.
    """
    i = _command_at(argv)
    if i is None or argv[i] != "search":
        return argv
    options, words = [], []
    rest = iter(argv[i + 1:])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
        elif arg in SEARCH_VALUES:
            options += [arg, next(rest, "")]
        elif arg in SEARCH_FLAGS or arg.split("=", 1)[0] in SEARCH_VALUES:
            options.append(arg)
        else:
            words.append(arg)
    return argv[:i + 1] + options + (["--", *words] if words else [])


# The options each read-only command takes: (name, takes a value). The everyday calls are read
# by `quick_args` without argparse, whose setup (translations looked up on disk, the help
# formatter) costs a fresh process about ten milliseconds; anything else goes to argparse.
QUICK = {"search": {"--store": True, "--limit": True, "--json": False, "--saved": True, "--since": True,
                    "--until": True},
         "countries": {"--store": True, "--country": True, "--toward": True, "--json": False},
         "events": {"--store": True, "--country": True, "--json": False},
         "claims": {"--store": True, "--country": True, "--toward": True, "--json": False},
         "show": {"--store": True, "--raw": False}, "export": {"--store": True, "--format": True},
         "verify": {"--store": True, "--json": False}}
POSITIONAL = {"search": "query", "show": "ref"}


def quick_args(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of a plain read-only command as argparse would give them, or None when
    argparse must look (help, an unknown option, a missing or bad value)."""
    at = _command_at(argv)
    if at is None or argv[at] not in QUICK:
        return None
    command, known = argv[at], QUICK[argv[at]]
    values: dict = {"command": command, "store": None}
    words: list[str] = []
    rest = iter(argv[:at] + argv[at + 1:])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name, eq, value = arg.partition("=")
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
        elif name in known and known[name]:
            value = value if eq else next(rest, None)
            if value is None:
                return None
            values[name[2:]] = value
        elif name in known and not eq:
            values[name[2:]] = True
        else:
            return None
    positional = POSITIONAL.get(command)
    if positional is None and words or positional is not None and not words:
        return None
    if command == "search":
        words, values["query"] = [], words
        values.setdefault("saved", None)
        values.setdefault("since", None)
        values.setdefault("until", None)
        try:
            values["limit"] = int(values.get("limit", 20))
        except ValueError:
            return None
        if values["limit"] < 0:
            return None  # argparse says why
    elif command == "show":
        if len(words) != 1:
            return None
        values["ref"] = words[0]
        values.setdefault("raw", False)
    if command == "export" and values.setdefault("format", "json") != "json":
        return None
    if "--json" in known:
        values.setdefault("json", False)
    if "--country" in known:
        values.setdefault("country", None)
    if "--toward" in known:
        values.setdefault("toward", None)
    return SimpleNamespace(**values)


def main(argv: list[str] | None = None) -> int:
    argv = query_words_last(list(sys.argv[1:] if argv is None else argv))
    args = quick_args(argv)
    if args is None:
        at = _command_at(argv)
        args = make_parser(argv[at] if at is not None and argv[at] in COMMANDS else None).parse_args(argv)
    handler = COMMANDS.get(args.command, cmd_app)
    bad = _not_text(args)
    if bad:
        print(f"fuente: {bad}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return handler(args)
    except FuenteError as exc:
        print(f"fuente: {neutralize(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except BuildInterrupted as exc:
        from pathlib import Path

        from store.storage import is_store

        _say(f"fuente: interrupted by {exc.name}: " + (
            "the new store was already written" if exc.committed else
            "the previous store is unchanged" if is_store(Path(args.out)) else "no store was written"))
        return 128 + exc.signum
    except KeyboardInterrupt:
        _say("fuente: interrupted")
        return 130
    except BrokenPipeError:
        # The reader of a pipe went away (`fuente export | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"fuente: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line, with the way to see more
        if os.environ.get("FUENTE_DEBUG"):
            raise
        print(f"fuente: internal error: {type(exc).__name__}: {exc} (run with FUENTE_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_ERROR
