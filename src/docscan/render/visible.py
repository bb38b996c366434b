"""Text from documents and file names made safe to show on a terminal; entry point: `visible`.

A document (or a file name) can carry escape sequences that clear the screen, set the window
title or plant hyperlinks (ANSI CSI and OSC, also as the one-byte C1 forms), carriage returns
and backspaces that overwrite what was printed, and bidirectional overrides that reorder it.
None of these may reach the terminal, piped or not: each becomes something a reader can see.
This module imports nothing, so the command line can use it for error lines without rich.
"""

from __future__ import annotations

__all__ = ["visible"]

# C0 controls become their Unicode "control pictures" (U+2400 + code: ESC shows as ␛), DEL as ␡.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
# C1 controls (U+0080-U+009F; U+009B is a one-character CSI), bidirectional embeddings,
# overrides and isolates (which can make a line read differently from what it contains), and
# lone surrogates (which no output encoding can write) are shown as Python-style escapes. The
# left-to-right and right-to-left marks stay: Arabic and Hebrew text uses them and they reorder
# nothing beyond their neighbours.
_ESCAPED = {
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    **{code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)},
}
_MULTILINE = {**_PICTURES, **_ESCAPED}
del _MULTILINE[0x0A]  # newline
del _MULTILINE[0x09]  # tab
_ONE_LINE = {**_PICTURES, **_ESCAPED}
del _ONE_LINE[0x09]


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with every control character, bidirectional control and lone surrogate replaced by
    a visible stand-in; tabs are kept, newlines too unless `newlines` is False (one-line fields:
    an error line, a table cell, a title), so a file name cannot forge a second output line."""
    if text.isprintable():
        return text
    return text.translate(_MULTILINE if newlines else _ONE_LINE)
