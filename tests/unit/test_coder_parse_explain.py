"""`brink code --explain` with the parse coder says which pattern decided each event."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from brink.cli.main import cli


def test_explain_names_the_pattern_and_its_complement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRINK_CODER_ENGINE", "parse")
    text = "Pakistan today threatened to break off diplomatic relations with Congo.\n"
    result = CliRunner().invoke(cli, ["code", "--explain", "--published", "2020-01-01"], input=text)
    assert result.exit_code == 0, result.output
    assert "Pakistan [PAK]  --1313 Threaten to reduce or break relations-->" in result.output
    assert "decided by pattern threaten.to_act+reduce.break_off_relations" in result.output
    assert "parse pipeline: 1 sentences, 1 parsed as candidates" in result.output


def test_explain_with_the_rules_engine_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRINK_CODER_ENGINE", "rules")
    result = CliRunner().invoke(cli, ["code", "--explain"], input="Iran threatened Israel.\n")
    assert result.exit_code == 0, result.output
    assert "coded by the rules engine" in result.output and "decided by" not in result.output
