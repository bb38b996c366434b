"""Hostile inputs and the checks they must pass; shared by tests/test_fuzz.py and bench/fuzz.py.

Inputs are built from the things that break text tools: control characters and ANSI/OSC escape
sequences, lone surrogates, Rich markup brackets, byte-order marks, NUL bytes, mixed newlines,
very long lines, Markdown/reStructuredText adornments, and raw bytes in several encodings. Every
check asserts the documented outcome: a valid report (validated against the JSON schema) or a
clean `InputError` / `error:`+`hint:` lines with exit status 3, never a traceback.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ESC_SEQUENCES = [
    "\x1b[2J", "\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\", "\x9b1m",
    "\x07", "\x08", "\x7f", "\x0c", "\x0b", "\u202e", "\u2066", "\u200b",
]  # fmt: skip
MARKUP = ["[/]", "[bold]", "[/bold]", "[link=file:///etc/passwd]", "[red]x[/red]", "[", "]", "[[", "\\[", ":smile:"]
STRUCTURE = [
    "\n", "\r\n", "\r", "\n\n", "\t", "# ", "## Heading\n", "===\n", "---\n", "```\n", ".. note::\n", "- ", "1. ",
    "Note: ", "Background: ", "  ", "|", "\u2028", "\x85",
]  # fmt: skip
WORDS = [
    "The", "harbour", "council", "said", "France", "Lisbon", "Acme Corp", "Maria Lopez", "U.S.", "e.g.", "1999",
    "don't", "café", "Grüße", "Москва", "東京", "😀", ".", ",", "!", "?", ":",
]  # fmt: skip
ODD = ["\x00", "\ufeff", "\ud800", "\udfff", "\ud83d", "\ufffd", "\uffff", "\U0010ffff", "\u0301"]

_piece = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(STRUCTURE),
    st.sampled_from(MARKUP),
    st.sampled_from(ESC_SEQUENCES),
    st.sampled_from(ODD),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=6),  # surrogates included
    st.tuples(st.sampled_from(WORDS), st.integers(1, 3000)).map(lambda t: (t[0] + " ") * t[1]),  # long lines
)
# A document: pieces joined, sometimes after a BOM.
texts = st.tuples(st.sampled_from(["", "", "\ufeff"]), st.lists(_piece, max_size=40)).map(
    lambda t: t[0] + "".join(t[1])
)


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="surrogatepass" if codec.startswith("utf") else "replace")


byte_docs = st.one_of(
    st.binary(max_size=400),
    st.tuples(texts, st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32", "latin-1", "cp1251"])).map(
        lambda t: _encode(*t)
    ),
    st.tuples(texts, st.binary(max_size=8), st.integers(0, 200)).map(
        lambda t: _encode(t[0], "utf-8")[: t[2]] + t[1] + _encode(t[0], "utf-8")[t[2] :]
    ),  # UTF-8 with a few stray bytes
    st.tuples(st.sampled_from([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]),
              st.binary(max_size=200)).map(lambda t: t[0] + t[1]),
)  # fmt: skip


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    data = resources.files("docscan").joinpath("data/report.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def make_pipeline(path: Path) -> str:
    """A rule-based English pipeline on disk (tokenizer, sentencizer, entity ruler): fast, offline,
    enough to exercise every stage after spaCy."""
    import spacy

    if not (path / "config.cfg").exists():
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(
            [
                {"label": "GPE", "pattern": "France"},
                {"label": "GPE", "pattern": "Lisbon"},
                {"label": "ORG", "pattern": [{"LOWER": "acme"}, {"LOWER": "corp"}]},
                {"label": "PERSON", "pattern": [{"LOWER": "maria"}, {"LOWER": "lopez"}]},
            ]
        )
        nlp.to_disk(path)
    return str(path)


def check_decode(data: bytes) -> None:
    """decode_bytes gives a consistent Document or an InputError with a hint."""
    from docscan.errors import InputError
    from docscan.loading import decode_bytes

    try:
        doc = decode_bytes(data, path="fuzz.txt")
    except InputError as exc:
        assert exc.hint and exc.exit_status == 3
        return
    assert doc.bytes == len(data) and "\r" not in doc.text and doc.text.strip()
    assert doc.line_starts[0] == 0 and all(doc.text[s - 1] == "\n" for s in doc.line_starts[1:])
    doc.text.encode("utf-8")  # no lone surrogate can come out of a decoder


def check_library(text: str, model: str) -> None:
    """analyze_text gives a report whose JSON is valid and whose offsets index the text, or an
    InputError; rendering it on a terminal emits no escape sequence from the document."""
    import jsonschema
    from rich.console import Console

    from docscan.errors import InputError
    from docscan.pipeline import Options, analyze_text
    from docscan.render.json import report_to_dict, report_to_json
    from docscan.render.terminal import render_explain, render_report

    try:
        report = analyze_text(text, path="fuzz[/].txt", options=Options(model=model))
    except InputError as exc:
        assert exc.hint
        return
    record = report_to_dict(report, explain=True)
    jsonschema.validate(record, schema())
    report_to_json(report).encode("utf-8")
    assert report.document is not None
    doc_text = report.document.text
    if "\r" not in text:  # offsets index the caller's string (newlines normalised otherwise)
        assert len(doc_text) == len(text)
        assert doc_text.startswith("\ufeff") == text.startswith("\ufeff")
    for _, items in report.entities.groups():
        for entity in items:
            for m in entity.mentions:
                assert doc_text[m.start_char : m.end_char] == m.text
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None, force_terminal=False)
    console.print(render_report(report))
    console.print(render_explain(report.verdicts))
    assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue()
    out.getvalue().encode("utf-8")


def check_cli(data: bytes, folder: Path, model: str, *, as_json: bool) -> None:
    """`docscan scan FILE` exits 0 with a valid report or 3 with error/hint lines; never a
    traceback, never an escape sequence from the document in the text report."""
    import jsonschema
    from typer.testing import CliRunner

    from docscan.cli import app

    target = folder / "doc.txt"
    target.write_bytes(data)
    args = ["scan", str(target), "--model", model, "-w", "1"] + (["--json"] if as_json else ["--explain"])
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 3), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    if result.exit_code == 3:
        lines = result.stderr.splitlines()
        assert len(lines) == 2 and lines[0].startswith(f"error: {target}: ") and lines[1].startswith("hint: ")
    if as_json:
        record = json.loads(result.stdout)
        jsonschema.validate(record, schema())
        assert record["ok"] is (result.exit_code == 0)
    else:
        assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
