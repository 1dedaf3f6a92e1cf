"""The API's token scopes (services/alert/auth.py): which token grants what, and the errors."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from brink.settings import Settings
from services.alert.auth import Scope, Tokens


def _tokens(**values: str | None) -> Tokens:
    unset: dict[str, str | None] = {"read_token": None, "write_token": None, "admin_token": None}
    return Tokens(Settings().model_copy(update={**unset, **values}))


def _status(tokens: Tokens, required: Scope, presented: str | None, reading: bool = True) -> int:
    try:
        tokens.check(required, presented, reading)
    except HTTPException as exc:
        return exc.status_code
    return 200


def test_each_token_grants_its_scope_and_the_ones_below() -> None:
    tokens = _tokens(read_token="r" * 20, write_token="w" * 20, admin_token="a" * 20)
    grid = {
        (token[0], required.name): _status(tokens, required, token)
        for token in ("r" * 20, "w" * 20, "a" * 20)
        for required in Scope
    }
    assert grid == {
        ("r", "READ"): 200, ("r", "WRITE"): 403, ("r", "ADMIN"): 403,
        ("w", "READ"): 200, ("w", "WRITE"): 200, ("w", "ADMIN"): 403,
        ("a", "READ"): 200, ("a", "WRITE"): 200, ("a", "ADMIN"): 200,
    }  # fmt: skip


@pytest.mark.parametrize("presented", [None, "", "r" * 19, "r" * 21, "R" * 20])
def test_missing_or_near_miss_tokens_are_401(presented: str | None) -> None:
    assert _status(_tokens(read_token="r" * 20), Scope.READ, presented) == 401


def test_the_same_value_for_two_scopes_grants_the_higher() -> None:
    assert _tokens(read_token="same" * 6, admin_token="same" * 6).scope_of("same" * 6) is Scope.ADMIN


def test_without_tokens_reads_pass_and_changes_are_503() -> None:
    tokens = _tokens()
    assert _status(tokens, Scope.ADMIN, None, reading=True) == 200
    assert _status(tokens, Scope.WRITE, None, reading=False) == 503


def test_a_scope_no_configured_token_can_grant_is_503_naming_the_variable() -> None:
    with pytest.raises(HTTPException) as refused:
        _tokens(read_token="r" * 20).check(Scope.ADMIN, "r" * 20, reading=False)
    assert refused.value.status_code == 503 and "ADMIN_TOKEN" in str(refused.value.detail)
