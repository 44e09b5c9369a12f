"""Our one doorway to htmx-flask, which has a single release: if it has to be
swapped, only this module changes.

One URL answers both ways: the whole page, or for an htmx request the
fragment that sits beside it (``_fragment.html``), with ``Vary: HX-Request``
so no cache mixes them up.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from htmx_flask import Htmx
from werkzeug.wrappers import Response

htmx = Htmx()


def is_htmx_request() -> bool:
    return bool(getattr(request, "htmx", False))


def render_page(
    template: str, *, fragment: str | None = None, status: int = 200, **context: Any
) -> Response:
    chosen = fragment if fragment and is_htmx_request() else template
    response = Response(render_template(chosen, **context), status=status, mimetype="text/html")
    response.vary.add("HX-Request")
    return response
