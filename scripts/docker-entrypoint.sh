#!/bin/sh
# Container start-up: bring the database schema to head (alembic upgrade head), load the bundled
# directory if the database holds none yet, then hand the process over to the bot (exec, so
# SIGTERM from `docker stop` reaches it and in-flight replies can finish).
# Every setting comes from the environment; see docs/operations.md.
set -eu
python -m directory db upgrade
python -m directory db seed
exec python -m bot "$@"
