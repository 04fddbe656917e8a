"""gunicorn settings for Metodset (container and systemd installs, docs/operations.md).

Environment: GUNICORN_BIND (0.0.0.0:8000), GUNICORN_WORKERS (2 × CPUs + 1),
GUNICORN_THREADS (1), GUNICORN_TIMEOUT (120 s: a PDF made by LibreOffice may take a while).
"""

import multiprocessing
import os

# All addresses inside a container; the systemd unit sets 127.0.0.1:8001.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A worker is replaced after so many requests: memory of a long-lived process stays bounded.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The client address and the request, never the query string (it may hold a name searched).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(D)sµs'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
