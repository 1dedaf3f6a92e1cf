"""The alert service: consumes ``brink.events.v1``, runs the alert engine, publishes ``brink.alerts.v1``.

``worker.py`` is the composition root (Faust app, Redis, metrics); ``processor.py`` moves records
between Kafka, the engine and the state store; ``store.py`` keeps per-dyad state in Redis.
"""
