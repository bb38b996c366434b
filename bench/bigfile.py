"""One very large newswire-like file against the corpus rate (a benchmark, not a test).

Usage:
  python bench/bigfile.py CORPUS_DIR [--mb 50] [--model NAME]

Joins the newswire documents of `ner/conll2003_valid` (repeated until the file is MB megabytes)
into one file and runs docscan's full analysis on it with the real model in a fresh process, one
worker, measuring words per second and peak memory (ru_maxrss). The same documents scanned as
separate files give the corpus rate. Issue 10's target: the big file at no less than 0.8 x the
corpus rate, in bounded memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

RUN = r"""
import json, resource, sys, time
from docscan.batch import scan
from docscan.model import Options
paths, model = sys.argv[2:], sys.argv[1] or None
words = 0
def count(report):
    global words
    words += report.stats.words if report.stats else 0
from docscan import nlp
nlp.get_pipeline(model)  # loaded before the clock starts: the rate is the analysis, not start-up
t = time.perf_counter()
summary = scan(paths, Options(model=model), workers=1, on_report=count)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "words": words, "failed": summary.failed,
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run(model: str, paths: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", RUN, model, *paths], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--model", default="")
    args = ap.parse_args()
    files = sorted((args.corpus / "ner" / "conll2003_valid").glob("*.txt"))
    corpus = run(args.model, [str(p) for p in files])
    rate = corpus["words"] / corpus["seconds"]
    peak = corpus["peak_kib"] / 1024
    print(f"corpus: {len(files)} files, {corpus['words']:,} words, {rate:,.0f} words/s, peak {peak:,.0f} MiB")
    texts = [p.read_text(encoding="utf-8") for p in files]
    target = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "newswire.txt"
        with big.open("w", encoding="utf-8") as f:
            size = 0
            while size < target:
                for t in texts:
                    f.write(t + "\n\n")
                    size += len(t.encode()) + 2
                    if size >= target:
                        break
        result = run(args.model, [str(big)])
    big_rate = result["words"] / result["seconds"]
    print(
        f"{args.mb:g} MB file: {result['words']:,} words in {result['seconds']:.0f} s = {big_rate:,.0f} words/s,"
        f" {big_rate / rate:.2f} x the corpus rate (target >= 0.8); peak {result['peak_kib'] / 1024:,.0f} MiB;"
        f" failed {result['failed']}"
    )


if __name__ == "__main__":
    main()
