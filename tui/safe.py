"""Making article text safe for a terminal: text is data, never control sequences."""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x80-0x9f: CSI is 0x9b) and the bidi overrides.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(ch: str) -> str:
    code = ord(ch)
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
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "�", text)
