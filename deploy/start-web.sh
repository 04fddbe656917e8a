#!/bin/sh
# The web container: bring the database schema up to date, load the demo if asked
# (DEMO=1, a trial only: its accounts share a published password), then serve.
set -eu
metodset migrate --no-input
if [ "${DEMO:-0}" = "1" ]; then
    DEBUG=1 metodset demo --if-empty
fi
exec gunicorn --config /srv/metodset/deploy/gunicorn.conf.py metodset.wsgi
