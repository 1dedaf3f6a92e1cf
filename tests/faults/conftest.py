"""Fault tests: real ``brink`` processes against the real broker and Redis, with faults injected
(the ``pool`` fixture of tests/conftest.py)."""
