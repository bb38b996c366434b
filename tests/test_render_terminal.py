"""The terminal report never trusts document text: markup, escapes and controls are shown, not obeyed.

Every report here is built by hand (no spaCy), with hostile strings planted in each field a
document or a file name can reach, and rendered on a fixed-width console writing to a string,
once as a colour terminal and once as plain (piped) output.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType

from docscan.batch import Summary
from docscan.errors import NotTextError
from docscan.model import (
    BlockVerdict,
    Document,
    Entities,
    Entity,
    EntityGroup,
    Markup,
    Mention,
    Passage,
    Readability,
    Report,
    Section,
    SectionKind,
    Segment,
    SegmentKind,
    Stats,
)
from docscan.pipeline import failure
from docscan.render.terminal import render_error, render_explain, render_report, render_summary, safe_text
from docscan.render.visible import visible

CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home
TITLE = "\x1b]0;pwned\x07"  # set the window title
LINK = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # an OSC 8 hyperlink
C1_CSI = "\x9b31m"  # the one-byte CSI form
BIDI = "\u202eevil\u202c"  # right-to-left override
MARKUP = "[link=file:///etc/passwd]secrets[/link] [bold red]shout[/] [/]"
HOSTILE = f"{MARKUP} {CLEAR}{TITLE}{LINK}{C1_CSI}{BIDI} back\rspace\x08 \ud800"
PLANTED = [CLEAR, TITLE, LINK, "\x1b]", "\x9b", "\u202e", "\r", "\x08"]


def _report(path: str = f"notes{CLEAR}[/].txt") -> Report:
    text = "Title line\nBody text.\n"
    doc = Document(
        path=path,
        text=text,
        encoding="utf-8",
        bytes=len(text),
        sha256="0" * 64,
        markup=Markup.PLAIN,
        line_starts=(0, 11),
        warnings=(f"planted {HOSTILE}",),
    )
    mention = Mention(HOSTILE, 0, 5, 1)
    entity = Entity(HOSTILE, EntityGroup.COUNTRIES, "[b]X", 1, (HOSTILE,), (mention,), (HOSTILE,))
    person = Entity(HOSTILE, EntityGroup.PEOPLE, None, 1, (), (mention,))
    grade = Readability(50.0, 9.0, 10.0, None, 8.0, 7.0, 6.0, "9th grade", ("SMOG needs at least 3 sentences: not computed",))
    return Report(
        path=path,
        document=doc,
        segments=(
            Segment(SegmentKind.UNRELATED, 1, 1, 0, 10, 0.9, f"reason {HOSTILE}", f"preview {HOSTILE}"),
            Segment(SegmentKind.MAIN, 2, 2, 11, 21, 0.8, "main", "Body"),
        ),
        verdicts=(BlockVerdict(0, 1, 1, 0.9, 0.5, True, f"why {HOSTILE}", (("x", 1.0),)),),
        stats=Stats(words=1, sentences=1, paragraphs=1, reading_time_seconds=1.0),
        sections=(
            Section(HOSTILE, 1, SectionKind.HEADING, 1, 2, 0, 21, words=1),
            Section(HOSTILE, 2, SectionKind.LEAD_IN, 2, 2, 11, 21, words=2, readability=grade),
        ),
        entities=Entities(countries=(entity,), people=(person,)),
        readability=grade,
        hardest=(Passage(2, 2, 11, 21, 12.0, 40, f"hard {HOSTILE}"),),
    )


def _render(renderable: RenderableType, *, terminal: bool) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=100, force_terminal=terminal, color_system="truecolor" if terminal else None,
        highlight=False, legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def _views() -> list[RenderableType]:
    summary = Summary()
    summary.add(_report())
    summary.add(failure(f"bad{CLEAR}.txt", NotTextError(f"binary {MARKUP}", path="x", hint=f"hint {LINK}")))
    summary.finish()
    return [render_report(_report()), render_explain(_report().verdicts), render_summary(summary)]


@pytest.mark.parametrize("terminal", [True, False], ids=["colour-terminal", "piped"])
def test_planted_markup_and_escapes_are_shown_not_obeyed(terminal: bool) -> None:
    for view in _views():
        out = _render(view, terminal=terminal)
        for planted in PLANTED:
            assert planted not in out, repr(planted)
        assert "\x1b]8;" not in out  # no hyperlink of any kind
        if not terminal:
            assert "\x1b" not in out  # piped output carries no escape sequence at all
        out.encode("utf-8")  # a lone surrogate would make the real stdout raise


def test_report_shows_the_hostile_text_literally() -> None:
    out = _render(render_report(_report()), terminal=False)
    assert "[link=file:///etc/passwd]secrets[/link]" in out
    assert "[bold red]shout[/]" in out
    assert "␛[2J" in out and "␛]0;pwned␇" in out  # control pictures
    assert "\\x9b31m" in out and "\\u202eevil" in out and "\\ud800" in out
    assert "notes␛[2J␛[H[/].txt" in out  # the file name in the title


def test_unbalanced_closing_tag_in_a_file_name_does_not_crash() -> None:
    report = failure("[/]odd[/bold].txt", NotTextError("binary [/]", path="x", hint="[/] hint"))
    out = _render(render_error(report), terminal=True)
    assert "[/]odd[/bold].txt" in out and "[/] hint" in out


def test_pluralisation_and_sentence_note() -> None:
    out = _render(render_report(_report()), terminal=False)
    assert "2 lines" in out and "1 sentence " in out and "1 word " in out and "1 paragraph " in out
    assert "(1 lines)" not in out and "1 words" not in out
    assert "spaCy's sentence segmenter" in out  # why the header's count and the SMOG warning differ


VISIBLE = [
    ("plain", "Hello, world", "Hello, world"),
    ("escape", "a\x1b[31mb", "a␛[31mb"),
    ("bell and backspace", "a\x07\x08", "a␇␈"),
    ("carriage return", "a\rb", "a␍b"),
    ("delete", "a\x7fb", "a␡b"),
    ("c1 csi", "a\x9bb", "a\\x9bb"),
    ("bidi", "a\u202eb\u2066c", "a\\u202eb\\u2066c"),
    ("surrogate", "a\udc80b", "a\\udc80b"),
    ("tab kept", "a\tb", "a\tb"),
]


@pytest.mark.parametrize(("name", "raw", "shown"), VISIBLE, ids=[c[0] for c in VISIBLE])
def test_visible(name: str, raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_newlines_kept_or_shown() -> None:
    assert visible("a\nb") == "a\nb"
    assert visible("a\nerror: forged", newlines=False) == "a␊error: forged"
    assert safe_text("a\nb").plain == "a␊b"
    assert safe_text("[b]x[/b]").plain == "[b]x[/b]"
