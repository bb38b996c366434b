"""The rich terminal report; entry point: `render_report`.

Built for an 80-column terminal: a header, what was set aside and why, the outline as a tree,
entity tables, and readability with a plain-words reading of the scores. Colour and width come
from the Console the CLI passes in, which already honours NO_COLOR and a non-TTY stdout.

Document text and file names never reach rich as markup or as raw control characters: every
such string goes through `safe_text` (a `rich.text.Text`, which rich does not parse for markup,
with escapes and control characters made visible), table cells included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..model import BlockVerdict, Entities, Entity, Readability, Report, Section, SectionKind, Segment, SegmentKind
from .visible import visible

__all__ = [
    "DEFAULT_TOP_ENTITIES",
    "render_entity_explain",
    "render_error",
    "render_explain",
    "render_report",
    "render_summary",
    "safe_text",
]

if TYPE_CHECKING:
    from ..batch import Summary

DEFAULT_TOP_ENTITIES = 8
# The header counts spaCy's sentences; textstat's formulas count their own (readability.method),
# so a sentence warning can quote a number the header does not show.
SENTENCE_COUNTS_DIFFER = (
    "  The header's {} come from spaCy's sentence segmenter; the formulas count sentences by"
    " . ! ? and skip those of two words or fewer (textstat), so the two counts can differ."
)


def safe_text(text: str, style: str = "", *, one_line: bool = True) -> Text:
    """Untrusted text (from a document, a file name, an error message) as a rich Text: shown
    literally, never parsed as markup (`[link=...]`, `[/]`), with control characters, escape
    sequences and bidirectional overrides made visible (`visible`). Use it for every string that
    did not come from docscan itself, and give tables Text cells, never plain strings."""
    return Text(visible(text, newlines=not one_line), style=style)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def render_report(report: Report, *, top_entities: int | None = DEFAULT_TOP_ENTITIES) -> RenderableType:
    if not report.ok or report.document is None or report.stats is None:
        return render_error(report)
    parts: list[RenderableType] = [_header(report), _set_aside(report), _outline(report)]
    parts.append(_entities(report, top_entities))
    parts.append(_readability(report.readability, report.stats.sentences))
    if report.hardest:
        parts.append(_hardest(report))
    return Group(*[p for p in parts if p is not None])


def render_error(report: Report) -> RenderableType:
    err = report.error
    text = Text()
    text.append("error: ", style="bold red")
    text.append_text(safe_text(f"{report.path}: {err.message if err else 'unknown failure'}"))
    if err and err.hint:
        text.append("\nhint: ", style="dim")
        text.append_text(safe_text(err.hint, "dim"))
    return text


def _header(report: Report) -> RenderableType:
    doc, stats = report.document, report.stats
    assert doc is not None and stats is not None
    minutes, seconds = divmod(round(stats.reading_time_seconds), 60)
    body = Text()
    body.append(f"{_plural(doc.lines, 'line')} · {_plural(doc.bytes, 'byte')} · ")
    body.append_text(safe_text(doc.encoding))
    if doc.markup.value != "plain":
        body.append(f" · {doc.markup.value}")
    body.append(
        f"\n{_plural(stats.words, 'word')} · {_plural(stats.sentences, 'sentence')} · "
        f"{_plural(stats.paragraphs, 'paragraph')} · reading time {minutes}m {seconds:02d}s"
    )
    for warning in doc.warnings:
        body.append("\n⚠ ", style="yellow")
        body.append_text(safe_text(warning, "yellow"))
    return Panel(body, title=safe_text(report.path, "bold"), title_align="left", border_style="cyan")


# Beyond this many set-aside segments (a whole web page's furniture), the report lists categories
# (lines, a preview) instead of one row per segment; `--explain` still shows every block.
GROUP_SEGMENTS = 8


def _set_aside(report: Report) -> RenderableType:
    unrelated = [s for s in report.segments if s.kind is SegmentKind.UNRELATED]
    if not unrelated:
        return Text("Set aside: nothing — the whole text reads as one document.\n", style="green")
    if len(unrelated) > GROUP_SEGMENTS:
        return _set_aside_by_category(unrelated)
    table = Table(title="Set aside as unrelated", title_justify="left", expand=True, show_lines=False)
    table.add_column("Lines", no_wrap=True, style="magenta")
    table.add_column("Why", ratio=2)
    table.add_column("Text", ratio=3, style="dim")
    table.add_column("Score", justify="right", no_wrap=True)
    for s in unrelated:
        lines = f"{s.start_line}" if s.start_line == s.end_line else f"{s.start_line}–{s.end_line}"
        table.add_row(lines, safe_text(s.reason), safe_text(s.preview), f"{s.score:.2f}")
    return table


def _set_aside_by_category(unrelated: list[Segment]) -> RenderableType:
    groups: dict[str, list[Segment]] = {}
    for s in unrelated:
        groups.setdefault(s.category or "other", []).append(s)
    total = sum(s.end_line - s.start_line + 1 for s in unrelated)
    table = Table(
        title=Text(f"Set aside as unrelated: {len(unrelated)} segments, {total} lines (--explain lists every block)"),
        title_justify="left",
        expand=True,
    )
    table.add_column("Category", no_wrap=True, style="magenta")
    table.add_column("Lines", justify="right", no_wrap=True)
    table.add_column("Segments", justify="right", no_wrap=True)
    table.add_column("Preview", ratio=1, style="dim")
    ranked = sorted(groups.items(), key=lambda kv: -sum(s.end_line - s.start_line + 1 for s in kv[1]))
    for category, segs in ranked:
        lines = sum(s.end_line - s.start_line + 1 for s in segs)
        shown = " · ".join(s.preview for s in segs[:3])
        table.add_row(safe_text(category), str(lines), str(len(segs)), safe_text(shown))
    return table


def _outline(report: Report) -> RenderableType:
    if not report.sections:
        return Text("Outline: no headings found.\n", style="dim")
    tree = Tree(Text("Outline", style="bold"))
    stack: list[tuple[int, Tree]] = [(0, tree)]
    for s in report.sections:
        while len(stack) > 1 and stack[-1][0] >= s.level:
            stack.pop()
        label = Text()
        if s.kind is SectionKind.LEAD_IN:
            label.append_text(safe_text(s.title, "italic"))
            label.append(":", style="italic")
        else:
            label.append_text(safe_text(s.title, "bold"))
        label.append(f"  line {s.start_line} · {_plural(s.words, 'word')}", style="dim")
        if s.readability is not None and s.readability.flesch_kincaid_grade is not None:
            label.append(f" · grade {s.readability.flesch_kincaid_grade:.1f}", style="dim")
        node = stack[-1][1].add(label)
        stack.append((s.level, node))
    return tree


def _entities(report: Report, top: int | None) -> RenderableType:
    groups = [(g.value.capitalize(), items) for g, items in report.entities.groups() if items]
    if not groups:
        return Text("Entities: none found.\n", style="dim")
    tables: list[RenderableType] = []
    for title, items in groups:
        table = Table(title=Text(f"{title} ({len(items)})"), title_justify="left", expand=True)
        table.add_column("Name", ratio=3)
        if title == "Countries":
            table.add_column("Code", no_wrap=True)
        table.add_column("Count", justify="right", no_wrap=True)
        table.add_column("Also written", ratio=3, style="dim")
        shown = items if top is None else items[:top]
        for e in shown:
            row = [safe_text(e.name)] + ([safe_text(e.code or "—")] if title == "Countries" else [])
            row += [Text(str(e.count)), safe_text(_aliases(e))]
            table.add_row(*row)
        if top is not None and len(items) > top:
            table.caption = f"{len(items) - top} more: use --entities all"
        tables.append(table)
    return Group(*tables)


def _aliases(e: Entity) -> str:
    return ", ".join(e.aliases) if e.aliases else ""


def _interpret(fre: float | None, grade: float | None) -> str:
    if fre is None:
        return "not enough text to judge"
    if fre >= 80:
        band = "easy: conversational English"
    elif fre >= 60:
        band = "plain English: most adults read it comfortably"
    elif fre >= 50:
        band = "fairly difficult: high-school level"
    elif fre >= 30:
        band = "difficult: college level"
    else:
        band = "very difficult: graduate level, long sentences and long words"
    return band if grade is None else f"{band} (about grade {grade:.0f})"


def _readability(r: Readability | None, sentences: int | None = None) -> RenderableType:
    if r is None:
        return Text("Readability: not computed.", style="dim")
    table = Table(title="Readability of the main text", title_justify="left", expand=True)
    table.add_column("Measure", ratio=3)
    table.add_column("Score", justify="right", ratio=1)
    table.add_column("Better", ratio=1, style="dim")
    rows = [
        ("Flesch reading ease", r.flesch_reading_ease, "higher"),
        ("Flesch-Kincaid grade", r.flesch_kincaid_grade, "lower"),
        ("Gunning fog", r.gunning_fog, "lower"),
        ("SMOG", r.smog_index, "lower"),
        ("Coleman-Liau", r.coleman_liau_index, "lower"),
        ("Automated readability", r.automated_readability_index, "lower"),
        ("Dale-Chall", r.dale_chall, "lower"),
    ]
    for name, value, better in rows:
        table.add_row(name, "—" if value is None else f"{value:.1f}", better)
    table.add_row("Consensus", r.text_standard or "—", "")
    notes = [Text(_interpret(r.flesch_reading_ease, r.flesch_kincaid_grade), style="bold")]
    notes += [safe_text(f"⚠ {w}", "yellow") for w in r.warnings]
    if sentences is not None and any("sentence" in w for w in r.warnings):
        notes.append(Text(SENTENCE_COUNTS_DIFFER.format(_plural(sentences, "sentence")), style="dim"))
    return Group(table, *notes)


def _hardest(report: Report) -> RenderableType:
    table = Table(title="Hardest paragraphs (start here)", title_justify="left", expand=True)
    table.add_column("Lines", no_wrap=True, style="magenta")
    table.add_column("Grade", justify="right", no_wrap=True)
    table.add_column("Text", ratio=1, style="dim")
    for p in report.hardest:
        lines = f"{p.start_line}" if p.start_line == p.end_line else f"{p.start_line}–{p.end_line}"
        table.add_row(lines, f"{p.grade:.1f}", safe_text(p.preview))
    return table


def render_explain(verdicts: tuple[BlockVerdict, ...], sections: tuple[Section, ...] = ()) -> RenderableType:
    """Per-block evidence of the unrelated-content split, and the rule behind each heading and
    lead-in of the outline, for `--explain`."""
    table = Table(title="Why each block was kept or set aside", title_justify="left", expand=True)
    table.add_column("Lines", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Evidence", ratio=1)
    for v in verdicts:
        lines = f"{v.start_line}" if v.start_line == v.end_line else f"{v.start_line}–{v.end_line}"
        verdict = Text("set aside", style="red") if v.unrelated else Text("main", style="green")
        feats = " ".join(f"{k}={val:g}" for k, val in v.features)
        evidence = safe_text(f"{v.reason}\n{feats}".strip(), one_line=False)
        table.add_row(lines, f"{v.score:.2f}/{v.threshold:.2f}", verdict, evidence)
    if not sections:
        return table
    outline = Table(title="Why each line is a heading or a lead-in", title_justify="left", expand=True)
    outline.add_column("Line", no_wrap=True)
    outline.add_column("Title", ratio=1)
    outline.add_column("Rule", ratio=1)
    for s in sections:
        title = safe_text(f"{'  ' * (s.level - 1)}{s.title}")
        outline.add_row(str(s.start_line), title, safe_text(f"{s.kind.value}: {s.rule}"))
    return Group(table, outline)


def render_entity_explain(entities: Entities, *, top: int | None = DEFAULT_TOP_ENTITIES) -> RenderableType:
    """Why each entity got its group (the rules and evidence that decided it), for `--explain`."""
    table = Table(title="Why each entity has its type", title_justify="left", expand=True)
    table.add_column("Group", no_wrap=True)
    table.add_column("Name", ratio=2)
    table.add_column("Evidence", ratio=5)
    for group, items in entities.groups():
        for e in items if top is None else items[:top]:
            table.add_row(group.value, safe_text(e.name), safe_text("; ".join(e.why) or "—"))
    return table


def render_summary(s: Summary) -> RenderableType:
    """End-of-batch summary: outcomes, throughput, and what the corpus is about."""
    seconds = s.seconds
    rate = s.words / seconds if seconds > 0 else 0.0
    head = Text()
    head.append(f"{_plural(s.ok + s.failed + s.skipped, 'file')}: ", style="bold")
    head.append(f"{s.ok:,} ok", style="green")
    head.append(", ")
    head.append(f"{s.failed:,} failed", style="red" if s.failed else "")
    head.append(f", {s.skipped:,} skipped · {_plural(s.words, 'word')} in {seconds:.1f}s ({rate:,.0f} words/s)")
    parts: list[RenderableType] = [head]
    table = Table(title="Across documents", title_justify="left", expand=True)
    table.add_column("Group", no_wrap=True)
    table.add_column("Most frequent (documents)", ratio=1)
    for group in ("countries", "organizations", "people"):
        top = s.top(group, 6)
        if top:
            table.add_row(group.capitalize(), safe_text(", ".join(f"{name} ({d})" for name, d, _ in top)))
    fre = s.quantiles(s.reading_ease)
    if fre:
        table.add_row(
            "Reading ease",
            f"median {fre['median']:.1f} (p25 {fre['p25']:.1f}, p75 {fre['p75']:.1f};"
            f" min {fre['min']:.1f}, max {fre['max']:.1f})",
        )
    aside = s.most_set_aside()
    if aside:
        table.add_row("Most set aside", safe_text(", ".join(f"{p} ({_plural(n, 'line')})" for p, n in aside)))
    if table.row_count:
        parts.append(table)
    if s.failures:
        shown = ", ".join(s.failures[:5]) + (" …" if len(s.failures) > 5 else "")
        parts.append(safe_text(f"failed: {shown}", "red"))
    return Group(*parts)
