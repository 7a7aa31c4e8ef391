# The baseline most tutorials write: one stage, so the compiler and uv ship too;
# the whole context is copied before the dependencies are synced, so any change
# to any file reinstalls every dependency; no cache mounts, so each sync starts
# from nothing. Deliberately left untuned: it is what the template is measured against.
# The only addition is the CA secret, without which uv cannot reach the package
# index from behind a TLS-inspecting proxy.
FROM ubuntu:noble

RUN apt-get update && apt-get install -y build-essential python3-dev

COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv

WORKDIR /app
COPY . .
RUN --mount=type=secret,id=ca-certificates \
    if [ -s /run/secrets/ca-certificates ]; then export SSL_CERT_FILE=/run/secrets/ca-certificates; fi; \
    uv sync --locked --no-dev

ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
