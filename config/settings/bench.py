"""Benchmark overlay on production settings: what `make bench` serves on 127.0.0.1 over HTTP.

Production refuses to start without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL; the
overlay supplies the first two (it only ever listens on the loopback interface), benchmarks/run.py
the others.
"""

import os

BENCH_SECRET_KEY = "convive-benchmark-only-7f1c9e2a4b6d8e0f3a5c7e9b1d3f5a7c9e1b3d5f"  # noqa: S105
os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")

from .production import *  # noqa: E402, F403
from .production import MIDDLEWARE  # noqa: E402

SECRET_KEY = BENCH_SECRET_KEY
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "config.bench_urls"
# First, so that queries run by the other middleware are counted too.
MIDDLEWARE = ["benchmarks.instrumentation.QueryCountMiddleware", *MIDDLEWARE]
