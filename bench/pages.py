"""Benchmark of the split on real page dumps; entry point: `main` (`python bench/pages.py CORPUS_DIR`).

Runs docscan's own functions in-process (load, blocks, `split_unrelated`) over the corpus's
`pages/dev/*.txt` (the full visible text of archived web pages) and scores them the way
`tools/score.py --tasks pages` does: the predicted main text is the lines outside every unrelated
segment; "with" strings found in it are kept (TP), "without" strings found in it were missed (FP);
furniture lines are scored against the labelled `furniture_lines` and `main_lines`. On pages whose
headline repeats the <title> line (found by `headline_line`; the gold does not label headlines), it
also counts whether the headline is kept and whether the outline's first heading is the title (the
title line or the headline) at level 1. The pages are
split in two halves by site (sorted site names, alternating), so that a rule tuned on one half can
be checked on sites it never saw; each half and the total are reported. It also times the split on
a page dump repeated to 1.25, 2.5 and 5 MB (the cost must stay linear). A measurement, not a
test: it prints numbers and never fails on them. Standard library and docscan only.

`--drop-title-line` scores the same pages with line 1 (the page's <title>, which html-text puts
first) removed, as many real dumps come (copied from a browser, made by another tool): the gold
line numbers move up by one, gold on line 1 is dropped, and so are "with"/"without" strings found
only there. It shows how the split does when the title line is not there to lean on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from docscan.blocks import split_blocks
from docscan.loading import decode_bytes, load_path
from docscan.model import Document, SegmentKind, unrelated_lines
from docscan.relevance import split_unrelated
from docscan.sections import detect_sections


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class Tally:
    """Counts over a set of pages, as score.py keeps them."""

    snip: Counter[str] = field(default_factory=Counter)
    lines: Counter[str] = field(default_factory=Counter)
    main_labelled: int = 0
    main_flagged: int = 0
    nonblank: int = 0
    removed: int = 0
    pages: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    # pages whose headline repeats the <title> line (see `headline_line`): the headline kept, and
    # the outline's first heading being that headline (or the title line) at level 1
    headline: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.headline.update(other.headline)
        self.snip.update(other.snip)
        self.lines.update(other.lines)
        self.categories.update(other.categories)
        self.main_labelled += other.main_labelled
        self.main_flagged += other.main_flagged
        self.nonblank += other.nonblank
        self.removed += other.removed
        self.pages += other.pages


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _without_title_line(corpus: Path, row: dict[str, object]) -> tuple[Document, dict[str, object]]:
    """The page with line 1 removed, and its gold moved up one line (gold on line 1 dropped)."""
    path = corpus / str(row["path"])
    data = path.read_bytes()
    rest = data.split(b"\n", 1)[1] if b"\n" in data else b""
    doc = decode_bytes(rest or b" ", path=f"{path} (title line dropped)", suffix=path.suffix)
    text = _ws(doc.text)
    moved = dict(row)
    for key in ("furniture_lines", "main_lines"):
        moved[key] = [n - 1 for n in row.get(key) or [] if n > 1]  # type: ignore[attr-defined]
    for key in ("with", "without"):
        moved[key] = [s for s in row.get(key) or [] if _ws(str(s)) in text]  # type: ignore[attr-defined]
    return doc, moved


_TITLE_PARTS = re.compile(r"\s+[|–—:-]\s+")


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def headline_line(path: Path) -> int | None:
    """The page's headline, as the gold does not label it: the first line after line 1 that says
    the longest part of the <title> line again (a site name after "|" or "-" left out)."""
    lines = path.read_text("utf-8", errors="replace").split("\n")
    parts = [_key(p) for p in _TITLE_PARTS.split(lines[0]) if p.strip()]
    head = max(parts, key=len) if parts else ""
    return next((i for i, x in enumerate(lines[1:], start=2) if head and _key(x) == head), None)


def score_page(corpus: Path, row: dict[str, object], show: bool, drop_title: bool = False) -> Tally:
    path = corpus / str(row["path"])
    if drop_title:
        doc, row = _without_title_line(corpus, row)
    else:
        doc = load_path(path)
    blocks = split_blocks(doc)
    split = split_unrelated(doc, blocks)
    unrel = unrelated_lines(split.segments)
    lines = doc.text.split("\n")[:-1]
    main_text = _ws("\n".join(line for i, line in enumerate(lines, start=1) if i not in unrel))
    nonblank = {i for i, line in enumerate(lines, start=1) if line.strip()}
    t = Tally(pages=1, nonblank=len(nonblank), removed=len(nonblank & unrel))
    with_ = [str(s) for s in row.get("with") or []]  # type: ignore[attr-defined]
    without = [str(s) for s in row.get("without") or []]  # type: ignore[attr-defined]
    tp = sum(1 for s in with_ if _ws(s) in main_text)
    fp = sum(1 for s in without if _ws(s) in main_text)
    t.snip.update(tp=tp, fp=fp, fn=len(with_) - tp, tn=len(without) - fp)
    furn = set(row.get("furniture_lines") or [])  # type: ignore[call-overload]
    main = set(row.get("main_lines") or [])  # type: ignore[call-overload]
    t.lines.update(tp=len(furn & unrel), fp=len(main & unrel), fn=len(furn - unrel))
    t.main_labelled, t.main_flagged = len(main), len(main & unrel)
    for s in split.segments:
        if s.kind is SegmentKind.UNRELATED:
            t.categories[getattr(s, "category", "") or "-"] += 1
    headline = headline_line(path)
    if headline is not None:
        line = headline - 1 if drop_title else headline
        outline = detect_sections(doc, blocks, split.main_blocks)
        first = outline[0] if outline else None
        t.headline.update(
            pages=1,
            kept=line not in unrel,
            level1=first is not None and first.level == 1 and first.start_line in {line, 0 if drop_title else 1},
        )
    if show and (furn - unrel or main & unrel):
        print(f"  {row['id']}:", file=sys.stderr)
        for i in sorted((furn - unrel) | (main & unrel)):
            what = "kept furniture" if i in furn else "lost main"
            print(f"    {what:15s} {i:5d} {lines[i - 1][:100]}", file=sys.stderr)
    return t


def report(name: str, t: Tally) -> None:
    s = t.snip
    sp, sr, sf = prf(s["tp"], s["fp"], s["fn"])
    with_kept = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 0.0
    set_aside = s["tn"] / (s["tn"] + s["fp"]) if s["tn"] + s["fp"] else 0.0
    lp, lr, lf = prf(t.lines["tp"], t.lines["fp"], t.lines["fn"])
    main_share = t.main_flagged / t.main_labelled if t.main_labelled else 0.0
    print(f"{name}: {t.pages} pages")
    print(f"  snippets           P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}   with kept {with_kept:.3f}   "
          f"without set aside {set_aside:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']} tn {s['tn']})")
    print(f"  furniture lines    P {lp:.3f}  R {lr:.3f}  F1 {lf:.3f}   (tp {t.lines['tp']} fp {t.lines['fp']} "
          f"fn {t.lines['fn']})")
    print(f"  labelled main lines flagged {main_share:.3f}   non-blank lines flagged "
          f"{t.removed / t.nonblank if t.nonblank else 0.0:.3f}")
    h = t.headline
    print(f"  headline (repeats the title, {h['pages']} pages): kept {h['kept']}, first heading at level 1 "
          f"{h['level1']}")


def halves(rows: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    """Two halves by site: the sorted site names, alternating (every page is from its own site)."""
    sites = sorted({str(r["site"]) for r in rows})
    half = {site: "A" if i % 2 == 0 else "B" for i, site in enumerate(sites)}
    out: dict[str, list[dict[str, object]]] = {"A": [], "B": []}
    for r in rows:
        out[half[str(r["site"])]].append(r)
    return out


def time_large(corpus: Path, rows: list[dict[str, object]]) -> None:
    """CPU seconds (process time: the machine is shared, wall time is noise) for blocks + split on
    one page dump repeated to about 1.25, 2.5 and 5 MB."""
    base = max((corpus / str(r["path"]) for r in rows), key=lambda p: p.stat().st_size)
    text = base.read_text("utf-8")
    for mb in (1.25, 2.5, 5.0):
        reps = max(1, int(mb * 1_000_000 / len(text.encode("utf-8"))))
        doc = decode_bytes((text * reps).encode("utf-8"), path=f"{base.name}x{reps}")
        t0 = time.process_time()
        blocks = split_blocks(doc)
        t1 = time.process_time()
        split_unrelated(doc, blocks)
        t2 = time.process_time()
        print(
            f"  {len(doc.text) / 1e6:.2f} MB ({len(blocks)} blocks): CPU blocks {t1 - t0:.2f} s, split {t2 - t1:.2f} s"
        )


def time_share(corpus: Path, rows: list[dict[str, object]]) -> None:
    """Issue 11's cost target: blocks, split and outline together against a whole scan (spaCy
    included, model loaded beforehand) over the same pages, in CPU seconds of this process."""
    from docscan.pipeline import analyze_path

    paths = [corpus / str(r["path"]) for r in rows]
    analyze_path(str(paths[0]))  # load the model outside the measurement
    layout = scan = 0.0
    for path in paths:
        doc = load_path(path)
        t0 = time.process_time()
        blocks = split_blocks(doc)
        split = split_unrelated(doc, blocks)
        detect_sections(doc, blocks, split.main_blocks)
        t1 = time.process_time()
        analyze_path(str(path))
        t2 = time.process_time()
        layout += t1 - t0
        scan += t2 - t1
    share = layout / scan if scan else 0.0
    print(
        f"  cost over {len(paths)} pages: blocks + split + outline {layout:.2f} s CPU, whole scan {scan:.2f} s CPU"
        f" -> {share:.1%} of a scan"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("corpus", type=Path, help="the corpus folder (holds pages/)")
    ap.add_argument("--split", default="dev", help="pages split to score (default: dev)")
    ap.add_argument("--errors", action="store_true", help="list kept furniture and lost main lines on stderr")
    ap.add_argument("--half", choices=["A", "B"], help="score only one half")
    ap.add_argument(
        "--drop-title-line", action="store_true", help="score the pages with line 1 (the <title> line) removed"
    )
    ap.add_argument("--large", action="store_true", help="also time the split on a page dump repeated to 5 MB")
    ap.add_argument(
        "--share", action="store_true", help="also time blocks + split + outline against a whole scan (spaCy)"
    )
    args = ap.parse_args(argv)
    corpus: Path = args.corpus
    gold = corpus / f"pages/{args.split}.gold.jsonl"
    rows = [json.loads(x) for x in gold.read_text("utf-8").splitlines() if x.strip()]
    total = Tally()
    t0 = time.perf_counter()
    for name, part in halves(rows).items():
        if args.half and name != args.half:
            continue
        tally = Tally()
        for row in part:
            tally.add(score_page(corpus, row, args.errors, args.drop_title_line))
        report(f"half {name}", tally)
        total.add(tally)
    if args.drop_title_line:
        print("(line 1 of every page removed)")
    report(f"pages/{args.split} total ({time.perf_counter() - t0:.1f} s)", total)
    cats = ", ".join(f"{k} {v}" for k, v in total.categories.most_common())
    print(f"  unrelated segments by category: {cats}")
    if args.large:
        time_large(corpus, rows)
    if args.share:
        time_share(corpus, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
