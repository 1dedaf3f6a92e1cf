"""The contract objects ``Coder.code`` builds without validation (``brink.coder.api.trusted``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.event import Actor, CodedArticle, EscalationEvent
from tests.fixtures.coder import article, shared_coder

TEXT = "Iran threatened Israel. Israeli jets bombed Gaza on Monday. Iran condemned Israel."


def coded() -> CodedArticle:
    return shared_coder().code(article(TEXT))


def test_coded_objects_count_every_field_as_set_and_equal_their_validated_copies() -> None:
    result = coded()
    assert len(result.events) >= 3
    assert result.model_fields_set == set(CodedArticle.model_fields)
    for event in result.events:
        assert event.model_fields_set == set(EscalationEvent.model_fields)
        assert event.source.model_fields_set == set(Actor.model_fields)
        assert EscalationEvent.model_validate(event.model_dump()) == event
        assert event.model_dump(exclude_unset=True) == event.model_dump()


def test_a_changed_copy_of_a_coded_event_leaves_the_other_events_alone() -> None:
    events = coded().events
    # the fields set is shared between objects of a class: copies must not write through to it
    copy = events[0].model_copy(update={"quote": "changed"})
    assert copy.quote == "changed" and events[0].quote != "changed"
    assert events[1].model_fields_set == set(EscalationEvent.model_fields)
    with pytest.raises(ValidationError):  # frozen: no assignment can add to the shared set either
        events[0].quote = "changed"  # type: ignore[misc]


def test_events_of_one_actor_written_alike_share_its_contract_actor() -> None:
    events = coded().events
    iran = [e.source for e in events if e.source.code == "IRN"]
    assert len(iran) == 2 and iran[0] is iran[1]
    assert iran[0].text == "Iran" and iran[0].model_dump()["name"] == "Iran"
