"""The alert service.

- The alert worker (``brink alert``): consumes ``brink.events.v1``, runs the alert engine,
  publishes ``brink.alerts.v1``. ``worker.py`` is its composition root (Faust app, Redis,
  metrics); ``processor.py`` moves records between Kafka, the engine and ``state_store.py``
  (per-dyad engine state in Redis, ADR 0002).
- The subscriptions/alerts API (``api.py``, ``brink api``) and the webhook dispatcher
  (``dispatch/``, ``brink dispatch``) with their Redis stores (``store.py``).
"""
