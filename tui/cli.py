"""The command line: `fuente` opens the app; subcommands print the same tables for scripts.

Every command reads the store through `store.open_store`. Errors the store names
(missing store, corrupt store, wrong schema, bad input, a full disk) and bad arguments
become one line on stderr and a non-zero exit, never a traceback; a build stopped by
SIGINT, SIGTERM or SIGHUP says so in one line and exits 128 + the signal's number.
Article text reaches stdout with its control characters neutralized (`show --raw`
prints it as stored); `--json` output is exact.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from store.errors import BuildInterrupted, FuenteError

from .safe import json_for_terminal, neutralize

EXIT_ERROR = 1
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (usage is one `--help` away) and made harmless."""

    def error(self, message: str):
        print(f"fuente: {neutralize(message)} (see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def count(text: str) -> int:
    """A whole number of 0 or more, as an option's value (any size: the store caps what it means)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return value


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
TEXT_ARGUMENTS = {"query": "the query", "ref": "the document", "country": "--country", "focus": "--focus"}


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


def _store_arg(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # Subcommands must not reset a --store given before the command name.
    parser.add_argument("--store", metavar="STORE", default=None if top else argparse.SUPPRESS,
                        help="store folder to read (default: the bundled store of the seed articles)")


def make_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fuente",
        description="Explore a news corpus from the terminal: countries, events, claims and search, "
                    "each one keystroke from its source passage. Without a command, opens the app.",
        epilog="Examples: fuente · fuente index ~/articles --out ~/articles.store · "
               "fuente search 'sanciones -Irán' --json · fuente claims --country BR",
    )
    _store_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build a store from files and folders (.txt, .md), atomically")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders, searched recursively")
    p.add_argument("--out", required=True, metavar="STORE", help="store folder to create or replace")
    p.add_argument("--focus", metavar="CODE", help="country whose stance claims are about (default: most mentioned)")
    p.add_argument("--follow-links", action="store_true", help="follow symbolic links (each folder entered once)")
    p.add_argument("--max-bytes", type=count, default=20_000_000, metavar="N",
                   help="skip files larger than N bytes (default 20,000,000)")
    p.add_argument("--rebuild", action="store_true",
                   help="ignore the store's previous generation: read every file again (repairs a damaged store)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")

    p = sub.add_parser("search", help="ranked passages matching a query")
    p.add_argument("query", metavar="QUERY", help='words, "phrases", a OR b, -word, pref*, country:RU lang:es doc:ID')
    _store_arg(p)
    p.add_argument("--limit", type=count, default=20, metavar="N", help="at most N hits (default 20)")
    p.add_argument("--json", action="store_true", help="print a JSON list of hits")

    for name, what in (("countries", "countries and blocs with mention counts and stances"),
                       ("events", "dated events, oldest first"),
                       ("claims", "stance claims with their sources")):
        p = sub.add_parser(name, help=what)
        _store_arg(p)
        p.add_argument("--country", metavar="CODE", help="only this country (ISO code or bloc code)")
        p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("show", help="a document, or one passage of it (DOC:START-END), as plain text")
    p.add_argument("ref", metavar="DOC[:START-END]", help="document id, id prefix or file name")
    _store_arg(p)
    p.add_argument("--raw", action="store_true",
                   help="print the text exactly as stored, control characters and all (for a file, not a terminal)")

    p = sub.add_parser("export", help="the whole index as one JSON object")
    _store_arg(p)
    p.add_argument("--format", choices=("json",), default="json")

    p = sub.add_parser("verify", help="check the indexed files on disk and the store itself against what was indexed")
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
                             focus=args.focus.upper() if args.focus else None, progress=bar.update,
                             update=not args.rebuild)
    for s in report.skipped:
        print(f"warning: {neutralize(str(s))}", file=sys.stderr)
    if report.note:
        print(f"note: {neutralize(report.note)}", file=sys.stderr)
    if not args.quiet:
        took = sum(report.seconds.values())
        print(f"indexed {report.documents} documents ({report.passages} passages, {report.mentions} mentions, "
              f"{report.events} events, {report.claims} claims, {report.countries} countries) into "
              f"{neutralize(args.out)} in {took:.1f}s; {summarize_skipped(report.skipped)}", file=sys.stderr)
    if report.documents == 0:
        print("error: no text files found to index", file=sys.stderr)
        return EXIT_ERROR
    return 0


def cmd_search(args) -> int:
    store = _open(args)
    hits = store.search(args.query, limit=max(args.limit, 0))
    if args.json:
        docs = {d["id"]: d for d in store.documents()}
        _print_json([{k: h.get(k) for k in ("doc", "file", "start", "end", "score", "snippet", "highlights")}
                     | {"title": docs.get(h["doc"], {}).get("title")} for h in hits])
        return 0
    from .tables import print_hits

    print_hits(store, hits)
    return 0


def cmd_table(args) -> int:
    store = _open(args)
    code = args.country.upper() if args.country else None
    if args.command == "countries":
        rows = store.countries()
        if code:
            rows = [r for r in rows if r["code"] == code]
    elif args.command == "events":
        rows = store.events(country=code)
    else:
        rows = store.claims(country=code)
    if args.json:
        if args.command == "claims":
            rows = [dict(r, citation=citation(store, r)) for r in rows]
        _print_json(rows)
        return 0
    from . import tables

    getattr(tables, f"print_{args.command}")(store, rows)
    return 0


def citation(store, record: dict) -> dict:
    """Where a quote comes from, in full: for citing it elsewhere."""
    doc = next(d for d in store.documents() if d["id"] == record["doc"])
    return {"quote": record.get("text"), "title": doc["title"], "file": doc["file"], "date": doc.get("published"),
            "url": doc.get("url"), "doc": doc["id"], "start": record["start"], "end": record["end"]}


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
    _print_json(_open(args).export())
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
                print(f"{row['status']}: {neutralize(row['file'])}{neutralize(why)} ({row['claims']} claims, "
                      f"{row['events']} events, {row['mentions']} mentions affected)")
        for problem in result["store"]["problems"]:
            print(f"damaged: {neutralize(problem)}")
        print(f"{result['ok']} of {len(result['documents'])} documents unchanged since indexing; "
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


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
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
