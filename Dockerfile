# syntax=docker/dockerfile:1
# One image for every Brink service; docker-compose.yml picks the subcommand (`brink extract`, ...).
# Build stage: compilers and uv, only to produce /opt/venv. Final stage: the venv and a non-root user.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 UV_NO_CACHE=1
# Wheels cover amd64 today; the compilers are here for the platforms where one is missing.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN pip install uv==0.13.9 && python -m venv /opt/venv
WORKDIR /src
# Dependencies first (cached while only the code changes): the project's runtime dependencies,
# each pinned to its version in requirements.lock (dev tools in the lock are not installed).
COPY pyproject.toml requirements.lock ./
RUN uv pip install --python /opt/venv/bin/python --constraint requirements.lock -r pyproject.toml
COPY README.md ./
COPY brink ./brink
COPY schemas ./schemas
COPY services ./services
RUN uv pip install --python /opt/venv/bin/python --no-deps . \
    && /opt/venv/bin/python -c "import brink.coder" \
    && /opt/venv/bin/brink --help >/dev/null

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="brink" \
      org.opencontainers.image.description="Streaming early-warning system for geopolitical escalation"
RUN groupadd --system --gid 10001 brink \
    && useradd --system --uid 10001 --gid brink --home-dir /home/brink --create-home --shell /usr/sbin/nologin brink
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /home/brink
USER 10001:10001
ENTRYPOINT ["brink"]
CMD ["--help"]
