"""
gunicorn settings for `make serve`; every value can be overridden from the environment.

Workers default to 2 x cores + 1 (gunicorn's advice for sync workers that wait on the database);
WEB_CONCURRENCY overrides it, e.g. to share a machine.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
# Threads let a worker overlap database and cache waits; the ORM is thread-safe per connection.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so that a slow leak in any library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Load the app once before forking: workers share its memory, and a broken setting fails at start.
preload_app = True
# The heartbeat file on tmpfs: a worker blocked on a slow disk is not taken for a hung one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs to stdout, one JSON object per request, with the request id the app put in the response.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
    '"remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s, "user_agent": "%(a)s"}'
)
# Only the local proxy may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: it sits at one fixed path per user, so two servers on a machine would share it.
control_socket_disable = True
