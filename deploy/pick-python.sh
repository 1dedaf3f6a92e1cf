#!/bin/sh
# Prints the interpreter `make install` builds the venv from (the Makefile's PYTHON default).
#
# The interpreter's build matters for the pure-Python parts of the pipeline: the distribution's python3.11
# (Debian builds it with PGO and LTO and links libpython into the executable, as the python:3.11-slim image
# the Dockerfile uses is built) ran the old rules coder 11-22 % faster than a shared, unoptimised build such
# as pyenv's default (docs/BENCHMARKS.md, "Coder"); the parse coder's time is mostly spaCy's compiled code,
# so the gain is smaller now. The first candidate that is Python 3.11 and can make a venv wins;
# `make install PYTHON=...` overrides the choice.
for candidate in /usr/bin/python3.11 python3.11 python3; do
    if "$candidate" -c '
import sys, ensurepip, venv
sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' >/dev/null 2>&1; then
        echo "$candidate"
        exit 0
    fi
done
echo python3
