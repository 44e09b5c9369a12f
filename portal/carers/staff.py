"""Staff: carer's assessment requests, with their status; updating a status
with a note the carer sees. (Review requests live at /requests, elsewhere.)"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.carers import bp
from portal.forms.carer_assessment import AFFECTS_LABELS, CONTACT_LABELS, HOURS_LABELS
from portal.forms.carers import STATUS_LABELS, AssessmentStatusForm
from portal.htmx import render_page
from portal.services import carer_assessments


@bp.route("/carers-assessments")
def staff_assessments() -> Response:
    return render_page(
        "carers/staff_assessments.html",
        requests=carer_assessments.for_staff(require_viewer()),
        status_labels=STATUS_LABELS,
        hours_labels=HOURS_LABELS,
    )


@bp.route("/carers-assessments/<int:request_id>", methods=["GET", "POST"])
def staff_assessment(request_id: int) -> Response:
    viewer = require_viewer()
    current = carer_assessments.for_staff_one(viewer, request_id)
    form = AssessmentStatusForm(data={"status": current.status.value, "note": current.status_note})
    status = 200
    if form.is_submitted():
        form = AssessmentStatusForm()
        status = 422
        if form.validate():
            carer_assessments.update_status(
                viewer, request_id, status=form.chosen_status(), note=form.note.data or ""
            )
            flash(_("The status has been updated. The carer can see it now."))
            return redirect(url_for("carers.staff_assessment", request_id=request_id), code=303)
    return render_page(
        "carers/staff_assessment.html",
        request=current,
        form=form,
        status=status,
        status_labels=STATUS_LABELS,
        hours_labels=HOURS_LABELS,
        affects_labels=AFFECTS_LABELS,
        contact_labels=CONTACT_LABELS,
    )
