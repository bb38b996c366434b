"""Entity benchmark on both NER sets, by half, per pass and at scale; entry point: `main`.

Usage:
  python bench/entities.py CORPUS_DIR                    # both sets, halves A/B and totals
  python bench/entities.py CORPUS_DIR --baseline         # plus the raw-model baseline
  python bench/entities.py CORPUS_DIR --ablate           # effect of switching off each pass / rule
  python bench/entities.py CORPUS_DIR --skip NAME,NAME   # run with named passes / rules off
  python bench/entities.py CORPUS_DIR --errors 30        # most frequent misses and false hits
  python bench/entities.py CORPUS_DIR --passes           # time of each pass, and knowledge loading
  python bench/entities.py CORPUS_DIR --scale 1,2,4      # entity stage on 1, 2, 4 MB of joined newswire

CORPUS_DIR is the docscan evaluation corpus (the folder holding `ner/<set>.gold.jsonl` and
`resources/countries.json`). Nothing from it is copied or kept: it is read, scored, forgotten
(`--cache DIR` keeps the spaCy output of each document in a local pickle, outside the repo, so
rule changes can be measured in seconds; delete it when the pipeline before entities changes).

Sets: `conll2003_valid` (newswire) and `wikigold_dev` (encyclopedic). Each is split in two halves
by position in its gold file: A = even positions (0, 2, ...: the half rules are tuned on), B = odd
positions (held out while tuning). Scoring follows the corpus scorer (`tools/score.py`): people
<-> PER, organizations <-> ORG, countries <-> LOC mentions with a country code, loc = countries +
places <-> all LOC; `strict` = exact character span; micro-averaged.

Timing: NER = `nlp.analyze_pieces` over docscan's own pieces of each document; entity stage =
`build_entities` (knowledge loading is timed apart, once per process: `--passes`). The speed
budget is entity stage < 10 % of NER.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docscan import entities as entities_mod
from docscan import nlp, pipeline
from docscan.loading import load_path
from docscan.model import Document, PieceAnalysis, RawEntity
from docscan.render.json import entities_to_dict

CATS = ("people", "organizations", "countries", "loc")
SHOWN = ("people", "organizations", "countries")
GROUPS = ("countries", "organizations", "people", "places")
SETS = ("conll2003_valid", "wikigold_dev")
Span = tuple[int, int]


def norm_name(value: Any) -> str:
    """The scorer's name normalisation (document-level matching)."""
    if not isinstance(value, str):
        return ""
    s = unicodedata.normalize("NFKC", value).replace("’", "'").lower()
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"('s|')$", "", s)
    s = re.sub(r"^the ", "", s)
    return s.strip(" .,;:\"'()[]")


def country_code(aliases: dict[str, str], s: Any) -> str | None:
    n = norm_name(s)
    return aliases.get(n) or aliases.get(n.replace(".", ""))


class Scorer:
    """Strict-span counts per category, plus the surfaces of the errors."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.errors: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(self, text: str, gold_mentions: list[dict[str, Any]], ents: dict[str, list[dict[str, Any]]]) -> None:
        g: dict[str, list[Span]] = defaultdict(list)
        for m in gold_mentions:
            span = (m["start_char"], m["end_char"])
            if m["type"] == "PER":
                g["people"].append(span)
            elif m["type"] == "ORG":
                g["organizations"].append(span)
            elif m["type"] == "LOC":
                g["loc"].append(span)
                if m.get("country_code"):
                    g["countries"].append(span)
        spans = {c: [(m["start_char"], m["end_char"]) for e in ents.get(c, []) for m in e["mentions"]] for c in GROUPS}
        p = {
            "people": spans["people"],
            "organizations": spans["organizations"],
            "countries": spans["countries"],
            "loc": spans["countries"] + spans["places"],
        }
        for key in CATS:
            gs, ps = Counter(g[key]), Counter(p[key])
            tp = sum((gs & ps).values())
            self.counts[key].update(tp=tp, fp=sum(ps.values()) - tp, fn=sum(gs.values()) - tp)
            for a, b in (ps - gs).elements():
                self.errors[("fp", key)][text[a:b]] += 1
            for a, b in (gs - ps).elements():
                self.errors[("fn", key)][text[a:b]] += 1

    def merge(self, other: Scorer) -> None:
        for k, c in other.counts.items():
            self.counts[k].update(c)
        for k2, e in other.errors.items():
            self.errors[k2].update(e)

    def f1(self, key: str) -> tuple[float, float, float]:
        c = self.counts[key]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline_entities(model: Any, text: str, aliases: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The README's raw-model predictor: one entity per mention, typed by the model's label."""
    out: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for ent in model(text).ents:
        m = {"text": ent.text, "start_char": ent.start_char, "end_char": ent.end_char}
        if ent.label_ == "PERSON":
            group = "people"
        elif ent.label_ == "ORG":
            group = "organizations"
        elif ent.label_ == "GPE":
            group = "countries" if country_code(aliases, ent.text) else "places"
        elif ent.label_ in ("LOC", "FAC"):
            group = "places"
        else:
            continue
        out[group].append({"name": ent.text, "mentions": [m]})
    return out


@dataclass(frozen=True)
class Case:
    """One gold document with what the entity stage needs, spaCy already run."""

    set: str
    half: str
    row: dict[str, Any]
    doc: Document
    prepared: pipeline.Prepared
    analyses: tuple[PieceAnalysis, ...]
    ner_s: float


def load_cases(corpus: Path, sets: Sequence[str], cache: Path | None, limit: int) -> list[Case]:
    out: list[Case] = []
    options = pipeline.Options()
    for name in sets:
        rows = [json.loads(line) for line in (corpus / f"ner/{name}.gold.jsonl").open(encoding="utf-8")]
        if limit:
            rows = rows[:limit]
        for i, row in enumerate(rows):
            doc = load_path(str(corpus / row["path"]))
            key = hashlib.sha1(doc.text.encode()).hexdigest()[:16]
            hit = cache / f"{name}-{key}.pickle" if cache else None
            if hit is not None and hit.exists():
                prepared, analyses, ner_s = pickle.loads(hit.read_bytes())
            else:
                prepared = pipeline.prepare(doc, options)
                t0 = time.perf_counter()
                analyses = tuple(nlp.analyze_pieces(prepared.pieces))
                ner_s = time.perf_counter() - t0
                if hit is not None:
                    hit.parent.mkdir(parents=True, exist_ok=True)
                    hit.write_bytes(pickle.dumps((prepared, analyses, ner_s)))
            out.append(Case(name, "AB"[i % 2], row, doc, prepared, analyses, ner_s))
    return out


def entity_inputs(case: Case) -> dict[str, Any]:
    """The arguments `pipeline.finish` gives `build_entities` (kept in step with it)."""
    p, doc = case.prepared, case.doc
    prose = [(pc.offset, pc.offset + len(pc.text)) for pc in p.pieces if pc.prose]
    caps = [
        (pc.offset, pc.offset + len(pc.text))
        for pc in p.pieces
        if not pc.prose and doc.text[pc.offset : pc.offset + len(pc.text)].isupper()
    ]
    return {
        "raw": [e for a in case.analyses for e in a.entities],
        "scope": [(pc.offset, pc.offset + len(pc.text)) for pc in p.pieces],
        "sections": p.sections,
        "trusted": prose + caps,
    }


def score(cases: Sequence[Case], skip: frozenset[str], clock: dict[str, float] | None = None) -> dict[str, Scorer]:
    """Scorers keyed by 'set/half'; the entity stage's wall time is added to clock['entities']."""
    out: dict[str, Scorer] = defaultdict(Scorer)
    for c in cases:
        inputs = entity_inputs(c)
        t0 = time.perf_counter()
        ents = entities_mod.build_entities(c.doc, **inputs, skip=skip, clock=clock)
        if clock is not None:
            clock["entities"] = clock.get("entities", 0.0) + time.perf_counter() - t0
        out[f"{c.set}/{c.half}"].add(c.doc.text, c.row["mentions"], entities_to_dict(ents))
    return out


def totals(scorers: dict[str, Scorer], name: str) -> Scorer:
    s = Scorer()
    for half in "AB":
        if f"{name}/{half}" in scorers:
            s.merge(scorers[f"{name}/{half}"])
    return s


def table(scorers: dict[str, Scorer], sets: Sequence[str], base: dict[str, Scorer] | None) -> Iterable[str]:
    head = "| set | half | " + " | ".join(CATS) + " |"
    yield head + (" baseline people / orgs / countries / loc |" if base else "")
    yield "|---" * (2 + len(CATS) + (1 if base else 0)) + "|"
    for name in sets:
        for half in ("A", "B", "all"):
            s = totals(scorers, name) if half == "all" else scorers[f"{name}/{half}"]
            row = f"| {name} | {half} | " + " | ".join(f"{s.f1(k)[2]:.3f}" for k in CATS) + " |"
            if base:
                b = totals(base, name) if half == "all" else base[f"{name}/{half}"]
                row += " " + " / ".join(f"{b.f1(k)[2]:.3f}" for k in CATS) + " |"
            yield row


def ablate(cases: Sequence[Case], sets: Sequence[str]) -> Iterable[str]:
    """Strict F1 change on each half of each set when one pass or rule is switched off (positive =
    it helps): a rule fitted to one half shows as a gain there and a loss or nothing on the other."""
    full = score(cases, frozenset())
    yield "| switched off | " + " | ".join(f"{n} {k[:4]} A / B" for n in sets for k in SHOWN) + " |"
    yield "|---" * (1 + len(sets) * len(SHOWN)) + "|"
    for name in entities_mod.switchable():
        off = score(cases, frozenset({name}))
        cells = []
        for n in sets:
            for k in SHOWN:
                d = [full[f"{n}/{h}"].f1(k)[2] - off[f"{n}/{h}"].f1(k)[2] for h in "AB"]
                cells.append(" / ".join(f"{x:+.3f}" for x in d))
        yield f"| {name} | " + " | ".join(cells) + " |"


def pass_times(cases: Sequence[Case]) -> Iterable[str]:
    """Knowledge loading in a fresh process, then NER and the entity stage over the same documents
    in this one (CPU seconds, best of three for the entity stage: the machine may be shared)."""
    import subprocess

    probe = (
        "import time; t0 = time.perf_counter(); from docscan import entities as e; t1 = time.perf_counter(); "
        "e.gazetteer(); print(t1 - t0, time.perf_counter() - t1)"
    )
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True) for _ in range(3)]
    imports, load = (min(float(r.stdout.split()[i]) for r in runs) for i in (0, 1))
    c0 = time.process_time()
    for c in cases:
        nlp.analyze_pieces(c.prepared.pieces)
    ner = time.process_time() - c0
    clock: dict[str, float] = {}
    for _ in range(3):
        run: dict[str, float] = {}
        c0 = time.process_time()
        score(cases, frozenset(), run)
        run["entities"] = time.process_time() - c0
        for k, v in run.items():
            clock[k] = min(clock.get(k, v), v)
    yield f"fresh process, best of 3: import docscan.entities {imports:.3f} s, then knowledge loading {load:.3f} s"
    share = 100 * clock["entities"] / ner
    yield f"CPU: NER over the pieces {ner:.2f} s; entity stage incl. scoring {clock['entities']:.3f} s = {share:.1f} %"
    passes = {k: v for k, v in clock.items() if k != "entities"}
    total = sum(passes.values())
    yield "| pass | wall seconds (best of 3) | share |"
    yield "|---|---|---|"
    for k, v in passes.items():
        yield f"| {k} | {v:.4f} | {100 * v / total:.1f} % |"


def scale(cases: Sequence[Case], sizes: Sequence[float]) -> Iterable[str]:
    """The entity stage on newswire joined into one long document: spaCy's spans of each document,
    shifted to their place, so only the entity stage is timed (best of two)."""
    news = [c for c in cases if c.set == "conll2003_valid"]
    yield "| MB | characters | raw spans | entity stage s | s per MB |"
    yield "|---|---|---|---|---|"
    for mb in sizes:
        parts: list[str] = []
        raw: list[RawEntity] = []
        scope: list[tuple[int, int]] = []
        trusted: list[tuple[int, int]] = []
        size = 0
        k = 0
        while size < mb * 1_000_000:
            c = news[k % len(news)]
            k += 1
            inputs = entity_inputs(c)
            raw += [RawEntity(e.label, e.start_char + size, e.end_char + size, e.text) for e in inputs["raw"]]
            scope += [(a + size, b + size) for a, b in inputs["scope"]]
            trusted += [(a + size, b + size) for a, b in inputs["trusted"]]
            parts.append(c.doc.text + "\n")
            size += len(c.doc.text) + 1
        from docscan.loading import decode_bytes

        doc = decode_bytes("".join(parts).encode("utf-8"), path="<joined>")
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            entities_mod.build_entities(doc, raw, scope=scope, trusted=trusted)
            best = min(best, time.perf_counter() - t0)
        yield f"| {mb:g} | {len(doc.text):,} | {len(raw):,} | {best:.2f} | {best / mb:.2f} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="the evaluation corpus folder")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated NER sets")
    ap.add_argument("--half", choices=("A", "B"), help="only this half of each set")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    ap.add_argument("--cache", type=Path, help="keep spaCy's output per document here (outside the repo)")
    ap.add_argument("--skip", default="", help="comma-separated passes or rules to switch off")
    ap.add_argument("--baseline", action="store_true", help="also score the raw model")
    ap.add_argument("--ablate", action="store_true", help="effect of each pass and rule on each set")
    ap.add_argument("--passes", action="store_true", help="time each pass and the knowledge loading")
    ap.add_argument("--scale", default="", help="comma-separated sizes in MB of joined newswire to time")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent misses and false hits")
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    for name in sets:
        if not (a.corpus / f"ner/{name}.gold.jsonl").exists():
            print(f"error: no ner/{name}.gold.jsonl under {a.corpus}", file=sys.stderr)
            return 2
    cases = load_cases(a.corpus, sets, a.cache, a.limit)
    if a.half:
        cases = [c for c in cases if c.half == a.half]
    if a.scale:
        print("\n".join(scale(cases, [float(x) for x in a.scale.split(",")])))
        return 0
    skip = frozenset(x for x in a.skip.split(",") if x)
    unknown = skip - set(entities_mod.switchable())
    if unknown:
        print(f"error: unknown pass or rule: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    base: dict[str, Scorer] | None = None
    if a.baseline:
        aliases: dict[str, str] = json.loads((a.corpus / "resources/countries.json").read_text("utf-8"))["aliases"]
        model = nlp.get_pipeline()
        base = defaultdict(Scorer)
        for c in cases:
            base[f"{c.set}/{c.half}"].add(c.doc.text, c.row["mentions"], baseline_entities(model, c.doc.text, aliases))
    scorers = score(cases, skip)
    print(f"{len(cases)} documents; strict mention F1; A = even positions (tuned on), B = odd\n")
    print("\n".join(table(scorers, sets, base)))
    if a.ablate:
        print("\nEffect of each pass / rule (F1 with it minus F1 without it; positive = it helps)\n")
        print("\n".join(ablate(cases, sets)))
    if a.passes:
        print()
        print("\n".join(pass_times(cases)))
    if a.errors:
        for name in sets:
            s = totals(scorers, name)
            for kind in ("fn", "fp"):
                for key in CATS:
                    errs = s.errors[(kind, key)]
                    top = ", ".join(f"{t!r}×{n}" for t, n in errs.most_common(a.errors))
                    print(f"\n{name} {kind} {key} ({sum(errs.values())}): {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
