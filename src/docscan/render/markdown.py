"""GitHub-flavoured Markdown reports for pull-request comments and wikis; entry point: `report_to_markdown`.

The report is data about a document, not the document: the outline, entity tables, a readability
table and what was set aside. Every string that came from the document (titles, names, reasons,
previews, the path) is escaped, so a heading like `<script>` or `[x](javascript:...)` shows as text
and cannot become markup, a link or raw HTML in the rendered comment.
"""

from __future__ import annotations

import re

from ..model import EntityGroup, Readability, Report, SectionKind, SegmentKind
from .visible import visible

__all__ = ["md_escape", "report_to_markdown"]

_GROUP_TITLES = {
    EntityGroup.COUNTRIES: "Countries",
    EntityGroup.ORGANIZATIONS: "Organizations",
    EntityGroup.PEOPLE: "People",
    EntityGroup.PLACES: "Places",
}
# Characters with a meaning in GitHub Markdown (emphasis, links, code, tables, headings, HTML,
# autolinks, strikethrough, footnotes); each is backslash-escaped in document text.
# Document text never starts a line of the report, so line-start markers (`-`, `1.`, `>`) need
# no escape; GFM's extended autolinks (`www.`, `scheme://`, `a@b.c`) are broken with a backslash.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&@])")
_AUTOLINK = re.compile(r"(?i)\b(www)\.|:(//)")


def md_escape(text: str) -> str:
    """Document text as inert Markdown: special characters backslash-escaped, autolinks broken,
    line breaks as spaces (a table cell or list item must stay on one line)."""
    escaped = _SPECIAL.sub(r"\\\1", visible(" ".join(text.split()), newlines=False))
    return _AUTOLINK.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else ":\\/\\/", escaped)


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report_to_markdown(report: Report, *, explain: bool = False) -> str:
    """One document's report as GitHub-flavoured Markdown; `explain` adds the evidence behind
    every judgement (the same named rules `--explain` shows on the terminal)."""
    path = " ".join(report.path.replace("`", "'").split())
    title = f"## docscan: `{path}`"
    if not report.ok or report.document is None or report.stats is None:
        err = report.error
        lines = [title, "", f"**error:** {md_escape(err.message if err else 'not analyzed')}"]
        if err and err.hint:
            lines.append(f"\n*hint:* {md_escape(err.hint)}")
        return "\n".join(lines) + "\n"
    doc, stats, r = report.document, report.stats, report.readability
    minutes, seconds = divmod(round(stats.reading_time_seconds), 60)
    out = [
        title,
        "",
        f"{doc.lines:,} lines · {doc.bytes:,} bytes · {md_escape(doc.encoding)} · {stats.words:,} words · "
        f"{stats.sentences:,} sentences · reading time {minutes}m {seconds:02d}s",
    ]
    if r is not None:
        out.append(
            f"\n**Flesch reading ease {_num(r.flesch_reading_ease, 1)}** (higher is easier) · "
            f"**Flesch-Kincaid grade {_num(r.flesch_kincaid_grade, 1)}** · "
            f"consensus {md_escape(r.text_standard or '—')}"
        )
    out += ["", "### Outline", ""]
    if report.sections:
        for s in report.sections:
            indent = "  " * max(0, s.level - 1)
            kind = " *(lead-in)*" if s.kind is SectionKind.LEAD_IN else ""
            out.append(f"{indent}- {md_escape(s.title)}{kind} (line {s.start_line})")
    else:
        out.append("No headings or lead-ins found.")
    out += ["", "### Set aside as unrelated", ""]
    unrelated = [s for s in report.segments if s.kind is SegmentKind.UNRELATED]
    if unrelated:
        out += ["| Lines | Category | Why | Text | Score |", "|---:|---|---|---|---:|"]
        for seg in unrelated:
            category = getattr(seg, "category", None) or "unrelated"
            out.append(
                f"| {seg.start_line}–{seg.end_line} | {md_escape(category)} | {md_escape(seg.reason)} | "
                f"{md_escape(seg.preview)} | {seg.score:.2f} |"
            )
    else:
        out.append("Nothing: the whole text reads as one document.")
    out += ["", "### Entities", ""]
    for group, items in report.entities.groups():
        out.append(f"**{_GROUP_TITLES[group]}** ({len(items)})")
        out.append("")
        if not items:
            out += ["None found.", ""]
            continue
        if group is EntityGroup.COUNTRIES:
            out += ["| Name | ISO code | Count | Aliases |", "|---|---|---:|---|"]
        else:
            out += ["| Name | Count | Aliases |", "|---|---:|---|"]
        for e in items:
            aliases = md_escape(", ".join(e.aliases)) if e.aliases else "—"
            code = f" {md_escape(e.code or '')} |" if group is EntityGroup.COUNTRIES else ""
            out.append(f"| {md_escape(e.name)} |{code} {e.count} | {aliases} |")
        out.append("")
    out += ["### Readability", ""]
    if r is None:
        out.append("Not computed.")
    else:
        out += _readability_table(r)
        scored = [s for s in report.sections if s.readability is not None]
        if scored:
            out += ["", "| Section | Words | Flesch-Kincaid grade | Reading ease |", "|---|---:|---:|---:|"]
            for s in scored:
                assert s.readability is not None
                out.append(
                    f"| {md_escape(s.title)} | {s.words} | {_num(s.readability.flesch_kincaid_grade)} | "
                    f"{_num(s.readability.flesch_reading_ease)} |"
                )
        if report.hardest:
            out += ["", "Hardest paragraphs:", ""]
            for i, p in enumerate(report.hardest, start=1):
                out.append(f"{i}. lines {p.start_line}–{p.end_line}, grade {p.grade:.1f}: {md_escape(p.preview)}")
        if r.warnings:
            out.append("")
            out += [f"> ⚠ {md_escape(w)}" for w in r.warnings]
    if explain:
        out += _explain(report)
    return "\n".join(out) + "\n"


def _lines(start: int, end: int) -> str:
    return f"{start}" if start == end else f"{start}–{end}"


def _explain(report: Report) -> list[str]:
    """The `--explain` tables: every block's verdict and evidence, the rule behind each heading
    and lead-in, and the evidence behind each entity's group. Folded in `<details>` so a
    pull-request comment stays readable; every document string is escaped as elsewhere."""
    out = ["", "### Why (--explain)", "", "<details><summary>Why each block was kept or set aside</summary>", ""]
    out += ["| Lines | Score | Verdict | Evidence |", "|---:|---:|---|---|"]
    for v in report.verdicts:
        feats = " ".join(f"{k}={val:g}" for k, val in v.features)
        verdict = "set aside" if v.unrelated else "main"
        out.append(
            f"| {_lines(v.start_line, v.end_line)} | {v.score:.2f}/{v.threshold:.2f} | {verdict} | "
            f"{md_escape(f'{v.reason} {feats}'.strip())} |"
        )
    out += ["", "</details>", "", "<details><summary>Why each line is a heading or a lead-in</summary>", ""]
    out += ["| Line | Title | Rule |", "|---:|---|---|"]
    for s in report.sections:
        out.append(f"| {s.start_line} | {md_escape(s.title)} | {md_escape(f'{s.kind.value}: {s.rule}')} |")
    out += ["", "</details>", "", "<details><summary>Why each entity has its type</summary>", ""]
    out += ["| Group | Name | Evidence |", "|---|---|---|"]
    for group, items in report.entities.groups():
        for e in items:
            out.append(f"| {group.value} | {md_escape(e.name)} | {md_escape('; '.join(e.why) or '—')} |")
    out += ["", "</details>"]
    return out


def _readability_table(r: Readability) -> list[str]:
    rows = [
        ("Flesch reading ease", r.flesch_reading_ease, "higher is easier"),
        ("Flesch-Kincaid grade", r.flesch_kincaid_grade, "school grade"),
        ("Gunning fog", r.gunning_fog, "school grade"),
        ("SMOG", r.smog_index, "school grade"),
        ("Coleman-Liau", r.coleman_liau_index, "school grade"),
        ("Automated readability index", r.automated_readability_index, "school grade"),
        ("Dale-Chall", r.dale_chall, "9+ is college"),
    ]
    return ["| Score | Value | Reading |", "|---|---:|---|", *(f"| {k} | {_num(v)} | {m} |" for k, v, m in rows)]
