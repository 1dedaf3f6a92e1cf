"""Ingestion core: normalisation, ids, canonical URLs, near-duplicate signatures, text extraction.

Plain Python (no Kafka, Redis or HTTP): the ingest service (``services/ingest/``) wires it to the
broker, Redis and the network; ``brink ingest`` and the feed poller use the same functions.
"""
