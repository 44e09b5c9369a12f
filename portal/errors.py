"""Error pages: a clear message and the right 4xx, never a bare 500."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from portal.kept_forms import keep_if_timed_out

# Codes with a page of their own; anything else 4xx gets the 400 page.
PAGES = {400, 404, 405, 413, 429}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int] | Response:
        # The session timed out mid-form: keep what was typed for this person
        # and ask them to sign in again, then back to the same page.
        if keep_if_timed_out():
            return redirect(url_for("auth.sign_in", next=request.path), code=303)
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
