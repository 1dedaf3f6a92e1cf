"""The dependency pattern files load, and a bad entry is refused with its file and pattern named."""

from __future__ import annotations

from pathlib import Path

import pytest

from brink.coder.pattern_files import PatternError, load_patterns


def test_the_shipped_pattern_files_load_with_unique_ids() -> None:
    patterns = load_patterns()
    ids = [c.spec.id for c in patterns.patterns]
    assert len(ids) == len(set(ids))
    assert "threaten" in patterns.trigger_lemmas()


def _write(tmp_path: Path, name: str, body: str) -> Path:
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


GOOD = """root: 13
name: threaten
patterns:
  - id: threaten.plain
    code: "130"
    trigger: [threaten]
    examples: [{text: "Iran threatened Israel.", code: "130"}]
"""


def test_a_code_outside_the_files_root_is_refused_naming_file_and_pattern(tmp_path: Path) -> None:
    _write(tmp_path, "13_threaten.yaml", GOOD.replace('code: "130"\n', 'code: "190"\n'))
    expected = r"(?s)13_threaten\.yaml.*threaten\.plain: code 190 is not of root 13"
    with pytest.raises(PatternError, match=expected):
        load_patterns(tmp_path)


def test_an_unknown_slot_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "13_threaten.yaml",
        GOOD.replace("trigger: [threaten]", "trigger: [threaten]\n    target: [victim]"),
    )
    with pytest.raises(PatternError, match="is not a slot"):
        load_patterns(tmp_path)


def test_an_unknown_verb_class_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "13_threaten.yaml", GOOD.replace("[threaten]", '["@nosuchclass"]'))
    with pytest.raises(PatternError, match="unknown verb class '@nosuchclass'"):
        load_patterns(tmp_path, resolve=lambda name: None)


def test_a_verb_class_resolves_to_its_members(tmp_path: Path) -> None:
    _write(tmp_path, "13_threaten.yaml", GOOD.replace("[threaten]", '["@threaten"]'))
    patterns = load_patterns(tmp_path, resolve=lambda name: frozenset({"threaten", "menace"}))
    assert patterns.trigger_lemmas() == {"threaten", "menace"}


def test_a_pattern_id_repeated_in_two_files_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "13_threaten.yaml", GOOD)
    _write(tmp_path, "13_more.yaml", GOOD)
    with pytest.raises(PatternError, match="also in"):
        load_patterns(tmp_path)


def test_a_pattern_without_examples_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "13_threaten.yaml",
        GOOD.replace('    examples: [{text: "Iran threatened Israel.", code: "130"}]\n', ""),
    )
    with pytest.raises(PatternError, match="examples"):
        load_patterns(tmp_path)


def test_a_converse_code_without_symmetric_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "13_threaten.yaml",
        GOOD.replace("trigger: [threaten]", 'trigger: [threaten]\n    converse: "131"'),
    )
    with pytest.raises(PatternError, match="converse needs symmetric"):
        load_patterns(tmp_path)


def test_a_converse_code_outside_the_files_root_is_refused(tmp_path: Path) -> None:
    body = GOOD.replace(
        "trigger: [threaten]", 'trigger: [threaten]\n    symmetric: true\n    converse: "043"'
    )
    _write(tmp_path, "13_threaten.yaml", body)
    with pytest.raises(PatternError, match="code 043 is not of root 13"):
        load_patterns(tmp_path)
