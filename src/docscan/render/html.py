"""Self-contained HTML reports; entry points: `report_to_html` (one document) and `index_to_html` (a batch).

A page is one file that works offline from `file://`: CSS and JavaScript are inline, charts are
inline SVG, and a Content-Security-Policy meta allows nothing but this page's own style and script
(pinned by their SHA-256), so a page can load nothing from the network and a script smuggled into
the document text could not run even if escaping failed. Every piece of document text, path,
reason and name goes through `html.escape`; nothing from the document becomes a link, an attribute
name or markup.

The document view is the text itself: set-aside blocks greyed and labelled, entity mentions
highlighted in place (one colour per group; clicking an entity lights exactly its mentions), the
hardest paragraphs marked, the outline as a side navigation, readability per section as a heat
strip and bars.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Entity, EntityGroup, Readability, Report, Section, SectionKind, SegmentKind, unrelated_line_count
from .visible import visible

__all__ = ["IndexRow", "index_row", "index_to_html", "page_name", "report_to_html"]

# Grade bands for colours (Flesch-Kincaid grade, US school years): the usual reading of the scale
# (up to 6 easy, 6-9 plain, 9-12 fairly hard, 12-16 college, above 16 graduate).
GRADE_BANDS = ((6.0, "#2e7d32"), (9.0, "#7cb342"), (12.0, "#f9a825"), (16.0, "#ef6c00"), (float("inf"), "#c62828"))
# The heat strip and bars: widths in SVG user units.
STRIP_WIDTH = 600
BAR_WIDTH = 160
# Bars are scaled to this grade (a grade above it fills the bar).
BAR_MAX_GRADE = 20.0
# How many entities the batch chart shows.
INDEX_TOP_ENTITIES = 12
# Characters kept of a file name in its page's name (the index keeps the whole path).
PAGE_NAME_CHARS = 60

_GROUP_TITLES = {
    EntityGroup.COUNTRIES: "Countries",
    EntityGroup.ORGANIZATIONS: "Organizations",
    EntityGroup.PEOPLE: "People",
    EntityGroup.PLACES: "Places",
}

_CSS = """
:root{--fg:#1d2329;--muted:#5f6b76;--line:#d8dee4;--bg:#fff;--side:#f6f8fa;
--countries:#cfe3ff;--countries-b:#1f6feb;--organizations:#ffe2b8;--organizations-b:#bc6c00;
--people:#d3f4d1;--people-b:#2b8a3e;--places:#ecdcff;--places-b:#8250df}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
a{color:#0b61c3}
.layout{display:grid;grid-template-columns:260px minmax(0,1fr);min-height:100vh}
nav.outline{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:16px;
background:var(--side);border-right:1px solid var(--line);font-size:14px}
nav.outline h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 8px}
nav.outline ol{list-style:none;margin:0;padding:0}
nav.outline li{margin:2px 0}
nav.outline a{text-decoration:none;display:block;padding:2px 4px;border-radius:4px}
nav.outline a:hover{background:#e7ecf0}
nav.outline .lead-in a{color:var(--muted);font-size:13px}
main{padding:20px 32px;max-width:1100px}
h1{font-size:20px;margin:0 0 4px;word-break:break-all}
h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.facts{color:var(--muted);margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:6px 10px;min-width:110px}
.card b{display:block;font-size:18px}
.card span{color:var(--muted);font-size:12px}
.strip-caption{margin:10px 0 2px;font-size:12px}
.warn{color:#8a4b00;font-size:13px;margin:2px 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
border:1px solid var(--line);border-radius:6px;padding:14px 16px;background:#fff}
.aside{display:block;color:#8c959f;background:#f3f4f6;border-left:4px solid #afb8c1;padding:2px 8px;margin:2px 0}
.aside::before{content:attr(data-label);display:block;font:italic 12px/1.4 system-ui,sans-serif;color:#57606a}
.hard{background:linear-gradient(90deg,#fff4e5,#fff);border-left:4px solid #ef6c00;display:block;
padding-left:6px;margin:4px 0}
.hard::before{content:attr(data-label);display:block;font:bold 12px/1.4 system-ui,sans-serif;color:#b04a00}
.anchor{scroll-margin-top:12px}
.heading{font-weight:bold;color:#0b3d91}
mark.ent{border-radius:3px;padding:0 1px;cursor:pointer;color:inherit;border-bottom:2px solid transparent}
.g-countries{background:var(--countries);border-color:var(--countries-b)!important}
.g-organizations{background:var(--organizations);border-color:var(--organizations-b)!important}
.g-people{background:var(--people);border-color:var(--people-b)!important}
.g-places{background:var(--places);border-color:var(--places-b)!important}
body.selecting mark.ent:not(.active){opacity:.35}
mark.ent.active{outline:2px solid #d1242f;background:#fff08a}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0;font-size:13px}
.legend span{display:inline-flex;align-items:center;gap:4px}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;border:1px solid #0002}
.status{min-height:1.4em;color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0 14px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--side)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.verdict-aside td:nth-child(3){color:#cf222e}
tr.verdict-main td:nth-child(3){color:#1a7f37}
details summary{cursor:pointer;margin:6px 0}
tr.active td{background:#fff8c5}
button.ent-btn{all:unset;cursor:pointer;border-bottom:1px dashed var(--muted)}
button.ent-btn:focus-visible{outline:2px solid #0b61c3}
th button{all:unset;cursor:pointer;font-weight:bold}
th button::after{content:" \\2195";color:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart h3{font-size:14px;margin:8px 0 4px}
svg text{font:11px system-ui,sans-serif;fill:#1d2329}
.error{color:#b42318}
@media (max-width:800px){.layout{grid-template-columns:1fr}nav.outline{position:static;max-height:none}}
"""

_PAGE_JS = """
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.ent"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-e]"));
  var status = document.getElementById("entity-status");
  var active = null;
  function select(id) {
    active = active === id ? null : id;
    var n = 0;
    marks.forEach(function (m) {
      var on = m.getAttribute("data-e") === active;
      m.classList.toggle("active", on);
      if (on) { n += 1; }
    });
    rows.forEach(function (r) { r.classList.toggle("active", r.getAttribute("data-e") === active); });
    document.body.classList.toggle("selecting", active !== null);
    if (status) {
      var row = active === null ? null : document.querySelector('tr[data-e="' + active + '"]');
      status.textContent = row ? n + " mention" + (n === 1 ? "" : "s") + " of " + row.getAttribute("data-name")
        + " highlighted (click again to clear)" : "";
    }
    var first = document.querySelector("mark.ent.active");
    if (first && first.scrollIntoView) { first.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target && ev.target.closest ? ev.target.closest("[data-e]") : null;
    if (target) { ev.preventDefault(); select(target.getAttribute("data-e")); }
  });
})();
"""

_INDEX_JS = """
(function () {
  var table = document.getElementById("documents");
  if (!table) { return; }
  var body = table.tBodies[0];
  var state = {col: -1, dir: 1};
  Array.prototype.forEach.call(table.querySelectorAll("th button"), function (button) {
    button.addEventListener("click", function () {
      var col = Number(button.getAttribute("data-col"));
      var numeric = button.getAttribute("data-type") === "number";
      state.dir = state.col === col ? -state.dir : 1;
      state.col = col;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
        if (numeric) {
          var fx = x === "" ? -Infinity : Number(x), fy = y === "" ? -Infinity : Number(y);
          return (fx - fy) * state.dir;
        }
        return x.localeCompare(y) * state.dir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (th, i) {
        th.setAttribute("aria-sort", i === col ? (state.dir > 0 ? "ascending" : "descending") : "none");
      });
    });
  });
})();
"""


def _esc(text: object) -> str:
    """Inert HTML: markup escaped, and control characters made visible so a page printed to a
    terminal (`--format html > ...` forgotten) cannot carry escape sequences either."""
    return html.escape(visible(str(text)), quote=True)


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _page(title: str, body: str, script: str) -> str:
    """The shell every page shares: the CSP pins this page's one style and one script by hash."""
    csp = (
        f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(script)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _grade_colour(grade: float | None) -> str:
    if grade is None:
        return "#d0d7de"
    return next(colour for limit, colour in GRADE_BANDS if grade <= limit)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _entity_ids(report: Report) -> dict[int, str]:
    """A stable id per entity (group and rank), keyed by the entity object's identity."""
    out: dict[int, str] = {}
    for group, items in report.entities.groups():
        for i, entity in enumerate(items):
            out[id(entity)] = f"{group.value}-{i}"
    return out


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    rank: int  # 0 set-aside block, 1 heading line or hardest paragraph, 2 entity mention: lower ranks enclose higher
    open: str
    close: str
    block: bool = False  # displayed as a block (set-aside text, hardest paragraph)


def _text_html(report: Report, ids: dict[int, str]) -> str:
    """The document text with set-aside blocks, hardest paragraphs and mentions wrapped in place.

    Spans are nested by rank; a span that would cross its parent's end is cut there, and a
    mention overlapping another mention is left plain (spaCy spans never overlap, so this only
    guards against malformed input)."""
    doc = report.document
    assert doc is not None
    text = doc.text
    spans: list[_Span] = []
    for seg in report.segments:
        if seg.kind is SegmentKind.UNRELATED:
            category = getattr(seg, "category", None) or "unrelated"
            label = f"set aside · {category} · lines {seg.start_line}-{seg.end_line} · {seg.reason}"
            spans.append(
                _Span(
                    seg.start_char,
                    seg.end_char,
                    0,
                    f'<span class="aside" data-category="{_esc(category)}" data-label="{_esc(label)}" '
                    f'title="{_esc(label)}">',
                    "</span>",
                    block=True,
                )
            )
    for section in report.sections:
        if section.kind is SectionKind.HEADING:
            line_end = text.find("\n", section.start_char)
            end = min(section.end_char, len(text) if line_end == -1 else line_end)
            spans.append(_Span(section.start_char, end, 1, '<span class="heading">', "</span>"))
    for rank, passage in enumerate(report.hardest, start=1):
        label = f"hardest paragraph #{rank} · Flesch-Kincaid grade {passage.grade:.1f} · {passage.words} words"
        spans.append(
            _Span(
                passage.start_char,
                passage.end_char,
                1,
                f'<span class="hard" id="hard-{rank}" data-label="{_esc(label)}" title="{_esc(label)}">',
                "</span>",
                block=True,
            )
        )
    for group, items in report.entities.groups():
        for entity in items:
            eid = ids[id(entity)]
            for m in entity.mentions:
                spans.append(
                    _Span(
                        m.start_char,
                        m.end_char,
                        2,
                        f'<mark class="ent g-{group.value}" data-e="{eid}" data-start="{m.start_char}" '
                        f'title="{_esc(entity.name)} ({_esc(group.value)})">',
                        "</mark>",
                    )
                )
    anchors = sorted((s.start_char, i) for i, s in enumerate(report.sections))
    spans.sort(key=lambda s: (s.start, s.rank, -s.end))
    out: list[str] = []
    stack: list[_Span] = []
    pos = 0
    next_anchor = 0

    def emit_to(target: int, *, inclusive: bool) -> None:
        nonlocal pos, next_anchor
        while next_anchor < len(anchors) and (
            anchors[next_anchor][0] < target or (inclusive and anchors[next_anchor][0] == target)
        ):
            at, index = anchors[next_anchor]
            at = max(at, pos)
            out.append(html.escape(text[pos:at], quote=False))
            out.append(f'<span class="anchor" id="sec-{index}"></span>')
            pos = at
            next_anchor += 1
        out.append(html.escape(text[pos:target], quote=False))
        pos = max(pos, target)

    for span in spans:
        if span.block and text[span.end : span.end + 1] == "\n":
            # A block's line break goes inside it, or pre-wrap text would show an extra blank line.
            span = _Span(span.start, span.end + 1, span.rank, span.open, span.close)
        if span.start < pos or span.end <= span.start or span.end > len(text):
            continue
        while stack and stack[-1].end <= span.start:
            emit_to(stack[-1].end, inclusive=False)
            out.append(stack.pop().close)
        if stack and span.rank <= stack[-1].rank:
            continue  # overlaps a span of its own kind
        emit_to(span.start, inclusive=True)
        end = min(span.end, stack[-1].end) if stack else span.end
        stack.append(_Span(span.start, end, span.rank, span.open, span.close))
        out.append(span.open)
    while stack:
        emit_to(stack[-1].end, inclusive=False)
        out.append(stack.pop().close)
    emit_to(len(text), inclusive=True)
    return "".join(out)


def _outline_nav(report: Report) -> str:
    items = []
    for i, s in enumerate(report.sections):
        cls = "lead-in" if s.kind is SectionKind.LEAD_IN else "heading"
        indent = "&nbsp;" * 3 * max(0, s.level - 1)
        items.append(
            f'<li class="{cls}"><a href="#sec-{i}" data-section="{i}">{indent}{_esc(s.title)}</a></li>'
        )
    body = "".join(items) if items else "<li>No headings or lead-ins found.</li>"
    return f'<nav class="outline" aria-label="Outline"><h2>Outline</h2><ol>{body}</ol></nav>'


def _cards(report: Report) -> str:
    stats, r = report.stats, report.readability
    assert stats is not None
    minutes, seconds = divmod(round(stats.reading_time_seconds), 60)
    cards = [
        (f"{stats.words:,}", "words"),
        (f"{stats.sentences:,}", "sentences"),
        (f"{minutes}m {seconds:02d}s", "reading time"),
    ]
    if r is not None:
        cards += [
            (_fmt(r.flesch_reading_ease), "Flesch reading ease (higher is easier)"),
            (_fmt(r.flesch_kincaid_grade), "Flesch-Kincaid grade"),
            (_esc(r.text_standard or "—"), "consensus grade"),
        ]
    unrelated = unrelated_line_count(report.segments)
    cards.append((str(unrelated), "lines set aside"))
    inner = "".join(f'<div class="card"><b>{v}</b><span>{k}</span></div>' for v, k in cards)
    return f'<div class="cards">{inner}</div>'


def _heat_strip(sections: Sequence[Section]) -> str:
    """One rectangle per section, as wide as its share of words, coloured by its grade."""
    total = sum(max(s.words, 1) for s in sections)
    if not sections or total == 0:
        return ""
    x = 0.0
    rects = []
    for i, s in enumerate(sections):
        w = STRIP_WIDTH * max(s.words, 1) / total
        grade = s.readability.flesch_kincaid_grade if s.readability else None
        score = f"grade {grade:.1f}" if grade is not None else "too short to score"
        tip = f"{s.title}: {score}, {s.words} words"
        rects.append(
            f'<a href="#sec-{i}"><rect x="{x:.1f}" y="0" width="{max(w - 1, 0.5):.1f}" height="22" '
            f'fill="{_grade_colour(grade)}"><title>{_esc(tip)}</title></rect></a>'
        )
        x += w
    return (
        '<p class="facts strip-caption">Readability by section (Flesch-Kincaid grade; width: words)</p>'
        f'<svg class="strip" role="img" aria-label="Readability per section" width="{STRIP_WIDTH}" height="22" '
        f'viewBox="0 0 {STRIP_WIDTH} 22">{"".join(rects)}</svg>'
    )


def _grade_bar(grade: float | None) -> str:
    w = 0.0 if grade is None else BAR_WIDTH * min(max(grade, 0.0), BAR_MAX_GRADE) / BAR_MAX_GRADE
    return (
        f'<svg width="{BAR_WIDTH}" height="12" viewBox="0 0 {BAR_WIDTH} 12" aria-hidden="true">'
        f'<rect x="0" y="1" width="{BAR_WIDTH}" height="10" fill="#eef1f4"/>'
        f'<rect x="0" y="1" width="{w:.1f}" height="10" fill="{_grade_colour(grade)}"/></svg>'
    )


def _readability_section(report: Report) -> str:
    r = report.readability
    parts = ["<h2 id=\"readability\">Readability</h2>"]
    if r is None:
        return parts[0] + "<p>Not computed.</p>"
    parts.append(_heat_strip(report.sections))
    parts.append(
        '<p class="facts">Strip and bars: Flesch-Kincaid grade per section (green easy, red hard; grey: too short '
        "to score). Scores are computed on the main text only.</p>"
    )
    parts.append(_scores_table(r))
    rows = []
    for i, s in enumerate(report.sections):
        grade = s.readability.flesch_kincaid_grade if s.readability else None
        rows.append(
            f'<tr><td><a href="#sec-{i}">{_esc(s.title)}</a></td><td class="num">{s.words}</td>'
            f'<td class="num">{_fmt(grade)}</td><td>{_grade_bar(grade)}</td></tr>'
        )
    if rows:
        parts.append(
            '<table class="sections"><thead><tr><th>Section</th><th class="num">Words</th>'
            '<th class="num">Grade</th><th>Grade bar (0-20)</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>"
        )
    if report.hardest:
        items = "".join(
            f'<li><a href="#hard-{i}">lines {p.start_line}-{p.end_line}</a>: grade {p.grade:.1f}, {p.words} words '
            f"— {_esc(p.preview)}</li>"
            for i, p in enumerate(report.hardest, start=1)
        )
        parts.append(f"<h3>Hardest paragraphs (marked in the text)</h3><ol>{items}</ol>")
    for w in r.warnings:
        parts.append(f'<p class="warn">⚠ {_esc(w)}</p>')
    return "".join(parts)


def _scores_table(r: Readability) -> str:
    rows = [
        ("Flesch reading ease", r.flesch_reading_ease, "higher is easier; 60-70 is plain English"),
        ("Flesch-Kincaid grade", r.flesch_kincaid_grade, "school grade"),
        ("Gunning fog", r.gunning_fog, "school grade"),
        ("SMOG", r.smog_index, "school grade"),
        ("Coleman-Liau", r.coleman_liau_index, "school grade"),
        ("Automated readability index", r.automated_readability_index, "school grade"),
        ("Dale-Chall", r.dale_chall, "score (9+ is college)"),
    ]
    body = "".join(f'<tr><td>{k}</td><td class="num">{_fmt(v, 2)}</td><td>{m}</td></tr>' for k, v, m in rows)
    head = '<tr><th>Score</th><th class="num">Value</th><th>Reading</th></tr>'
    return f'<table class="scores"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _legend(report: Report) -> str:
    spans = []
    for group, items in report.entities.groups():
        mentions = sum(e.count for e in items)
        spans.append(
            f'<span><i class="swatch g-{group.value}"></i>{_GROUP_TITLES[group]} '
            f"({_count(len(items), 'name')}, {_count(mentions, 'mention')})</span>"
        )
    return f'<div class="legend" aria-label="Entity colours">{"".join(spans)}</div>'


def _entity_tables(report: Report, ids: dict[int, str]) -> str:
    parts = ['<h2 id="entities">Entities</h2>', _legend(report)]
    parts.append("<p class=\"facts\">Click a name (here or in the text) to highlight exactly its mentions.</p>")
    for group, items in report.entities.groups():
        parts.append(f"<h3>{_GROUP_TITLES[group]}</h3>")
        if not items:
            parts.append("<p class=\"facts\">None found.</p>")
            continue
        code_head = '<th>ISO code</th>' if group is EntityGroup.COUNTRIES else ""
        rows = []
        for e in items:
            code = f"<td>{_esc(e.code or '')}</td>" if group is EntityGroup.COUNTRIES else ""
            rows.append(
                f'<tr data-e="{ids[id(e)]}" data-name="{_esc(e.name)}"><td>'
                f'<button type="button" class="ent-btn" data-e="{ids[id(e)]}"><i class="swatch g-{group.value}"></i> '
                f"{_esc(e.name)}</button></td>{code}<td class=\"num\">{e.count}</td><td>{_aliases(e)}</td></tr>"
            )
        parts.append(
            f'<table class="entities g-table-{group.value}"><thead><tr><th>Name</th>{code_head}'
            f"<th class=\"num\">Count</th><th>Aliases</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(parts)


def _aliases(e: Entity) -> str:
    return _esc(", ".join(e.aliases)) if e.aliases else "—"


def _set_aside_list(report: Report) -> str:
    unrelated = [s for s in report.segments if s.kind is SegmentKind.UNRELATED]
    if not unrelated:
        return '<p class="facts">Nothing set aside: the whole text reads as one document.</p>'
    rows = "".join(
        f'<tr><td class="num">{s.start_line}-{s.end_line}</td>'
        f'<td>{_esc(getattr(s, "category", None) or "unrelated")}</td>'
        f'<td>{_esc(s.reason)}</td><td class="num">{s.score:.2f}</td></tr>'
        for s in unrelated
    )
    return (
        '<table class="set-aside"><thead><tr><th class="num">Lines</th><th>Category</th><th>Why</th>'
        f'<th class="num">Score</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _explain_section(report: Report) -> str:
    """The `--explain` tables, folded: every block's verdict and evidence, the rule behind each
    heading and lead-in, the evidence behind each entity's group (the same named rules the
    terminal's `--explain` shows). Every document string is escaped like the rest of the page."""

    def lines(start: int, end: int) -> str:
        return f"{start}" if start == end else f"{start}-{end}"

    blocks = "".join(
        f'<tr class="{"verdict-aside" if v.unrelated else "verdict-main"}">'
        f'<td class="num">{lines(v.start_line, v.end_line)}</td>'
        f'<td class="num">{v.score:.2f}/{v.threshold:.2f}</td><td>{"set aside" if v.unrelated else "main"}</td>'
        f"<td>{_esc(v.reason)}<br><code>{_esc(' '.join(f'{k}={val:g}' for k, val in v.features))}</code></td></tr>"
        for v in report.verdicts
    )
    outline = "".join(
        f'<tr><td class="num">{s.start_line}</td><td>{_esc(s.title)}</td>'
        f'<td>{_esc(f"{s.kind.value}: {s.rule}")}</td></tr>'
        for s in report.sections
    )
    entities = "".join(
        f"<tr><td>{_esc(group.value)}</td><td>{_esc(e.name)}</td><td>{_esc('; '.join(e.why) or '—')}</td></tr>"
        for group, items in report.entities.groups()
        for e in items
    )
    return (
        '<h2 id="explain">Why (--explain)</h2>'
        '<details open><summary>Why each block was kept or set aside</summary><table class="explain-blocks">'
        '<thead><tr><th class="num">Lines</th><th class="num">Score</th><th>Verdict</th><th>Evidence</th></tr>'
        f"</thead><tbody>{blocks}</tbody></table></details>"
        '<details><summary>Why each line is a heading or a lead-in</summary><table class="explain-outline">'
        f'<thead><tr><th class="num">Line</th><th>Title</th><th>Rule</th></tr></thead><tbody>{outline}</tbody>'
        "</table></details>"
        '<details><summary>Why each entity has its type</summary><table class="explain-entities">'
        f"<thead><tr><th>Group</th><th>Name</th><th>Evidence</th></tr></thead><tbody>{entities}</tbody>"
        "</table></details>"
    )


def report_to_html(report: Report, *, index_href: str | None = None, explain: bool = False) -> str:
    """One document's report as a self-contained HTML page; `index_href` adds a link back to a
    batch index (a relative file name); `explain` adds the evidence behind every judgement."""
    back = f'<p><a href="{_esc(index_href)}">← all documents</a></p>' if index_href else ""
    if not report.ok or report.document is None or report.stats is None:
        err = report.error
        message = err.message if err else "not analyzed"
        hint = f"<p>hint: {_esc(err.hint)}</p>" if err and err.hint else ""
        body = f'<main>{back}<h1>{_esc(report.path)}</h1><p class="error">error: {_esc(message)}</p>{hint}</main>'
        return _page(f"docscan: {report.path}", body, _PAGE_JS)
    doc = report.document
    ids = _entity_ids(report)
    facts = f"{doc.lines:,} lines · {doc.bytes:,} bytes · {_esc(doc.encoding)} · {_esc(doc.markup.value)}"
    main = [
        back,
        f"<h1>{_esc(report.path)}</h1>",
        f'<p class="facts">{facts}</p>',
        _cards(report),
        _heat_strip(report.sections),
        '<h2 id="text">Text</h2>',
        _legend(report),
        '<p class="status" id="entity-status" aria-live="polite"></p>',
        f'<div class="text" id="document">{_text_html(report, ids)}</div>',
        '<h2 id="set-aside">Set aside as unrelated</h2>',
        _set_aside_list(report),
        _entity_tables(report, ids),
        _readability_section(report),
    ]
    if explain:
        main.append(_explain_section(report))
    body = f'<div class="layout">{_outline_nav(report)}<main>{"".join(main)}</main></div>'
    return _page(f"docscan: {report.path}", body, _PAGE_JS)


# --- batches ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the batch index needs of one document: kept instead of the Report, so a batch of any
    size holds only these small rows in memory."""

    path: str
    href: str | None
    ok: bool
    words: int | None = None
    grade: float | None = None
    reading_ease: float | None = None
    unrelated_share: float | None = None
    unrelated_lines: int = 0
    entities: tuple[tuple[str, str], ...] = ()  # (group, name), one per distinct entity
    error: str | None = None


def page_name(index: int, path: str) -> str:
    """A safe, unique file name for a document's page: its position in the batch plus a slug of
    its file name (ASCII letters, digits, `._-`; the index shows the full path)."""
    name = "stdin" if path == "-" else path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    slug = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in name)
    return f"{index:05d}-{slug[:PAGE_NAME_CHARS].lstrip('._') or 'document'}.html"


def index_row(report: Report, href: str | None) -> IndexRow:
    """The index's row for a report (failed reports get a row with their error, and no page)."""
    if not report.ok or report.stats is None:
        return IndexRow(report.path, None, False, error=report.error.message if report.error else "not analyzed")
    lines = sum(s.end_line - s.start_line + 1 for s in report.segments)
    unrelated = unrelated_line_count(report.segments)
    r = report.readability
    return IndexRow(
        path=report.path,
        href=href,
        ok=True,
        words=report.stats.words,
        grade=r.flesch_kincaid_grade if r else None,
        reading_ease=r.flesch_reading_ease if r else None,
        unrelated_share=unrelated / lines if lines else None,
        unrelated_lines=unrelated,
        entities=tuple((g.value, e.name) for g, items in report.entities.groups() for e in items),
    )


def _histogram_svg(title: str, labels: Sequence[str], counts: Sequence[int], colours: Sequence[str]) -> str:
    width, height, pad = 360, 170, 26
    top = max(counts, default=0) or 1
    bar = (width - 2 * pad) / max(len(counts), 1)
    parts = []
    for i, (label, n, colour) in enumerate(zip(labels, counts, colours, strict=True)):
        h = (height - 2 * pad) * n / top
        x = pad + i * bar
        y = height - pad - h
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{_esc(label)}: {n} documents</title></rect>"
            f'<text x="{x + bar / 2:.1f}" y="{height - pad + 13}" text-anchor="middle">{_esc(label)}</text>'
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{n}</text>'
        )
    return (
        f'<div class="chart"><h3>{_esc(title)}</h3><svg role="img" aria-label="{_esc(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#8c959f"/>'
        f'{"".join(parts)}</svg></div>'
    )


_GROUP_FILL = {"countries": "#1f6feb", "organizations": "#bc6c00", "people": "#2b8a3e", "places": "#8250df"}


def _entities_svg(rows: Sequence[IndexRow]) -> str:
    docs: Counter[tuple[str, str]] = Counter()
    for row in rows:
        docs.update(set(row.entities))
    top = sorted(docs.items(), key=lambda kv: (-kv[1], kv[0][1]))[:INDEX_TOP_ENTITIES]
    title = "Top entities by number of documents"
    if not top:
        return f'<div class="chart"><h3>{title}</h3><p class="facts">No entities found.</p></div>'
    width, row_h, label_w = 420, 18, 170
    most = top[0][1]
    parts = []
    for i, ((group, name), n) in enumerate(top):
        y = i * row_h
        w = (width - label_w - 40) * n / most
        short = name if len(name) <= 26 else name[:25] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{_esc(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{_GROUP_FILL[group]}">'
            f"<title>{_esc(name)} ({_esc(group)}): {n} documents</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{n}</text>'
        )
    height = row_h * len(top)
    return (
        f'<div class="chart"><h3>{title}</h3><svg role="img" aria-label="{title}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg></div>'
    )


# Histogram bins: Flesch-Kincaid grade (upper bounds, school years) and share of lines set aside.
GRADE_BINS = ((4.0, "≤4"), (6.0, "4-6"), (8.0, "6-8"), (10.0, "8-10"), (12.0, "10-12"), (14.0, "12-14"),
              (16.0, "14-16"), (float("inf"), ">16"))
SHARE_BINS = ((0.0, "0"), (0.05, "≤5%"), (0.1, "5-10%"), (0.25, "10-25%"), (0.5, "25-50%"), (1.0, ">50%"))


def _binned(values: Iterable[float], bins: Sequence[tuple[float, str]]) -> list[int]:
    counts = [0] * len(bins)
    for v in values:
        counts[next(i for i, (limit, _) in enumerate(bins) if v <= limit or i == len(bins) - 1)] += 1
    return counts


def index_to_html(rows: Sequence[IndexRow], *, title: str = "docscan report") -> str:
    """The batch index: a sortable table of documents linking to their pages, and corpus charts
    (readability distribution, top entities by document count, share set aside) as inline SVG."""
    grades = [r.grade for r in rows if r.grade is not None]
    shares = [r.unrelated_share for r in rows if r.unrelated_share is not None]
    charts = [
        _histogram_svg(
            "Readability: documents per Flesch-Kincaid grade",
            [label for _, label in GRADE_BINS],
            _binned(grades, GRADE_BINS),
            [_grade_colour(limit if limit != float("inf") else 99.0) for limit, _ in GRADE_BINS],
        ),
        _entities_svg(rows),
        _histogram_svg(
            "Share of lines set aside",
            [label for _, label in SHARE_BINS],
            _binned(shares, SHARE_BINS),
            ["#8c959f"] * len(SHARE_BINS),
        ),
    ]
    body_rows = []
    for r in rows:
        name = f'<a href="{_esc(r.href)}">{_esc(r.path)}</a>' if r.href else _esc(r.path)
        if not r.ok:
            body_rows.append(
                f'<tr class="failed"><td data-v="{_esc(r.path)}">{name}</td><td class="num" data-v=""></td>'
                f'<td class="num" data-v=""></td><td class="num" data-v=""></td>'
                f'<td class="error">error: {_esc(r.error or "")}</td></tr>'
            )
            continue
        share = "" if r.unrelated_share is None else f"{r.unrelated_share:.4f}"
        body_rows.append(
            f'<tr><td data-v="{_esc(r.path)}">{name}</td><td class="num" data-v="{r.words}">{r.words:,}</td>'
            f'<td class="num" data-v="{"" if r.grade is None else r.grade}">{_fmt(r.grade)}</td>'
            f'<td class="num" data-v="{share}">'
            f"{'—' if r.unrelated_share is None else f'{r.unrelated_share:.0%}'}</td>"
            f"<td>{_count(r.unrelated_lines, 'line')} set aside · "
            f"{_count(len(r.entities), 'entity', 'entities')}</td></tr>"
        )
    ok = sum(1 for r in rows if r.ok)
    heads = [("Document", "text"), ("Words", "number"), ("Grade", "number"), ("Set aside", "number")]
    th = "".join(
        f'<th class="{"num" if kind == "number" else ""}" aria-sort="none"><button type="button" data-col="{i}" '
        f'data-type="{kind}">{label}</button></th>'
        for i, (label, kind) in enumerate(heads)
    )
    body = (
        f"<main><h1>{_esc(title)}</h1><p class=\"facts\">{len(rows)} documents · {ok} analyzed · "
        f"{len(rows) - ok} failed. Click a column to sort; a name opens the document's report.</p>"
        f'<div class="charts">{"".join(charts)}</div>'
        f'<h2>Documents</h2><table id="documents"><thead><tr>{th}<th>Notes</th></tr></thead>'
        f'<tbody>{"".join(body_rows)}</tbody></table></main>'
    )
    return _page(title, body, _INDEX_JS)
