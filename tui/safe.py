"""Making article text safe for a terminal: text is data, never control sequences.

Three uses, three functions: `neutralize` for plain text printed to a terminal
(`fuente show`, tables), `same_length` for text the app renders with offsets that
must stay valid (excerpts, snippets, titles), and `json_for_terminal` for JSON that
must stay exact yet cannot drive the terminal it is printed on.
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x80-0x9f: CSI is 0x9b), the bidi
# embeddings, overrides and isolates (they reorder what is shown: "Trojan Source"), and
# the line/paragraph separators, which some terminals treat as line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# What JSON leaves raw but a terminal may obey (json.dumps already escapes C0 controls).
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(ch: str) -> str:
    """A visible stand-in for one control character: ␛ for ESC, \\x9b for CSI, \\u202e for RLO."""
    code = ord(ch)
    if code in (0x2028, 0x2029):
        return "\n"  # a line or paragraph separator: shown as the line break it means
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    if code == 0x7F:
        return "␡"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def neutralize(text: str) -> str:
    """`text` with every control character replaced by a visible stand-in of the same meaning.

    Keeps newlines and tabs. ESC becomes ␛, so an ANSI colour code, an OSC 8 link or
    an OSC 52 clipboard write inside an article shows as text and does nothing.
    Carriage returns are shown too, unless they end a line (CRLF files read normally).
    """
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(lambda m: visible(m.group()), text)


def same_length(text: str) -> str:
    """`text` with each control character replaced by one visible character (offsets stay valid)."""
    text = re.sub(r"\r(?=\n)", " ", text)  # a CRLF line end shows as a plain line end
    return _CONTROL.sub(_one_visible, text)


def _one_visible(m: re.Match) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return " " if code in (0x2028, 0x2029) else "�"


def json_for_terminal(serialized: str) -> str:
    """Serialized JSON with the characters a terminal may obey written as \\uXXXX escapes.

    The JSON means exactly the same (a parser reads the same strings back), but a
    C1 CSI (U+009B) or a bidi override inside an article no longer reaches the terminal
    raw. These characters can only occur inside JSON strings, so a plain substitution
    over the whole text is safe.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", serialized)
