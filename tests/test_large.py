"""A 50 MB text file is analyzed in bounded memory, without spaCy's max_length error.

The file goes through the whole pipeline with a small rule-based spaCy pipeline built here (a
tokenizer, a sentencizer and an entity ruler), so the test measures docscan's own handling of
size (blocks, pieces, sections, entities, chunked readability, JSON) in reasonable time.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

MEGABYTE = 1_000_000
# docscan's own structures for a 50 MB document (text, blocks, pieces, mentions, the JSON line)
# stay well under this; unbounded approaches (one Doc for the whole text, textstat's word lists)
# need several times more.
MAX_PEAK_MB = 1500

RUN = r"""
import json, resource, sys
from docscan.cli import main
sys.argv = ["docscan", "scan", sys.argv[1], "--model", sys.argv[2], "-o", sys.argv[3], "-q"]
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr)
"""


def make_pipeline(path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Norway"},
            {"label": "PERSON", "pattern": [{"LOWER": "maria"}, {"LOWER": "lopez"}]},
            {"label": "ORG", "pattern": [{"LOWER": "acme"}, {"LOWER": "corp"}]},
        ]
    )
    nlp.to_disk(path)


def make_text(path: Path, size: int) -> None:
    rng = random.Random(7)
    words = ["the", "harbour", "council", "said", "plan", "bridge", "engineers", "river", "city", "museum", "fossil", "train", "night", "operator", "sleeper", "cabins", "apple", "growers", "harvest", "exporters", "ships", "winter", "officials", "work", "continue", "year", "report", "budget", "committee", "members", "agreed", "proposal"]
    names = ["Maria Lopez", "Norway", "Acme Corp"]
    written = 0
    k = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            k += 1
            sent = []
            for _ in range(rng.randint(40, 120)):
                sent.append(rng.choice(words) if rng.random() > 0.05 else rng.choice(names))
                if rng.random() < 0.07:
                    sent[-1] += "."
            para = " ".join(sent).capitalize() + ".\n\n"
            if k % 40 == 0:
                para = f"Part {k} of the Record\n\n" + para
            if k == 500:
                para += "x" * 150_000 + " one paragraph far longer than spaCy pieces.\n\n"
            fh.write(para)
            written += len(para)


@pytest.mark.slow
def test_fifty_megabyte_file(tmp_path: Path) -> None:
    model = tmp_path / "tiny"
    make_pipeline(model)
    doc = tmp_path / "big.txt"
    make_text(doc, 50 * MEGABYTE)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-c", RUN, str(doc), str(model), str(out)], capture_output=True, text=True, timeout=900
    )
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    assert stats["exit"] == 0, proc.stderr[-2000:]
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["ok"] and record["document"]["characters"] >= 50 * MEGABYTE
    assert record["stats"]["words"] > 6_000_000
    assert {e["name"] for e in record["entities"]["countries"]} == {"Norway"}
    assert record["readability"]["flesch_reading_ease"] is not None
    assert any("chunks" in w for w in record["readability"]["warnings"])
    assert stats["peak_mb"] < MAX_PEAK_MB, stats
