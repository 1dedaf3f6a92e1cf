"""Quality measurement of the coder: the gold data (dev and blind; sentences, articles) and ConfliBERT.

Pure Python: no Kafka, Redis or HTTP. ``brink eval`` (``make eval``) is the shell around it.

- :mod:`brink.evaluation.cameo` — CAMEO root names and the root → quad-class mappings.
- :mod:`brink.evaluation.gold` — the gold sentences' record model and loader.
- :mod:`brink.evaluation.articles` — article-level gold: record model, levels, threat pairs, scores.
- :mod:`brink.evaluation.splits` — the dev and blind splits and their separation check.
- :mod:`brink.evaluation.freeze` — the frozen blind hashes (tests/gold/BLIND.md).
- :mod:`brink.evaluation.jsonl` — the JSONL record reader both kinds share.
- :mod:`brink.evaluation.metrics` — event matching, precision/recall/F1, modality and trap scores.
- :mod:`brink.evaluation.conflibert` — readers and scorers for the ConfliBERT CAMEO files.
- :mod:`brink.evaluation.runner` — runs a coder over both and builds the report.
- :mod:`brink.evaluation.report` — the readable table.
"""
