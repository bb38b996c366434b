"""`--explain` in the HTML and Markdown reports: the same named rules the terminal shows (every
block's verdict and evidence, each heading's rule, each entity's evidence), escaped like the rest
of the report, and absent unless asked for."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from docscan.model import BlockVerdict, Entities, Report
from docscan.render import RenderOptions, get_renderer
from docscan.render.html import report_to_html
from docscan.render.markdown import report_to_markdown
from test_render_html import _parse, planted_report

PLANTED = "<script>alert(1)</script>"


def explained_report() -> Report:
    """The planted report with verdicts, outline rules and entity evidence, some holding markup."""
    base = planted_report()
    verdicts = (
        BlockVerdict(0, 1, 1, 5.2, 4.0, True, f"promotion cue {PLANTED}", (("furniture_cue", 1.0), ("lexical", 2.5))),
        BlockVerdict(1, 3, 7, -1.0, 4.0, False, "main text", (("lexical", -1.0),)),
    )
    sections = tuple(
        dataclasses.replace(s, rule=rule)
        for s, rule in zip(base.sections, ("page title", f"label before prose {PLANTED}"), strict=True)
    )
    countries = tuple(
        dataclasses.replace(e, why=("country table", f"alias of {PLANTED}")) for e in base.entities.countries
    )
    entities = Entities(countries=countries, places=base.entities.places)
    return dataclasses.replace(base, verdicts=verdicts, sections=sections, entities=entities)


def test_html_explain_lists_every_block_rule_and_entity_evidence() -> None:
    page = report_to_html(explained_report(), explain=True)
    assert 'id="explain"' in page
    blocks = re.search(r'<table class="explain-blocks">.*?</table>', page, re.S)
    assert blocks is not None
    rows = re.findall(r"<tr class=\"verdict-(aside|main)\">", blocks.group(0))
    assert rows == ["aside", "main"]
    assert "5.20/4.00" in blocks.group(0) and "furniture_cue=1 lexical=2.5" in blocks.group(0)
    assert "page title" in page and "lead-in: label before prose" in page
    assert "country table; alias of" in page


def test_html_explain_escapes_document_and_rule_text() -> None:
    page = report_to_html(explained_report(), explain=True)
    parsed = _parse(page)
    # only the page's own script runs; every planted one is text
    assert all("alert(1)" not in body for body in parsed.raw["script"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_explain_tables_are_folded_and_inert() -> None:
    md = report_to_markdown(explained_report(), explain=True)
    assert "### Why (--explain)" in md
    assert md.count("<details>") == 3 and md.count("</details>") == 3
    assert re.search(r"\| 1 \| 5\.20/4\.00 \| set aside \| promotion cue .*furniture\\_cue=1", md)
    assert "| 3–7 | -1.00/4.00 | main | main text lexical=-1 |" in md
    assert "| 3 |" in md and "heading: page title" in md
    assert "| countries | Norway | country table; alias of" in md
    outside_details = md.replace("<details>", "").replace("</details>", "").replace("<summary>", "")
    outside_details = outside_details.replace("</summary>", "")
    body = outside_details.split("\n", 1)[1]
    assert not re.search(r"(?<!\\)<", body)  # planted markup stays escaped


def test_explain_is_absent_unless_asked() -> None:
    report = explained_report()
    assert 'id="explain"' not in report_to_html(report)
    assert "Why (--explain)" not in report_to_markdown(report)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_registry_passes_explain_to_page_formats(fmt: str) -> None:
    rendered = get_renderer(fmt).render(explained_report(), RenderOptions(explain=True))
    assert "Why (--explain)" in rendered


@pytest.mark.model
def test_cli_output_dir_pages_carry_explain(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docscan.cli import app

    doc = tmp_path / "one.txt"
    doc.write_text("Norway and Denmark agreed on a plan. Officials in Oslo approved it on Monday.\n")
    for fmt, suffix in (("html", ".html"), ("markdown", ".md")):
        site = tmp_path / fmt
        args = ["scan", str(doc), "-f", fmt, "--output-dir", str(site), "--explain", "-q", "--no-config"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        (page,) = [p for p in site.iterdir() if p.name.endswith(suffix) and not p.name.startswith("index")]
        text = page.read_text()
        assert "Why (--explain)" in text and "Norway" in text
