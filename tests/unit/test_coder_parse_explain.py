"""`brink code --explain` says which pattern decided each event."""

from __future__ import annotations

from click.testing import CliRunner

from brink.cli.main import cli


def test_explain_names_the_pattern_and_its_complement() -> None:
    text = "Pakistan today threatened to break off diplomatic relations with Congo.\n"
    result = CliRunner().invoke(cli, ["code", "--explain", "--published", "2020-01-01"], input=text)
    assert result.exit_code == 0, result.output
    assert "Pakistan [PAK]  --1313 Threaten to reduce or break relations-->" in result.output
    assert "decided by pattern threaten.to_act+reduce.break_off_relations" in result.output
    assert "parse pipeline: 1 sentences, 1 parsed as candidates" in result.output


def test_explain_of_an_article_in_another_language_says_it_was_not_coded() -> None:
    row = '{"article_id": "x", "text": "L\'Iran a menacé Israël.", "published_at": "2020-01-01T00:00:00Z", '
    row += '"language": "fr"}\n'
    result = CliRunner().invoke(cli, ["code", "--explain"], input=row)
    assert result.exit_code == 0, result.output
    assert "not coded: language 'fr' is not English" in result.output and "decided by" not in result.output
