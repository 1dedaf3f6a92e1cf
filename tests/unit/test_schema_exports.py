from schemas.export import stale_files


def test_committed_json_schemas_match_the_models() -> None:
    stale = stale_files()
    assert stale == [], f"JSON Schema files out of date: {stale}; run `python -m schemas.export`"
