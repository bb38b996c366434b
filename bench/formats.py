"""HTML, DOCX and PDF inputs: main-content quality, loading cost and throughput (a benchmark, not a test).

Usage:
  python bench/formats.py pages CORPUS_DIR [--fast] [--limit N]   # main content on pages/dev/*.html
  python bench/formats.py loading CORPUS_DIR [--limit N]          # HTML loading as a share of scan time
  python bench/formats.py throughput [--repeat N]                 # DOCX / PDF vs plain text, same content
  python bench/formats.py pdflibs [--repeat N]                    # pypdf vs pdfminer.six on generated PDFs
  python bench/formats.py bightml [--mb 50]                       # a 50 MB page: time and peak memory
  python bench/formats.py htmllibs CORPUS_DIR [--mb 50]           # lxml (events) vs selectolax (tree)

`pages` scores the predicted main text of each page the way `tools/score.py --tasks pages
--pages-input html` does (a whitespace-normalised substring test of the gold "with" and
"without" strings), side by side for:
  regions      docscan's extracted text minus the FURNITURE regions the HTML loader marked
               (markup evidence alone, no split);
  docscan      the extracted text minus the `unrelated` segments of docscan's split, exactly the
               JSON's `document.text` as score.py reads it (the split sets FURNITURE regions
               aside itself, as "furniture by markup");
  docscan+furn both, a check: equal to `docscan` as long as the split honours every FURNITURE region;
  trafilatura  `trafilatura.extract(html, favor_recall=False)` (2.x; a bench dependency only).
Pages are split in two halves by site (the parity of the first byte of sha1(site)): rules are
tuned on half A and reported on both. `--fast` skips the docscan analysis (spaCy) columns.
Timing numbers on a shared machine are noisy: each is the best of several runs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from docscan.formats import by_name
from docscan.loading import decode_bytes
from docscan.model import Document, Options, RegionKind, unrelated_lines


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def half(site: str) -> str:
    return "A" if hashlib.sha1(site.encode()).digest()[0] % 2 == 0 else "B"


def lines_without(text: str, drop: set[int]) -> str:
    return "\n".join(line for i, line in enumerate(text.split("\n"), start=1) if i not in drop)


def furniture_lines(doc: Document) -> set[int]:
    out: set[int] = set()
    for r in doc.regions:
        if r.kind is RegionKind.FURNITURE:
            out.update(range(r.start_line, r.end_line + 1))
    return out


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, main_text: str, row: dict) -> None:
        resn = _ws(main_text)
        for s in row.get("with") or []:
            if _ws(s) in resn:
                self.tp += 1
            else:
                self.fn += 1
        for s in row.get("without") or []:
            if _ws(s) in resn:
                self.fp += 1
            else:
                self.tn += 1

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        kept = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        aside = self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {f1:.3f} with kept {kept:.3f} without set aside {aside:.3f} " \
               f"(TP {self.tp} FP {self.fp} FN {self.fn} TN {self.tn})"


def pages(corpus: Path, fast: bool, limit: int | None, show: bool) -> None:
    rows = [json.loads(x) for x in (corpus / "pages" / "dev.gold.jsonl").read_text().splitlines() if x.strip()]
    rows = rows[:limit] if limit else rows
    variants = ["regions"] + ([] if fast else ["docscan", "docscan+furn"]) + ["trafilatura"]
    tallies = {(v, h): Tally() for v in variants for h in ("A", "B", "all")}
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
        variants.remove("trafilatura")
    if not fast:
        from docscan.pipeline import analyze_document
    for row in rows:
        data = (corpus / row["html_path"]).read_bytes()
        doc = decode_bytes(data, path=row["html_path"], suffix=".html")
        furn = furniture_lines(doc)
        preds: dict[str, str] = {"regions": lines_without(doc.text, furn)}
        if not fast:
            report = analyze_document(doc, Options())
            unrel = unrelated_lines(report.segments)
            preds["docscan"] = lines_without(doc.text, unrel)
            preds["docscan+furn"] = lines_without(doc.text, unrel | furn)
        if trafilatura is not None:
            preds["trafilatura"] = trafilatura.extract(data.decode("utf-8", "replace"), favor_recall=False) or ""
        h = half(row["site"])
        for v in variants:
            tallies[(v, h)].add(preds[v], row)
            tallies[(v, "all")].add(preds[v], row)
        if show:
            for v in ("regions", "docscan"):
                if v not in preds:
                    continue
                misses = [s for s in row.get("with") or [] if _ws(s) not in _ws(preds[v])]
                leaks = [s for s in row.get("without") or [] if _ws(s) in _ws(preds[v])]
                if misses or leaks:
                    print(f"{h} {row['id']} {v}: FN {misses} FP {leaks}")
                if v == "docscan" and (misses or leaks):
                    _why(doc, report, misses + leaks)
    for h in ("A", "B", "all"):
        n = sum(1 for r in rows if h == "all" or half(r["site"]) == h)
        print(f"half {h} ({n} pages)")
        for v in variants:
            print(f"  {v:13s} {tallies[(v, h)].row()}")


def _why(doc: Document, report: object, strings: list[str]) -> None:
    """For each missed or leaked string, the verdict of the block that holds it (`--explain`'s reason)."""
    from docscan.blocks import split_blocks

    blocks = split_blocks(doc)
    verdicts = {v.block: v for v in report.verdicts}  # type: ignore[attr-defined]
    for s in strings:
        for b in blocks:
            if _ws(s)[:40] in _ws(b.text):
                v = verdicts.get(b.index)
                print(f"    line {b.start_line}: {v.reason if v else '?'} | {b.text[:70]!r}")
                break


def loading(corpus: Path, limit: int | None) -> None:
    """HTML loading time against the whole scan (load + analysis), per page, best of 3 loads."""
    from docscan.pipeline import analyze_document

    files = sorted((corpus / "pages" / "dev").glob("*.html"))
    files = files[:limit] if limit else files
    analyze_document(decode_bytes(b"warm up the pipeline.", path="w"), Options())
    load_s = scan_s = 0.0
    for f in files:
        data = f.read_bytes()
        best = min(_timed(lambda d=data, p=str(f): decode_bytes(d, path=p, suffix=".html")) for _ in range(3))
        doc = decode_bytes(data, path=str(f), suffix=".html")
        t = time.perf_counter()
        analyze_document(doc, Options())
        scan_s += time.perf_counter() - t + best
        load_s += best
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} pages, {mb:.1f} MB of HTML: loading {load_s:.2f} s ({mb / load_s:.1f} MB/s), "
          f"whole scan {scan_s:.2f} s: loading = {100 * load_s / scan_s:.1f} % of the scan")


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- generated documents: the same content as plain text, DOCX and PDF --------------------------

_WORDS = ["harbor", "committee", "river", "budget", "council", "survey", "station", "engineer", "winter",
          "report", "market", "village", "teacher", "season", "bridge", "railway", "museum", "archive",
          "festival", "weather", "garden"]


def generated_paragraphs(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, text) pairs: a heading every ten paragraphs, sentences of made-up common words."""
    import random

    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        if i % 10 == 0:
            title = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}"
            out.append(("heading", f"Part {i // 10 + 1}: The {title}"))
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
            sentences.append(" ".join(words).capitalize() + ".")
        out.append(("para", " ".join(sentences)))
    return out


def make_docx(paras: list[tuple[str, str]]) -> bytes:
    import docx

    d = docx.Document()
    for kind, text in paras:
        if kind == "heading":
            d.add_heading(text, level=1)
        else:
            d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_pdf(paras: list[tuple[str, str]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for kind, text in paras:
        if kind == "heading":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, text)
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text)
        pdf.ln(4)
    return bytes(pdf.output())


def throughput(repeat: int) -> None:
    """Loading (bytes to Document) and the whole analysis, per format, for the same content."""
    from docscan.pipeline import analyze_document

    paras = generated_paragraphs(400)
    plain = "\n\n".join(t for _, t in paras).encode()
    inputs = {".txt": plain, ".docx": make_docx(paras), ".pdf": make_pdf(paras)}
    words = len(plain.split())
    analyze_document(decode_bytes(b"warm up the pipeline.", path="w"), Options())
    print(f"the same {words:,} words as plain text, DOCX and PDF (best of {repeat}):")
    for suffix, data in inputs.items():
        load = min(_timed(lambda d=data, s=suffix: decode_bytes(d, path="x" + s, suffix=s)) for _ in range(repeat))
        doc = decode_bytes(data, path="x" + suffix, suffix=suffix)
        scan = min(_timed(lambda d=doc: analyze_document(d, Options())) for _ in range(max(1, repeat // 2)))
        print(f"  {suffix:6s} {len(data) / 1e3:8.0f} KB  load {load * 1e3:8.1f} ms ({words / load:12,.0f} words/s)"
              f"  load + analysis {words / (load + scan):8,.0f} words/s  [{doc.format}]")


def pdflibs(repeat: int) -> None:
    """pypdf and pdfminer.six on the same generated PDF: time, and how much of the text comes back
    (word recall, words glued together, paragraph breaks kept)."""
    paras = generated_paragraphs(200)
    data = make_pdf(paras)
    truth = [t for _, t in paras]
    truth_words = " ".join(truth).split()

    def with_pypdf() -> str:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() for page in reader.pages)

    def with_pdfminer() -> str:
        from pdfminer.high_level import extract_text

        return str(extract_text(io.BytesIO(data)))

    def with_docscan() -> str:
        return by_name("pdf").extract(data, path="x.pdf").text

    for name, fn in (("pypdf", with_pypdf), ("pdfminer.six", with_pdfminer), ("docscan (pdfminer)", with_docscan)):
        best = min(_timed(fn) for _ in range(repeat))
        text = fn()
        got = text.split()
        common = len(set(truth_words) & set(got))
        exact = sum(1 for w in truth_words if w in set(got))
        blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
        whole = sum(1 for t in truth if any(_ws(t) == _ws(b) for b in blocks))
        print(f"  {name:20s} {best:6.2f} s ({len(truth_words) / best:9,.0f} words/s); words found "
              f"{exact / len(truth_words):.3f}, distinct {common}/{len(set(truth_words))}; "
              f"paragraphs recovered whole {whole}/{len(truth)}")


def bightml(mb: int) -> None:
    """A page of `mb` MB (one article repeated inside many nested sections): time and peak memory."""
    part = ("<section class='story'><h2>Part</h2><p>The harbor committee met on Tuesday &amp; agreed "
            "to fund the <a href='/x'>bridge</a> repairs before winter.</p><ul><li>one</li><li>two</li>"
            "</ul><script>var x = 1;</script></section>\n")
    body = part * (mb * 1_000_000 // len(part))
    data = f"<!doctype html><html><head><title>big</title></head><body>{body}</body></html>".encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    doc = decode_bytes(data, path="big.html", suffix=".html")
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(data) / 1e6:.0f} MB page: {seconds:.1f} s, {len(doc.text) / 1e6:.1f} M characters of text, "
          f"{len(doc.regions):,} regions; peak RSS {peak:.0f} MiB (before {before:.0f} MiB, "
          f"input {len(data) / 2**20:.0f} MiB)")


def htmllibs(corpus: Path, mb: int) -> None:
    """lxml (event mode, what docscan uses) against selectolax (Lexbor, builds a tree) on the pages:
    parse and walk every node collecting text, best of 3; then peak memory on an `mb` MB page."""
    from lxml import etree
    from selectolax.lexbor import LexborHTMLParser

    class Sink:
        def __init__(self) -> None:
            self.n = 0

        def start(self, tag: object, attrib: object) -> None:
            self.n += 1

        def end(self, tag: object) -> None:
            pass

        def data(self, text: str) -> None:
            self.n += len(text)

        def close(self) -> int:
            return self.n

    def with_lxml(text: str) -> int:
        parser = etree.HTMLParser(target=Sink())
        parser.feed(text)
        return int(parser.close())

    def with_selectolax(text: str) -> int:
        n = 0
        for node in LexborHTMLParser(text).root.traverse(include_text=True):
            n += len(node.text_content or "") if node.tag == "-text" else 1
        return n

    pages = [f.read_bytes().decode("utf-8", "replace") for f in sorted((corpus / "pages" / "dev").glob("*.html"))]
    mb_total = sum(len(p) for p in pages) / 1e6
    for name, fn in (("lxml target (events)", with_lxml), ("selectolax lexbor (tree)", with_selectolax)):
        best = min(_timed(lambda f=fn: [f(p) for p in pages]) for _ in range(3))
        print(f"  {name:26s} {len(pages)} pages, {mb_total:.1f} M chars: {best:.2f} s "
              f"({mb_total / best:.1f} M chars/s)")
    html = by_name("html")
    whole = min(_timed(lambda: [html.extract(p.encode(), path="x") for p in pages]) for _ in range(3))
    print(f"  docscan's whole HTML extraction: {whole:.2f} s")
    code = (
        "import resource, sys\n"
        "part = \"<section class='story'><h2>Part</h2><p>The harbor committee met on Tuesday.</p></section>\\n\"\n"
        f"html = '<html><body>' + part * ({mb} * 1_000_000 // len(part)) + '</body></html>'\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "if sys.argv[1] == 'lxml':\n"
        "    from lxml import etree\n"
        "    class T:\n"
        "        def start(self, t, a): pass\n"
        "        def end(self, t): pass\n"
        "        def data(self, d): pass\n"
        "        def close(self): pass\n"
        "    p = etree.HTMLParser(target=T())\n"
        "    for i in range(0, len(html), 1 << 20):\n"
        "        p.feed(html[i:i + (1 << 20)])\n"
        "    p.close()\n"
        "else:\n"
        "    from selectolax.lexbor import LexborHTMLParser\n"
        "    tree = LexborHTMLParser(html)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    import subprocess

    for lib in ("lxml", "selectolax"):
        out = subprocess.run([sys.executable, "-c", code, lib], capture_output=True, text=True, check=True)
        print(f"  {lib}: a {mb} MB page adds {out.stdout.strip()} MiB of peak memory to parse")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["pages", "loading", "throughput", "pdflibs", "bightml", "htmllibs"])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--fast", action="store_true", help="pages: skip the docscan analysis columns")
    ap.add_argument("--show", action="store_true", help="pages: list each page's misses and leaks (regions)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mb", type=int, default=50)
    a = ap.parse_args()
    if a.what == "pages":
        pages(a.corpus, a.fast, a.limit, a.show)
    elif a.what == "loading":
        loading(a.corpus, a.limit)
    elif a.what == "throughput":
        throughput(a.repeat)
    elif a.what == "pdflibs":
        pdflibs(a.repeat)
    elif a.what == "htmllibs":
        htmllibs(a.corpus, a.mb)
    else:
        bightml(a.mb)


if __name__ == "__main__":
    main()
