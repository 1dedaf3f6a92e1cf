"""Quality measurement of the coder: the hand-coded gold set and the ConfliBERT development data.

Pure Python: no Kafka, Redis or HTTP. ``brink eval`` (``make eval``) is the shell around it.

- :mod:`brink.evaluation.cameo` — CAMEO root names and the root → quad-class mappings.
- :mod:`brink.evaluation.gold` — the gold set's record model and loader.
- :mod:`brink.evaluation.metrics` — event matching, precision/recall/F1, modality and trap scores.
- :mod:`brink.evaluation.conflibert` — readers and scorers for the ConfliBERT CAMEO files.
- :mod:`brink.evaluation.runner` — runs a coder over both and builds the report.
- :mod:`brink.evaluation.report` — the readable table.
"""
