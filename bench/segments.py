"""Benchmark of the unrelated-content split; entry point: `main` (`python bench/segments.py CORPUS_DIR`).

Runs docscan's own functions in-process (load, blocks, `split_unrelated`) over the corpus's
`segments/<split>.gold.jsonl` and scores set-aside lines the way the corpus scorer does: over
non-blank lines, on spliced documents (also with same-topic insertions made neutral), by insertion
kind and position, and on clean documents as the share of lines and documents wrongly touched.
It also counts lines set aside in the newswire NER documents and in the headings documents (books,
RFCs, PEPs, web pages), which have nothing inserted, with the gold headings that fall inside a
set-aside stretch, and measures the split's share of a full scan's time. This is a measurement, not a test: it prints
numbers and never fails on them. Standard library and docscan only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docscan.blocks import split_blocks
from docscan.loading import load_path
from docscan.model import Split, unrelated_lines
from docscan.relevance import split_unrelated


def flagged_lines(split: Split, nonblank: set[int]) -> set[int]:
    return unrelated_lines(split.segments) & nonblank


def run_split(path: Path) -> tuple[set[int], set[int]]:
    """Set-aside non-blank lines and all non-blank lines of one file."""
    doc = load_path(path)
    blocks = split_blocks(doc)
    split = split_unrelated(doc, blocks)
    lines = doc.text.split("\n")
    nonblank = {i + 1 for i, line in enumerate(lines) if line.strip()}
    return flagged_lines(split, nonblank), nonblank


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class Scores:
    spliced_docs: int
    clean_docs: int
    line_prf: tuple[float, float, float]
    line_counts: tuple[int, int, int]
    line_prf_excl_same_topic: tuple[float, float, float]
    recall_by_kind: dict[str, float]
    recall_by_position: dict[str, float]
    spans_found_by_kind: dict[str, float]
    exact_doc_rate: float
    main_lines_flagged: float
    clean_lines_flagged: float
    clean_docs_touched: float


def half_of(doc_id: str) -> str:
    """The half a document belongs to: "odd" or "even" by the number that ends its id (the spliced and
    clean documents are numbered separately, so each half holds about half of both)."""
    m = re.search(r"(\d+)$", doc_id)
    return "odd" if m and int(m.group(1)) % 2 else "even"


def score(corpus: Path, split_name: str, show_errors: bool, half: str = "") -> Scores:
    rows = [json.loads(x) for x in (corpus / f"segments/{split_name}.gold.jsonl").read_text("utf-8").splitlines() if x]
    if half:
        rows = [r for r in rows if half_of(r["id"]) == half]
    tot: Counter[str] = Counter()
    tot_x: Counter[str] = Counter()
    kind_tot: Counter[str] = Counter()
    kind_hit: Counter[str] = Counter()
    pos_tot: Counter[str] = Counter()
    pos_hit: Counter[str] = Counter()
    span_all: Counter[str] = Counter()
    span_hit: Counter[str] = Counter()
    exact = n_spliced = 0
    main_lines = main_flag = 0
    clean_lines = clean_flag = clean_docs = clean_docs_flag = 0
    for r in rows:
        pred, nonblank = run_split(corpus / r["path"])
        gold = set(r["unrelated_lines"]) & nonblank
        if r["set"] == "clean":
            clean_docs += 1
            clean_lines += len(nonblank)
            clean_flag += len(pred)
            clean_docs_flag += bool(pred)
            if show_errors and pred:
                print(f"  clean {r['id']}: flagged {sorted(pred)}", file=sys.stderr)
            continue
        n_spliced += 1
        tot["tp"] += len(pred & gold)
        tot["fp"] += len(pred - gold)
        tot["fn"] += len(gold - pred)
        same: set[int] = set()
        for s in r["unrelated_spans"]:
            if s["kind"] == "same_topic":
                same.update(range(s["start_line"], s["end_line"] + 1))
        gx, px = gold - same, pred - same
        tot_x["tp"] += len(px & gx)
        tot_x["fp"] += len(px - gx)
        tot_x["fn"] += len(gx - px)
        main_lines += len(nonblank - gold)
        main_flag += len(pred - gold)
        exact += pred == gold
        for s in r["unrelated_spans"]:
            lines = set(range(s["start_line"], s["end_line"] + 1)) & nonblank
            kind_tot[s["kind"]] += len(lines)
            kind_hit[s["kind"]] += len(lines & pred)
            pos_tot[s["position"]] += len(lines)
            pos_hit[s["position"]] += len(lines & pred)
            span_all[s["kind"]] += 1
            span_hit[s["kind"]] += bool(lines) and 2 * len(lines & pred) >= len(lines)
        if show_errors and pred != gold:
            kinds = ",".join(f"{s['kind']}@{s['position']}" for s in r["unrelated_spans"])
            print(
                f"  spliced {r['id']} [{kinds}]: missed {sorted(gold - pred)} wrongly {sorted(pred - gold)}",
                file=sys.stderr,
            )
    return Scores(
        spliced_docs=n_spliced,
        clean_docs=clean_docs,
        line_prf=prf(tot["tp"], tot["fp"], tot["fn"]),
        line_counts=(tot["tp"], tot["fp"], tot["fn"]),
        line_prf_excl_same_topic=prf(tot_x["tp"], tot_x["fp"], tot_x["fn"]),
        recall_by_kind={k: kind_hit[k] / kind_tot[k] for k in sorted(kind_tot)},
        recall_by_position={k: pos_hit[k] / pos_tot[k] for k in sorted(pos_tot)},
        spans_found_by_kind={k: span_hit[k] / span_all[k] for k in sorted(span_all)},
        exact_doc_rate=exact / n_spliced if n_spliced else 0.0,
        main_lines_flagged=main_flag / main_lines if main_lines else 0.0,
        clean_lines_flagged=clean_flag / clean_lines if clean_lines else 0.0,
        clean_docs_touched=clean_docs_flag / clean_docs if clean_docs else 0.0,
    )


def ner_flagged(corpus: Path) -> tuple[int, int, int, int]:
    """Lines and documents set aside in the newswire documents, where nothing is unrelated."""
    flagged = lines = docs = touched = 0
    for path in sorted((corpus / "ner").glob("*/*.txt")):
        pred, nonblank = run_split(path)
        flagged += len(pred)
        lines += len(nonblank)
        docs += 1
        touched += bool(pred)
    return flagged, lines, touched, docs


def headings_flagged(corpus: Path) -> tuple[int, int, int, int]:
    """Lines set aside in the headings documents (books, RFCs, PEPs, web pages: nothing inserted)
    and how many of their gold headings fall inside a set-aside stretch."""
    flagged = lines = lost = total = 0
    gold = corpus / "headings/gold.jsonl"
    for row in (json.loads(x) for x in gold.read_text("utf-8").splitlines() if x):
        pred, nonblank = run_split(corpus / row["path"])
        flagged += len(pred)
        lines += len(nonblank)
        total += len(row["headings"])
        lost += sum(1 for h in row["headings"] if h["line"] in pred)
    return flagged, lines, lost, total


def time_share(paths: Iterable[Path]) -> tuple[float, float, int]:
    """Seconds in `split_unrelated` and in a full `analyze_path` (spaCy included) over the same files."""
    from docscan.pipeline import analyze_path

    paths = list(paths)
    analyze_path(str(paths[0]))  # load the model outside the measurement
    split_s = full_s = 0.0
    for path in paths:
        doc = load_path(path)
        blocks = split_blocks(doc)
        t0 = time.perf_counter()
        split_unrelated(doc, blocks)
        split_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        analyze_path(str(path))
        full_s += time.perf_counter() - t0
    return split_s, full_s, len(paths)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("corpus", type=Path, help="the corpus folder (holds segments/ and ner/)")
    ap.add_argument("--split", default="dev", help="segments split to score (default: dev)")
    ap.add_argument("--errors", action="store_true", help="list each wrong document's line numbers on stderr")
    ap.add_argument("--halves", action="store_true", help="also score odd- and even-numbered documents on their own")
    ap.add_argument("--timing-sample", type=int, default=40, help="documents timed for the split's share (0: skip)")
    args = ap.parse_args(argv)
    corpus: Path = args.corpus

    t0 = time.perf_counter()
    res = score(corpus, args.split, args.errors)
    elapsed = time.perf_counter() - t0
    p, r, f = res.line_prf
    px, rx, fx = res.line_prf_excl_same_topic
    tp, fp, fn = res.line_counts
    print(f"segments/{args.split}: {res.spliced_docs} spliced, {res.clean_docs} clean ({elapsed:.1f} s)")
    print(f"  spliced lines            P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    print(f"  excl. same-topic         P {px:.3f}  R {rx:.3f}  F1 {fx:.3f}")
    for key in ("recall_by_kind", "recall_by_position", "spans_found_by_kind"):
        parts = "  ".join(f"{k} {v:.2f}" for k, v in getattr(res, key).items())
        print(f"  {key.replace('_', ' '):<24} {parts}")
    print(f"  exact documents          {res.exact_doc_rate:.3f}")
    print(f"  main lines flagged       {res.main_lines_flagged:.4f}")
    print(f"  clean: lines flagged     {res.clean_lines_flagged:.4f}   docs touched {res.clean_docs_touched:.3f}")

    if args.halves:
        for half in ("odd", "even"):
            h = score(corpus, args.split, False, half)
            hp, hr, hf = h.line_prf
            print(
                f"  {half + ' half':<9} {h.spliced_docs} spliced: P {hp:.3f}  R {hr:.3f}  F1 {hf:.3f} "
                f"(tp {h.line_counts[0]}, fp {h.line_counts[1]}, fn {h.line_counts[2]})   "
                f"clean lines {h.clean_lines_flagged:.4f} docs {h.clean_docs_touched:.3f}"
            )

    if (corpus / "ner").is_dir():
        flagged, lines, touched, docs = ner_flagged(corpus)
        print(f"  newswire: lines flagged  {flagged}/{lines}   docs touched {touched}/{docs}")
    if (corpus / "headings/gold.jsonl").is_file():
        flagged, lines, lost, total = headings_flagged(corpus)
        print(f"  headings docs: flagged   {flagged}/{lines} lines   gold headings inside: {lost}/{total}")

    if args.timing_sample > 0:
        rows = [json.loads(x) for x in (corpus / f"segments/{args.split}.gold.jsonl").read_text("utf-8").splitlines()]
        paths = [corpus / x["path"] for x in rows]
        paths += sorted((corpus / "ner").glob("*/*.txt"))
        sample = random.Random(0).sample(paths, min(args.timing_sample, len(paths)))
        split_s, full_s, n = time_share(sample)
        print(
            f"  time: split {1000 * split_s / n:.2f} ms/doc, full scan {1000 * full_s / n:.1f} ms/doc "
            f"-> split is {100 * split_s / full_s:.1f}% of scan time ({n} docs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
