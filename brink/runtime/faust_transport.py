"""A Faust Kafka transport whose consumers use the deployment's ``fetch_max_wait_ms``.

faust-streaming hard-codes ``fetch_max_wait_ms=1500`` for its worker consumer. Against Apache Kafka
that costs nothing (a waiting fetch returns as soon as data arrives), but the embedded Tansu broker
holds a fetch until its wait expires, which would add up to a quarter second per hop. Registered
as the ``brinkkafka://`` scheme by ``brink.runtime.faust_app``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import aiokafka
from faust.transport.drivers import aiokafka as faust_aiokafka

DEFAULT_FETCH_MAX_WAIT_MS = 500


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        wait = getattr(self.app.conf, "brink_fetch_max_wait_ms", DEFAULT_FETCH_MAX_WAIT_MS)
        # aiokafka reads this attribute when start() builds its Fetcher, so setting it here suffices.
        consumer._fetch_max_wait_ms = int(wait)
        return consumer


class Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(faust_aiokafka.Transport):
    Consumer: ClassVar[type[faust_aiokafka.Consumer]] = Consumer
