"""Heading and lead-in benchmark over the corpus `headings/gold.jsonl`; run `python bench/headings.py CORPUS_DIR`.

A benchmark, not a test: it runs docscan's library API in-process (no subprocess, no JSON round
trip), scores the outline with the same matching rules as the corpus scorer `tools/score.py`
(a heading's `aux_lines` match it once; `neutral_lines` and gold lead-in lines are never false
positives for headings; lead-ins are not scored on rfc and gutenberg) and reports what share of
the scan time section detection takes. Keeping the rules identical lets the numbers here be
cross-checked against the scorer, while running in-process makes a tuning loop take seconds.

`--drop-title-line` scores the web family with line 1 (the page's <title>) removed from every
page, as real page dumps often come: gold lines move up by one and gold on line 1 is dropped (the
other families are scored as they are).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes, load_path
from docscan.model import Document, Section, SectionKind
from docscan.pipeline import Options, analyze_many
from docscan.relevance import split_unrelated
from docscan.sections import detect_sections

# Same normalisation and numbering prefix as tools/score.py, so title matches agree.
NUM_PREFIX = re.compile(r"^(appendix\s+[a-z]\.?\s*|(\d+|[a-z])(\.\d+)*\.?\s+|(chapter|book|part|volume)\s+)", re.I)
NO_LEAD_IN_MARKUP = ("rfc", "gutenberg")


def norm_title(t: str) -> str:
    t = unicodedata.normalize("NFKC", t)
    t = re.sub(r"[`*_#=]", "", t)
    return re.sub(r"\s+", " ", t).strip().lower().rstrip(".: ")


def title_match(pred: str, gold: str, line_text: str) -> bool:
    p = norm_title(pred)
    if not p:
        return False
    cands = {norm_title(gold), norm_title(line_text)}
    cands |= {NUM_PREFIX.sub("", c).strip() for c in list(cands)}
    return p in cands or NUM_PREFIX.sub("", p).strip() in cands


def site_of(path: str) -> str:
    """The site a web page came from: its file name without a trailing `-N` copy number."""
    return re.sub(r"-\d+$", "", Path(path).stem)


def half_of(path: str, sites: list[str]) -> str:
    """Web half A or B: sites in sorted order, alternating, so no site is in both halves."""
    return "web half " + "AB"[sites.index(site_of(path)) % 2]


def relation(a: int, b: int) -> int:
    return (a > b) - (a < b)


@dataclass
class Tally:
    """Counts for one family/variant (or for everything)."""

    c: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.c.update(other.c)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_document(
    row: dict[str, Any], lines: list[str], sections: Iterable[Section], misses: list[str] | None
) -> Tally:
    """One document's counts, mirroring `score_headings` in tools/score.py."""
    t = Tally()
    c = t.c
    sections = list(sections)
    gh = [h for h in row["headings"] if h["kind"] == "heading"]
    gl = [h for h in row["headings"] if h["kind"] == "lead-in"]
    neutral = set(row.get("neutral_lines", []))
    aux = {a: h["line"] for h in gh for a in h.get("aux_lines", []) or []}
    lead_lines = {h["line"] for h in gl}
    gmap = {h["line"]: h for h in gh}
    matched: set[int] = set()
    pairs: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    for s in sorted((s for s in sections if s.kind is SectionKind.HEADING), key=lambda s: s.start_line):
        ln = s.start_line
        if ln in seen:
            continue
        seen.add(ln)
        tgt = ln if ln in gmap else aux.get(ln)
        if tgt is not None:
            if tgt in matched:
                continue
            matched.add(tgt)
            c["tp"] += 1
            g = gmap[tgt]
            c["title_n"] += 1
            c["title_ok"] += title_match(s.title, g["title"], lines[tgt - 1] if 0 < tgt <= len(lines) else "")
            pairs.append((tgt, g["level"], s.level))
        elif ln in neutral or ln in lead_lines:
            continue
        else:
            c["fp"] += 1
            if misses is not None:
                misses.append(f"  FP {ln:5d} L{s.level} {lines[ln - 1][:90]!r}")
    c["fn"] += len(gh) - len(matched)
    if misses is not None:
        for h in gh:
            if h["line"] not in matched:
                misses.append(f"  FN {h['line']:5d} L{h['level']} {lines[h['line'] - 1][:90]!r}")
    pairs.sort()
    for (_, g1, p1), (_, g2, p2) in itertools.pairwise(pairs):
        c["level_n"] += 1
        c["level_ok"] += relation(g1, g2) == relation(p1, p2)
    if row["family"] in NO_LEAD_IN_MARKUP:
        return t
    pl = {s.start_line: s for s in sections if s.kind is SectionKind.LEAD_IN}
    gls = {h["line"]: h for h in gl}
    for ln, s in pl.items():
        if ln in gls:
            c["l_tp"] += 1
            c["l_label_ok"] += title_match(s.title, gls[ln]["title"], gls[ln]["title"])
        elif ln not in neutral:
            c["l_fp"] += 1
            if misses is not None:
                misses.append(f"  lead-in FP {ln:5d} {s.title!r}")
    c["l_fn"] += len(set(gls) - set(pl))
    if misses is not None:
        for ln in sorted(set(gls) - set(pl)):
            misses.append(f"  lead-in FN {ln:5d} {lines[ln - 1][:90]!r}")
    return t


def _without_title_line(path: Path, row: dict[str, Any]) -> tuple[Document, dict[str, Any]]:
    """The page with line 1 removed, and its gold moved up one line (gold on line 1 dropped)."""
    data = path.read_bytes()
    rest = data.split(b"\n", 1)[1] if b"\n" in data else b""
    doc = decode_bytes(rest or b" ", path=f"{path} (title line dropped)", suffix=path.suffix)

    def up(lines: Iterable[int]) -> list[int]:
        return [n - 1 for n in lines if n > 1]

    moved = dict(row)
    moved["headings"] = [
        {**h, "line": h["line"] - 1, "aux_lines": up(h.get("aux_lines") or [])}
        for h in row["headings"]
        if h["line"] > 1
    ]
    moved["neutral_lines"] = up(row.get("neutral_lines") or [])
    return doc, moved


def line_for(name: str, t: Tally) -> str:
    c = t.c
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    title = c["title_ok"] / c["title_n"] if c["title_n"] else float("nan")
    level = c["level_ok"] / c["level_n"] if c["level_n"] else float("nan")
    lp, lr, lf = prf(c["l_tp"], c["l_fp"], c["l_fn"])
    lead = f"lead-in P={lp:.3f} R={lr:.3f} F1={lf:.3f}" if c["l_tp"] + c["l_fp"] + c["l_fn"] else ""
    return (
        f"{name:18s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={c['tp']} fp={c['fp']} fn={c['fn']}) "
        f"title={title:.3f} level={level:.3f} {lead}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="the corpus folder (holds headings/gold.jsonl)")
    ap.add_argument("--families", default="", help="comma list: family or family/variant (e.g. rfc,pep/plain)")
    ap.add_argument("--keep-unrelated", action="store_true", help="skip the relevance split (diagnosis only)")
    ap.add_argument("--show", action="store_true", help="print every miss (FP/FN) per document")
    ap.add_argument(
        "--halves",
        action="store_true",
        help="also report the web family in two halves by site (sorted, alternating): tune on one, check the other",
    )
    ap.add_argument(
        "--drop-title-line",
        action="store_true",
        help="web pages scored with line 1 (the <title> line) removed; gold moves up one line",
    )
    ap.add_argument(
        "--full", action="store_true", help="also run the full analysis (spaCy) to measure the scan-time share"
    )
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in (args.corpus / "headings/gold.jsonl").read_text("utf-8").splitlines() if x.strip()]
    wanted = {f for f in args.families.split(",") if f}
    if wanted:
        rows = [r for r in rows if r["family"] in wanted or f"{r['family']}/{r['variant']}" in wanted]
    by_family: dict[str, Tally] = defaultdict(Tally)
    halves: dict[str, Tally] = defaultdict(Tally)
    web_sites = sorted({site_of(r["path"]) for r in rows if r["family"] == "web"})
    timing: Counter[str] = Counter()
    docs = []
    for row in rows:
        path = args.corpus / row["path"]
        t0 = time.perf_counter()
        if args.drop_title_line and row["family"] == "web":
            doc, row = _without_title_line(path, row)
        else:
            doc = load_path(path)
        t1 = time.perf_counter()
        blocks = split_blocks(doc)
        t2 = time.perf_counter()
        # --keep-unrelated does not call relevance at all, so a half-edited relevance module
        # cannot stop a sections tuning run
        main_blocks = (
            tuple(b.index for b in blocks)
            if args.keep_unrelated
            else split_unrelated(doc, blocks, enabled=True).main_blocks
        )
        t3 = time.perf_counter()
        sections = detect_sections(doc, blocks, main_blocks)
        t4 = time.perf_counter()
        timing.update({"load": t1 - t0, "blocks": t2 - t1, "relevance": t3 - t2, "sections": t4 - t3})
        docs.append(doc)
        misses: list[str] | None = [] if args.show else None
        tally = score_document(row, doc.text.split("\n")[:-1], sections, misses)
        by_family[f"{row['family']}/{row['variant']}"].add(tally)
        if args.halves and row["family"] == "web":
            halves[half_of(row["path"], web_sites)].add(tally)
        if misses:
            print(f"{row['id']} ({row['path']})")
            print("\n".join(misses))
    total = Tally()
    print(
        f"headings: {len(rows)} documents{' (relevance split off)' if args.keep_unrelated else ''}"
        f"{' (web: line 1 removed)' if args.drop_title_line else ''}"
    )
    for fam in sorted(by_family):
        total.add(by_family[fam])
        print(line_for(fam, by_family[fam]))
    print(line_for("all", total))
    for name in sorted(halves):
        print(line_for(name, halves[name]))
    c = total.c
    lp, lr, lf = prf(c["l_tp"], c["l_fp"], c["l_fn"])
    label = c["l_label_ok"] / c["l_tp"] if c["l_tp"] else float("nan")
    print(
        f"lead-ins           P={lp:.3f} R={lr:.3f} F1={lf:.3f} (tp={c['l_tp']} fp={c['l_fp']} fn={c['l_fn']}) "
        f"label={label:.3f}"
    )
    before = sum(timing.values())
    print(
        "time before spaCy: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timing.items())
        + f"; sections = {timing['sections'] / before:.1%} of it"
    )
    if args.full:
        t0 = time.perf_counter()
        for _ in analyze_many(docs, Options(keep_unrelated=args.keep_unrelated)):
            pass
        full = time.perf_counter() - t0 + timing["load"]
        print(f"full scan {full:.1f} s; section detection = {timing['sections'] / full:.2%} of scan time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
