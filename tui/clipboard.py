"""Copying text out of the terminal app, and saying truly where it went.

The system clipboard when a tool for it is installed (wl-copy, xclip, xsel, pbcopy, clip.exe,
termux-clipboard-set); otherwise an OSC 52 sequence, which many terminals ignore without a
word, so the text is also written to a file under the user's data folder.

FUENTE_CLIPBOARD overrides the choice: a command that reads the text on its standard input
("xclip -selection primary"), or "osc52" for no tool at all.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# (tool, its arguments, the environment variable that says it can work here, or None)
TOOLS = [
    ("wl-copy", [], "WAYLAND_DISPLAY"),
    ("xclip", ["-selection", "clipboard"], "DISPLAY"),
    ("xsel", ["--clipboard", "--input"], "DISPLAY"),
    ("pbcopy", [], None),
    ("clip.exe", [], None),
    ("termux-clipboard-set", [], None),
]
FILE_NAME = "last-copied.txt"


@dataclass
class Copied:
    """How a copy went: `tool` names the clipboard tool used, else `path` is the file written."""

    tool: str | None = None
    path: Path | None = None

    def notice(self, what: str = "Citation") -> str:
        if self.tool:
            return f"{what} copied to the clipboard ({self.tool})"
        where = f" and saved to {self.path}" if self.path else ""
        return (f"{what} sent to the terminal's clipboard (OSC 52: only if the terminal allows it){where}; "
                f"no clipboard tool found (xclip, wl-copy, pbcopy)")


def data_dir(env: dict | None = None) -> Path:
    """Where Fuente keeps the user's files: $FUENTE_DATA_DIR if set, else $XDG_DATA_HOME/fuente,
    ~/.local/share/fuente and the like (Application Support on macOS, %APPDATA% on Windows)."""
    env = os.environ if env is None else env
    if env.get("FUENTE_DATA_DIR"):
        return Path(env["FUENTE_DATA_DIR"])
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]) / "fuente"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "fuente"
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "fuente"
    return Path(env.get("HOME") or Path.home()) / ".local" / "share" / "fuente"


def find_tool(env: dict | None = None) -> list[str] | None:
    """The command of the first clipboard tool that can work here, or None."""
    env = os.environ if env is None else env
    chosen = env.get("FUENTE_CLIPBOARD", "").strip()
    if chosen:
        return None if chosen.lower() == "osc52" else shlex.split(chosen)
    for tool, args, needs in TOOLS:
        if needs and not env.get(needs):
            continue
        path = shutil.which(tool, path=env.get("PATH"))
        if path:
            return [path, *args]
    return None


def copy(text: str, osc52: Callable[[str], None], env: dict | None = None) -> Copied:
    """Put `text` on the clipboard by the best way there is; what was done."""
    env = os.environ if env is None else env
    command = find_tool(env)
    if command:
        try:
            done = subprocess.run(command, input=text.encode("utf-8"), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=3, env=dict(env))
            if done.returncode == 0:
                return Copied(tool=Path(command[0]).name)
        except (OSError, subprocess.SubprocessError):
            pass  # the tool is there but cannot reach a clipboard: fall back
    osc52(text)
    path: Path | None = data_dir(env) / FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError:
        path = None
    return Copied(path=path)
