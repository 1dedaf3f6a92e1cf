"""The dev/blind split of the gold data: loading, separation (outlets, ISO weeks), the frozen blind hashes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from brink.cli.main import cli
from brink.evaluation.freeze import BLIND_MANIFEST, freeze, read_manifest, verify
from brink.evaluation.gold import GOLD_DIR
from brink.evaluation.splits import SPLITS, SplitError, iso_week, load_split, outlet_names, overlap


def sentence(id_: str, outlet: str = "Example News", day: str = "2020-01-02", root: int = 13) -> str:
    return json.dumps(
        {
            "id": id_,
            "url": f"https://example.org/{id_}",
            "outlet": outlet,
            "date": day,
            "sentence": f"Sentence {id_}: Iran threatened the United States.",
            "trap": None,
            "note": None,
            "events": [{"source_country": "IRN", "target_country": "USA", "root": root}],
        }
    )


def article(id_: str, outlet: str = "Example News", day: str = "2020-01-02", **fields: object) -> str:
    record: dict[str, object] = {
        "id": id_,
        "url": f"https://example.org/{id_}",
        "outlet": outlet,
        "date": day,
        "section": None,
        "title": "England thrash Australia",
        "text": "England demolished Australia by nine wickets at Lord's on Sunday. " * 2,
        "frame": "sport",
        "control": "sport",
        "level": 0,
        "threats": [],
        "note": None,
    }
    record.update(fields)
    return json.dumps(record)


def write(path: Path, *lines: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# --- the repository's own gold data --------------------------------------------------------------


def test_blind_files_are_exactly_the_ones_frozen_in_blind_md() -> None:
    assert verify(GOLD_DIR) == []


def test_blind_split_shares_no_outlet_and_no_iso_week_with_dev() -> None:
    dev, blind = load_split("dev", GOLD_DIR), load_split("blind", GOLD_DIR)
    assert dev.sentences, "the dev split has its sentences"
    shared = overlap(dev, blind)
    assert not shared, "\n".join(shared.lines())


def test_every_split_file_loads_with_ids_of_its_own_split() -> None:
    for name in SPLITS:
        split = load_split(name, GOLD_DIR)  # raises SplitError naming the file and line otherwise
        ids = [s.id for s in split.sentences] + [a.id for a in split.articles]
        assert len(ids) == len(set(ids))


# --- loading -------------------------------------------------------------------------------------


def test_a_split_reads_every_jsonl_file_and_tells_articles_from_sentences(tmp_path: Path) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001"))
    write(tmp_path / "dev" / "sentences_more.jsonl", sentence("d0001"), sentence("d0002"))
    write(tmp_path / "dev" / "articles.jsonl", article("da001"))
    write(tmp_path / "dev" / "notes.txt", "not data")
    split = load_split("dev", tmp_path)
    assert [s.id for s in split.sentences] == ["g0001", "d0001", "d0002"]
    assert [a.id for a in split.articles] == ["da001"]
    assert [p.name for p in split.files] == ["articles.jsonl", "sentences.jsonl", "sentences_more.jsonl"]


def test_a_missing_blind_directory_is_an_empty_split(tmp_path: Path) -> None:
    split = load_split("blind", tmp_path)
    assert split.empty and split.files == []


def test_an_id_of_the_other_split_or_a_repeated_id_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "blind" / "sentences.jsonl", sentence("g0001"))
    with pytest.raises(SplitError, match="g0001 does not belong to the blind split"):
        load_split("blind", tmp_path)
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001"))
    write(tmp_path / "dev" / "sentences_more.jsonl", sentence("g0001"))
    with pytest.raises(SplitError, match="already used"):
        load_split("dev", tmp_path)


def test_a_bad_line_is_named_with_its_file_and_number(tmp_path: Path) -> None:
    write(tmp_path / "blind" / "articles.jsonl", article("ba001"), article("ba002", level=9))
    with pytest.raises(SplitError, match=r"articles.jsonl:2"):
        load_split("blind", tmp_path)


# --- separation ----------------------------------------------------------------------------------


def test_outlet_names_see_the_wire_agency_through_its_syndicators() -> None:
    assert outlet_names("Business Standard (AFP) via Shafaqna") == {"business standard", "afp", "shafaqna"}
    assert outlet_names("Xinhua (mirror)") == {"xinhua"}
    assert outlet_names("AFP (reposted on a blog)") == {"afp"}
    assert outlet_names("The Nation (dpa/NAN)") == {"nation", "dpa", "nan"}
    assert outlet_names("Associated Press") == outlet_names("AP (via Military.com)") & {"ap"}
    assert outlet_names("CBS News") == outlet_names("CBS News (AP)") - {"ap"}


def test_iso_weeks_follow_the_iso_calendar_across_new_year() -> None:
    assert iso_week(date(2021, 1, 3)) == "2020-W53"
    assert iso_week(date(2021, 1, 4)) == "2021-W01"


def test_overlap_names_the_shared_outlets_and_weeks_with_their_ids(tmp_path: Path) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001", "Arab News (AFP)", "2020-01-02"))
    write(tmp_path / "dev" / "articles.jsonl", article("da001", "Kyodo", "2019-05-01"))
    write(
        tmp_path / "blind" / "sentences.jsonl",
        sentence("b0001", "Yahoo News (AFP)", "2021-06-01"),  # the same wire
        sentence("b0002", "The Hindu", "2019-12-31"),  # the same ISO week as g0001 (2020-W01)
        sentence("b0003", "Kyodo News", "2022-02-02"),  # the outlet of a dev article
        sentence("b0004", "Dawn", "2023-03-03"),  # clean
    )
    shared = overlap(load_split("dev", tmp_path), load_split("blind", tmp_path))
    assert shared.outlets == {"afp": (["g0001"], ["b0001"]), "kyodo": (["da001"], ["b0003"])}
    assert shared.weeks == {"2020-W01": (["g0001"], ["b0002"])}
    assert any("b0002" in line and "g0001" in line for line in shared.lines())


# --- the frozen blind files ----------------------------------------------------------------------


def test_a_blind_file_changed_after_the_freeze_fails_verification(tmp_path: Path) -> None:
    blind = write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001"), sentence("b0002"))
    write(tmp_path / "blind" / "articles.jsonl", article("ba001"))
    manifest, files = freeze(tmp_path, date(2026, 12, 6))
    assert manifest == tmp_path / BLIND_MANIFEST
    assert {f.path: f.lines for f in files} == {"blind/articles.jsonl": 1, "blind/sentences.jsonl": 2}
    assert verify(tmp_path) == []
    assert "Frozen on 2026-12-06." in manifest.read_text()

    blind.write_text(blind.read_text().replace("threatened", "warned"), encoding="utf-8")
    (problem,) = verify(tmp_path)
    assert problem.startswith("blind/sentences.jsonl changed since it was frozen")


def test_a_new_or_removed_blind_file_fails_verification(tmp_path: Path) -> None:
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001"))
    assert verify(tmp_path) == [
        f"blind/sentences.jsonl is not frozen: {tmp_path / BLIND_MANIFEST} does not exist"
    ]
    freeze(tmp_path, date(2026, 12, 6))
    write(tmp_path / "blind" / "articles.jsonl", article("ba001"))
    assert verify(tmp_path) == [f"blind/articles.jsonl is not frozen in {BLIND_MANIFEST}"]
    (tmp_path / "blind" / "sentences.jsonl").unlink()
    assert f"blind/sentences.jsonl is frozen in {BLIND_MANIFEST} but missing" in verify(tmp_path)


def test_a_new_freeze_keeps_the_log_of_the_previous_one(tmp_path: Path) -> None:
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001"))
    manifest, _ = freeze(tmp_path, date(2026, 12, 6))
    manifest.write_text(manifest.read_text() + "- 2026-12-07: b0001 moved to dev (drove a coder fix)\n")
    freeze(tmp_path, date(2026, 12, 8))
    text = manifest.read_text()
    assert "Frozen on 2026-12-08." in text and "b0001 moved to dev" in text
    assert set(read_manifest(text)) == {"blind/sentences.jsonl"}


# --- the command ---------------------------------------------------------------------------------


def test_brink_eval_freeze_blind_writes_blind_md_with_hashes_and_line_counts(tmp_path: Path) -> None:
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001"), sentence("b0002"))
    result = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--freeze-blind"])
    assert result.exit_code == 0, result.output
    frozen = read_manifest((tmp_path / BLIND_MANIFEST).read_text())
    assert frozen["blind/sentences.jsonl"].lines == 2
    assert frozen["blind/sentences.jsonl"].sha256 in result.output


def test_brink_eval_stats_counts_each_split_and_checks_their_separation(tmp_path: Path) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001", root=13), sentence("g0002", root=19))
    write(tmp_path / "dev" / "articles.jsonl", article("da001"))
    result = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--stats"])
    assert result.exit_code == 0, result.output
    assert "| 13 threaten | 1 | 1 |" in result.output and "| 19 fight | 1 | 1 |" in result.output
    assert "1 articles from 1 outlets, 1 controls" in result.output
    assert "no blind data yet" in result.output
    assert "no shared outlet or ISO week" in result.output
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001", "Example News", "2024-01-01"))
    shared = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--stats"])
    assert "SHARED" in shared.output and "example" in shared.output


def test_brink_eval_scores_dev_and_blind_side_by_side_with_the_gap(tmp_path: Path) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001"), sentence("g0002", root=19))
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001", "Dawn", "2024-03-03"))
    write(tmp_path / "blind" / "articles.jsonl", article("ba001", "Dawn", "2024-03-04"))
    freeze(tmp_path, date(2026, 12, 6))
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--only", "gold", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    dev, blind = document["splits"]["dev"]["sentences"], document["splits"]["blind"]["sentences"]
    assert (dev["sentences"], blind["sentences"]) == (2, 1)
    expected = round(dev["strict"]["micro"]["f1"] - blind["strict"]["micro"]["f1"], 4)
    assert document["gap_dev_minus_blind"]["strict_micro_f1"] == pytest.approx(expected, abs=1e-4)
    assert document["splits"]["blind"]["articles"]["controls"]["articles"] == 1
    assert document["blind"] == "held out" and document["blind_frozen_problems"] == []
    table = runner.invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--only", "gold"]).stdout
    assert "dev (tuning: a training score)" in table and "blind (held out)" in table
    assert "dev − blind" in table and "controls moving an index" in table
    dev_only = runner.invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--only", "gold", "--split", "dev"])
    assert "blind: not scored (--split dev)" in dev_only.stdout


# --- re-splitting the articles when sentences arrive ---------------------------------------------


def _ids(path: Path) -> list[tuple[str, str]]:
    return [(r["id"], r["outlet"]) for r in map(json.loads, path.read_text().splitlines())]


def test_resplit_follows_the_sentences_moves_linked_articles_together_and_drops_impossible_ones(
    tmp_path: Path,
) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001", "Kyodo", "2020-01-02"))
    write(tmp_path / "blind" / "sentences.jsonl", sentence("b0001", "Dawn", "2021-06-01"))
    write(
        tmp_path / "dev" / "articles.jsonl",
        article("da001", "Dawn", "2019-03-03"),  # Dawn is a blind outlet now: must move to blind
        article("da002", "Gulf News", "2018-05-05"),  # free: stays in dev
    )
    write(
        tmp_path / "blind" / "articles.jsonl",
        article("ba001", "Kyodo", "2017-07-07"),  # a dev outlet: must move to dev
        article("ba002", "Dawn", "2020-01-03"),  # Dawn (blind) in the week of g0001 (dev): dropped
        article("ba003", "The Hindu", "2017-07-08"),  # same week as ba001: moves with it
    )
    result = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--resplit-articles"])
    assert result.exit_code == 0, result.output
    assert "dropped ba002" in result.output and "moved da001 -> ba001" in result.output
    assert _ids(tmp_path / "dev" / "articles.jsonl") == [
        ("da001", "Gulf News"),
        ("da002", "Kyodo"),
        ("da003", "The Hindu"),
    ]
    assert _ids(tmp_path / "blind" / "articles.jsonl") == [("ba001", "Dawn")]
    assert not overlap(load_split("dev", tmp_path), load_split("blind", tmp_path))


def test_resplit_leaves_a_separated_split_unchanged(tmp_path: Path) -> None:
    write(tmp_path / "dev" / "sentences.jsonl", sentence("g0001", "Kyodo", "2020-01-02"))
    dev = write(tmp_path / "dev" / "articles.jsonl", article("da001", "Kyodo", "2020-01-03"))
    blind = write(tmp_path / "blind" / "articles.jsonl", article("ba001", "Dawn", "2022-02-02"))
    before = (dev.read_text(), blind.read_text())
    result = CliRunner().invoke(cli, ["eval", "--gold-dir", str(tmp_path), "--resplit-articles"])
    assert result.exit_code == 0, result.output
    assert "0 dropped" in result.output
    assert (dev.read_text(), blind.read_text()) == before
