"""Open a document's source: its URL in the browser, else its file in the pager at the passage.

The pager is $PAGER (default `less`); pagers known to take `+N` start at the passage's line.
The app suspends while the pager runs and comes back when it ends (App.suspend).
"""
from __future__ import annotations

import os
import shlex
from pathlib import Path

LINE_PAGERS = {"less", "more", "most", "vi", "vim", "nvim", "view", "nano", "emacs"}


def pager_command(path: str, line: int | None, env: dict | None = None) -> list[str]:
    """The command that shows `path` in the reader's pager, at `line` where the pager takes +N."""
    env = os.environ if env is None else env
    pager = shlex.split(env.get("PAGER") or "less") or ["less"]
    at = [f"+{line}"] if line and Path(pager[0]).name in LINE_PAGERS else []
    return [*pager, *at, path]


def line_of(text: str, offset: int | None) -> int:
    """The 1-based line `offset` falls on in `text`."""
    return text.count("\n", 0, max(0, offset or 0)) + 1


def open_source(app, store, doc_id: str, start: int | None) -> str:
    """Open document `doc_id` of `store`; what was done, as the notice says it."""
    import subprocess
    import webbrowser

    from store.verify import source_path

    doc = store.document(doc_id)
    url = doc.get("url")
    if url:
        if webbrowser.open(url):
            return f"opened {url} in the browser"
        return f"no browser could open {url}"
    path = source_path(store.path, doc)
    if path is None or not os.path.isfile(path):
        return f"the source file of {doc['file']} is not on disk ({path or 'no path recorded'})"
    command = pager_command(path, line_of(doc["text"], start))
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            done = subprocess.run(command)
    except SuspendNotSupported:
        return "this terminal cannot hand the screen to a pager"
    except OSError as exc:
        return f"cannot run {command[0]}: {exc.strerror or exc}"
    return f"{shlex.join(command)} exited with status {done.returncode}" if done.returncode else \
        f"back from {Path(command[0]).name}"
