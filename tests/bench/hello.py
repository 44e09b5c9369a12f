"""The ceiling: a bare Flask app, run under the same gunicorn settings as the
portal (``gunicorn tests.bench.hello:app``)."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "Hello, world"
