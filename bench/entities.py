"""Entity benchmark: raw spaCy baseline vs docscan on the CoNLL-2003 newswire set; entry point: `main`.

Usage: python bench/entities.py CORPUS_DIR [--keep-unrelated] [--limit N] [--errors N]

CORPUS_DIR is the docscan evaluation corpus (the folder holding `ner/conll2003_valid.gold.jsonl`
and `resources/countries.json`). Nothing from it is copied or kept: it is read, scored, forgotten.

Scoring follows the corpus scorer (`tools/score.py`): people <-> PER, organizations <-> ORG,
countries <-> LOC mentions with a country code, loc = countries + places <-> all LOC; `strict` =
exact character span, `overlap` = any overlap (1:1), `doc` = distinct normalised names per document
(countries: codes); all micro-averaged. The baseline is the README's: the same spaCy pipeline over
the whole text, PERSON -> people, ORG -> organizations, GPE -> country when its text is in the
alias table (else place), LOC/FAC -> places.

Timing: NER = `nlp.analyze_pieces` over docscan's own pieces of each document; entity stage =
`build_entities` in `pipeline.finish` (the gazetteer is built once before timing starts). The
ratio is entity stage / NER, which the speed budget caps at 10 %.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docscan import entities as entities_mod
from docscan import nlp, pipeline
from docscan.loading import load_path
from docscan.render.json import report_to_dict

CATS = ("people", "organizations", "countries", "loc")
GROUPS = ("countries", "organizations", "people", "places")
Span = tuple[int, int]


def norm_name(value: Any) -> str:
    """The scorer's name normalisation (document-level matching)."""
    if not isinstance(value, str):
        return ""
    s: str = value
    s = unicodedata.normalize("NFKC", s).replace("’", "'").lower()
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"('s|')$", "", s)
    s = re.sub(r"^the ", "", s)
    return s.strip(" .,;:\"'()[]")


def country_code(aliases: dict[str, str], s: Any) -> str | None:
    n = norm_name(s)
    return aliases.get(n) or aliases.get(n.replace(".", ""))


def match_spans(gold: list[Span], pred: list[Span], lenient: bool = False) -> tuple[int, int, int]:
    """tp, fp, fn with one-to-one matching, exactly as the scorer counts them."""
    if not lenient:
        gs, ps = Counter(gold), Counter(pred)
        tp = sum((gs & ps).values())
        return tp, sum(ps.values()) - tp, sum(gs.values()) - tp
    used: set[int] = set()
    tp = 0
    for a, b in sorted(pred):
        for j, (c, d) in enumerate(gold):
            if j in used or d <= a or c >= b:
                continue
            used.add(j)
            tp += 1
            break
    return tp, len(pred) - tp, len(gold) - tp


class Scorer:
    """Accumulates the scorer's counts for one predictor, plus the surfaces of its errors."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.errors: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(self, text: str, gold_mentions: list[dict[str, Any]], ents: dict[str, list[dict[str, Any]]]) -> None:
        g: dict[str, list[Span]] = defaultdict(list)
        gdoc: dict[str, set[str]] = defaultdict(set)
        for m in gold_mentions:
            span = (m["start_char"], m["end_char"])
            if m["type"] == "PER":
                g["people"].append(span)
                gdoc["people"].add(norm_name(m["text"]))
            elif m["type"] == "ORG":
                g["organizations"].append(span)
                gdoc["organizations"].add(norm_name(m["text"]))
            elif m["type"] == "LOC":
                g["loc"].append(span)
                gdoc["loc"].add(norm_name(m["text"]))
                if m.get("country_code"):
                    g["countries"].append(span)
                    gdoc["countries"].add(m["country_code"])
        spans = {c: [(m["start_char"], m["end_char"]) for e in ents.get(c, []) for m in e["mentions"]] for c in GROUPS}
        p = {
            "people": spans["people"],
            "organizations": spans["organizations"],
            "countries": spans["countries"],
            "loc": spans["countries"] + spans["places"],
        }
        pdoc: dict[str, set[str]] = defaultdict(set)
        for cat in ("people", "organizations"):
            for e in ents.get(cat, []):
                pdoc[cat] |= {norm_name(m["text"]) for m in e["mentions"]} - {""}
        for e in ents.get("countries", []):
            code = e.get("code") or country_code(self.aliases, e.get("name"))
            pdoc["countries"].add(code.upper() if code else "name:" + norm_name(e.get("name")))
        for cat in ("countries", "places"):
            for e in ents.get(cat, []):
                pdoc["loc"] |= {norm_name(m["text"]) for m in e["mentions"]} - {""}
        for key in CATS:
            for mode, lenient in (("strict", False), ("overlap", True)):
                tp, fp, fn = match_spans(g[key], p[key], lenient)
                self.counts[(mode, key)].update(tp=tp, fp=fp, fn=fn)
            gd, pd = gdoc[key], pdoc[key]
            self.counts[("doc", key)].update(tp=len(gd & pd), fp=len(pd - gd), fn=len(gd - pd))
            gs, ps = Counter(g[key]), Counter(p[key])
            for a, b in (ps - gs).elements():
                self.errors[("fp", key)][text[a:b]] += 1
            for a, b in (gs - ps).elements():
                self.errors[("fn", key)][text[a:b]] += 1

    def prf(self, mode: str, key: str) -> tuple[float, float, float]:
        c = self.counts[(mode, key)]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline_entities(doc: Any, aliases: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The README's raw-model predictor: one entity per mention, typed by the model's label."""
    out: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for ent in doc.ents:
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
        code = country_code(aliases, ent.text) if group == "countries" else None
        out[group].append({"name": ent.text, "code": code, "mentions": [m]})
    return out


def timed(fn: Callable[..., Any], clock: list[float]) -> Callable[..., Any]:
    """Wall and CPU seconds spent in fn, added to clock[0] and clock[1]."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            clock[0] += time.perf_counter() - t0
            clock[1] += time.process_time() - c0

    return wrapper


def run(corpus: Path, keep_unrelated: bool, limit: int) -> tuple[Scorer, Scorer, dict[str, float]]:
    rows = [json.loads(line) for line in (corpus / "ner/conll2003_valid.gold.jsonl").open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    aliases: dict[str, str] = json.loads((corpus / "resources/countries.json").read_text("utf-8"))["aliases"]
    model = nlp.get_pipeline()
    entities_mod.gazetteer()  # built once per process; not part of the per-document cost
    base, ours = Scorer(aliases), Scorer(aliases)
    options = pipeline.Options(keep_unrelated=keep_unrelated)
    ent_clock = [0.0, 0.0]
    ner_time = ner_cpu = base_time = 0.0
    original = pipeline.build_entities  # type: ignore[attr-defined]
    pipeline.build_entities = timed(original, ent_clock)  # type: ignore[attr-defined]
    try:
        for row in rows:
            doc = load_path(str(corpus / row["path"]))
            t0 = time.perf_counter()
            sp = model(doc.text)
            base_time += time.perf_counter() - t0
            base.add(doc.text, row["mentions"], baseline_entities(sp, aliases))
            prepared = pipeline.prepare(doc, options)
            t0, c0 = time.perf_counter(), time.process_time()
            analyses = nlp.analyze_pieces(prepared.pieces)
            ner_time += time.perf_counter() - t0
            ner_cpu += time.process_time() - c0
            report = pipeline.finish(prepared, analyses)
            ours.add(doc.text, row["mentions"], report_to_dict(report)["entities"])
    finally:
        pipeline.build_entities = original  # type: ignore[attr-defined]
    timing = {
        "docs": len(rows),
        "baseline_ner_s": base_time,
        "ner_s": ner_time,
        "entities_s": ent_clock[0],
        "ner_cpu_s": ner_cpu,
        "entities_cpu_s": ent_clock[1],
    }
    return base, ours, timing


def table(base: Scorer, ours: Scorer) -> Iterable[str]:
    yield "| level | type | baseline P / R / F1 | docscan P / R / F1 |"
    yield "|---|---|---|---|"
    for mode in ("strict", "overlap", "doc"):
        for key in CATS:
            b, o = base.prf(mode, key), ours.prf(mode, key)
            yield (
                f"| {mode} | {key} | {b[0]:.3f} / {b[1]:.3f} / **{b[2]:.3f}** "
                f"| {o[0]:.3f} / {o[1]:.3f} / **{o[2]:.3f}** |"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="the evaluation corpus folder")
    ap.add_argument("--keep-unrelated", action="store_true", help="run docscan without the unrelated split")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent docscan misses and false hits")
    a = ap.parse_args(argv)
    if not (a.corpus / "ner/conll2003_valid.gold.jsonl").exists():
        print(f"error: no ner/conll2003_valid.gold.jsonl under {a.corpus}", file=sys.stderr)
        return 2
    base, ours, t = run(a.corpus, a.keep_unrelated, a.limit)
    print(f"{t['docs']} documents, keep_unrelated={a.keep_unrelated}\n")
    print("\n".join(table(base, ours)))
    ratio = t["entities_s"] / t["ner_s"] if t["ner_s"] else float("nan")
    cpu_ratio = t["entities_cpu_s"] / t["ner_cpu_s"] if t["ner_cpu_s"] else float("nan")
    print(
        f"\ntiming (wall): baseline NER over whole texts {t['baseline_ner_s']:.2f} s; docscan NER over pieces "
        f"{t['ner_s']:.2f} s; entity stage {t['entities_s']:.3f} s = {100 * ratio:.1f} % of NER"
        f"\ntiming (CPU): docscan NER {t['ner_cpu_s']:.2f} s; entity stage {t['entities_cpu_s']:.3f} s"
        f" = {100 * cpu_ratio:.1f} % of NER"
    )
    if a.errors:
        for kind in ("fn", "fp"):
            for key in CATS:
                errs = ours.errors[(kind, key)]
                top = ", ".join(f"{s!r}×{n}" for s, n in errs.most_common(a.errors))
                print(f"\n{kind} {key} ({sum(errs.values())}): {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
