"""The performance benchmark behind ``make bench`` (DESIGN §10).

``python -m tests.bench.run`` seeds a large PostgreSQL database, runs the portal
and a bare Flask "hello" under gunicorn, drives both from 127.0.0.1 and reports
throughput, latency and page weight against the budgets.
"""
