"""On the embedded broker every producer sends one record per batch (MISSION.md: a Tansu fetch that
starts inside a multi-record batch can skip that batch, so a consumer restarting at a committed
offset could lose records); an external Kafka keeps aiokafka's batching."""

from __future__ import annotations

from brink.runtime.embedded import Infrastructure
from brink.runtime.faust_app import make_faust_app
from brink.runtime.kafka import make_producer
from brink.settings import Settings

AIOKAFKA_DEFAULT_BATCH = 16384


async def test_producers_and_faust_apps_send_single_record_batches_only_when_told_to(
    settings: Settings,
) -> None:
    embedded = settings.model_copy(update={"kafka_single_record_batches": True})
    external = settings.model_copy(update={"kafka_single_record_batches": False})
    assert make_producer(embedded)._message_accumulator._batch_size == 1
    assert make_producer(external)._message_accumulator._batch_size == AIOKAFKA_DEFAULT_BATCH
    assert make_faust_app(embedded, "probe").conf.producer_max_batch_size == 1
    assert make_faust_app(external, "probe").conf.producer_max_batch_size == AIOKAFKA_DEFAULT_BATCH


def test_unset_it_follows_the_broker_and_the_embedded_one_tells_its_services(infra: Infrastructure) -> None:
    assert Settings(kafka_bootstrap_servers=None).single_record_batches
    assert not Settings(kafka_bootstrap_servers="kafka:9092").single_record_batches
    if infra.broker is not None:  # the services of `brink run` see KAFKA_BOOTSTRAP_SERVERS set
        assert infra.env()["KAFKA_SINGLE_RECORD_BATCHES"] == "true"
        assert Settings(**infra.settings_update()).single_record_batches  # type: ignore[arg-type]
