"""Config: found upward from the current directory like ruff's, checked key by key, command line wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from docscan.config import Config, find_config, load_config, merge, parse_config
from docscan.errors import UsageError

PYPROJECT = """
[project]
name = "handbook"

[tool.docscan]
fail-if = ["flesch_kincaid_grade>12", "unrelated_lines>0"]
exclude = ["drafts/*"]
model = "en_core_web_sm"
format = "markdown"
"""


def test_pyproject_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    deep = tmp_path / "docs" / "guide"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert config.source == (tmp_path / "pyproject.toml").resolve()
    assert config.fail_if == ("flesch_kincaid_grade>12", "unrelated_lines>0")
    assert config.exclude == ("drafts/*",)
    assert config.include == ()
    assert config.model == "en_core_web_sm"
    assert config.format == "markdown"


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "docscan.toml").write_text('include = ["*.md"]\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 100\n')
    assert load_config(inner).include == ("*.md",)


def test_docscan_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "docscan.toml").write_text('format = "json"\n')
    found = find_config(tmp_path)
    assert found == (tmp_path / "docscan.toml", False)
    assert load_config(tmp_path).format == "json"


def test_nearest_wins(tmp_path: Path) -> None:
    (tmp_path / "docscan.toml").write_text('format = "json"\n')
    inner = tmp_path / "sub"
    inner.mkdir()
    (inner / "docscan.toml").write_text('format = "html"\n')
    assert load_config(inner).format == "html"


def test_no_config_anywhere_is_empty(tmp_path: Path) -> None:
    # tmp_path sits under the system temp folder, where no config file lives.
    assert load_config(tmp_path) == Config()


def test_explicit_path(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert load_config(path=tmp_path / "pyproject.toml").format == "markdown"
    with pytest.raises(UsageError, match="not found"):
        load_config(path=tmp_path / "missing.toml")


BAD = [
    ({"fail_if": ["words<3"]}, "unknown key 'fail_if'"),
    ({"include": [1, 2]}, "include must be a list of strings"),
    ({"model": 3}, "model must be a string"),
    ({"format": "pdf"}, "format 'pdf' is not one of"),
]


@pytest.mark.parametrize(("data", "message"), BAD, ids=[b[1] for b in BAD])
def test_bad_values_are_usage_errors(data: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_config(data, source=Path("docscan.toml"))
    assert message in info.value.message
    assert info.value.path == "docscan.toml" and info.value.hint


def test_a_single_string_is_a_one_item_list() -> None:
    assert parse_config({"exclude": "drafts/*"}).exclude == ("drafts/*",)


def test_invalid_toml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "docscan.toml").write_text("format = \n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_config(tmp_path)


def test_command_line_wins() -> None:
    config = parse_config({"fail-if": ["words<300"], "exclude": ["drafts/*"], "format": "json", "model": "a"})
    merged = merge(config, fail_if=("flesch_kincaid_grade>12",), format="html")
    assert merged.fail_if == ("flesch_kincaid_grade>12",)
    assert merged.format == "html"
    assert merged.exclude == ("drafts/*",)  # not given on the command line: the file's value stays
    assert merged.model == "a"
    assert merge(config) == config
