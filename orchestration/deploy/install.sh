#!/usr/bin/env bash
# What `make distributed-check` needs beyond `make setup`: Redis and PostgreSQL from Debian's packages
# (as root; nothing is started or enabled here, the check starts its own on 127.0.0.1) and the
# [distributed] Python extra (dagster-postgres, dagster-celery, redis) in the venv.
set -euo pipefail
PY="${1:-.venv/bin/python}"
if ! command -v redis-server >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server postgresql
  else
    echo "redis-server and postgresql are needed: sudo apt-get install redis-server postgresql" >&2
    exit 1
  fi
fi
"$PY" -c "import dagster_celery, dagster_postgres, redis" 2>/dev/null || "$PY" -m pip install -q -e ".[test,distributed]"
