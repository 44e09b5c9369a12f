"""Where is my request? The requester's own requests and every status change."""

from __future__ import annotations

from flask import abort
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.htmx import render_page
from portal.reviews import bp
from portal.reviews.labels import review_labels
from portal.services import review_requests as reviews


@bp.route("/reviews/<int:request_id>/sent")
def sent(request_id: int) -> Response:
    view = reviews.request_for_requester(require_viewer(), request_id)
    if not view.made_by_viewer:
        abort(404)
    return render_page("reviews/sent.html", view=view, **review_labels())


@bp.route("/reviews")
def my_requests() -> Response:
    viewer = require_viewer()
    return render_page(
        "reviews/my_requests.html",
        rows=reviews.my_requests(viewer),
        viewer=viewer,
        **review_labels(),
    )


@bp.route("/reviews/<int:request_id>")
def my_request(request_id: int) -> Response:
    view = reviews.request_for_requester(require_viewer(), request_id)
    return render_page("reviews/my_request.html", view=view, **review_labels())
