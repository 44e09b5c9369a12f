"""Error pages: a clear message and the right 4xx, never a bare 500."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

# Codes with a page of their own; anything else 4xx gets the 400 page.
PAGES = {400, 404, 405, 413, 429}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code >= 500:
            return render_template("errors/500.html"), code
        page = code if code in PAGES else 400
        return render_template(f"errors/{page}.html"), code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        return render_template("errors/500.html"), 500
