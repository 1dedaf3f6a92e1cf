#!/bin/sh
# Prints the interpreter `make install` builds the venv from (the Makefile's PYTHON default).
#
# The coder is CPU-bound and about 60 % of its time is spent inside CPython itself, so the interpreter's build
# matters: the distribution's python3.11 (Debian builds it with PGO and LTO and links libpython into the
# executable, as the python:3.11-slim image the Dockerfile uses is built) codes 11-22 % more articles per
# second than a shared, unoptimised build such as pyenv's default (docs/BENCHMARKS.md, "Coder"). The first
# candidate that is Python 3.11 and can make a venv and compile extensions (Python.h, for mypyc) wins;
# `make install PYTHON=...` overrides the choice.
for candidate in /usr/bin/python3.11 python3.11 python3; do
    if "$candidate" -c '
import os, sys, sysconfig, ensurepip, venv
ok = sys.version_info[:2] == (3, 11) and os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))
sys.exit(0 if ok else 1)' >/dev/null 2>&1; then
        echo "$candidate"
        exit 0
    fi
done
echo python3
