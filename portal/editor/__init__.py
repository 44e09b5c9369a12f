"""The plan editor: staff change a draft of a person's plan with them, section
by section, preview it as the person will see it, and publish a version.

The person keeps seeing the live plan until a version is published. Every
page works as full pages without JavaScript; with htmx, "Change" opens a
section's form in place and saving puts the section back in place.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.crisis import tel_href
from portal.forms.editor import (
    OWNER_LABELS,
    SECTION_FORMS,
    ActionsForm,
    ListSectionForm,
    PublishForm,
    SafetyPlanDraftForm,
    SectionForm,
)
from portal.forms.plan import LIFE_AREA_LABELS, STATUS_LABELS
from portal.htmx import is_htmx_request, render_page
from portal.models import ActionOwner
from portal.plan.presenting import linkify_phone_numbers
from portal.services import drafts, publishing

bp = Blueprint("editor", __name__, url_prefix="/people/<int:service_user_id>/plan")

SECTION_NAMES = {
    "what_matters": _l("What matters to them"),
    "goals": _l("Goals"),
    "actions": _l("Actions"),
    "interventions": _l("Support and interventions"),
    "safety_plan": _l("Safety plan"),
    "review": _l("Reviewing the plan"),
}

SAFETY_STEP_NAMES = {
    "warning_signs": _l("My warning signs"),
    "things_i_can_do": _l("Things I can do myself"),
    "people_and_places": _l("People and places that help me feel better"),
    "people_i_can_ask": _l("People I can ask for help"),
    "professionals": _l("Professionals and services I can contact"),
    "making_safer": _l("Making my situation safer"),
    "reasons_for_living": _l("What matters most to me"),
}


def _labels() -> dict[str, Any]:
    return {
        "section_names": SECTION_NAMES,
        "safety_step_names": SAFETY_STEP_NAMES,
        "owner_labels": {owner.value: label for owner, label in OWNER_LABELS.items()},
        "status_labels": STATUS_LABELS,
        "life_area_labels": LIFE_AREA_LABELS,
        "life_area_labels_by_code": {area.value: label for area, label in LIFE_AREA_LABELS.items()},
        "owners": ActionOwner,
        "tel_href": tel_href,
        "linkify": linkify_phone_numbers,
    }


@bp.route("")
def overview(service_user_id: int) -> Response:
    editor = drafts.open_editor(require_viewer(), service_user_id, audit_as="plan_editor")
    return render_page("editor/overview.html", editor=editor, **_labels())


# --- One section -------------------------------------------------------------------


def _team_choices(editor: drafts.Editor) -> list[tuple[int, str]]:
    """The person's care team now, and anyone an action already names."""
    choices = [
        (
            choice.staff_member_id,
            _("%(name)s, %(role)s", name=choice.name, role=choice.role_in_care),
        )
        for choice in editor.care_team
    ]
    on_team = {staff_id for staff_id, _name in choices}
    choices += [
        (staff_id, name) for staff_id, name in editor.staff_names.items() if staff_id not in on_team
    ]
    return choices


def _make_form(
    editor: drafts.Editor,
    section: str,
    *,
    content: drafts.Content | None = None,
    removed: list[drafts.Item] | None = None,
    posted: bool = False,
) -> SectionForm:
    """The section's form: as posted, or filled from ``content`` (the saved
    draft, or on a conflict what the staff member typed) with the versions
    saved now."""
    form_class = SECTION_FORMS[section]
    options: dict[str, Any] = {}
    if form_class is ActionsForm:
        options = {"team_choices": _team_choices(editor), "statuses": editor.action_statuses}
    if posted:
        return form_class(**options)
    state = editor.section(section)
    data = form_class.data_for(
        content if content is not None else state.content,
        removed if removed is not None else state.removed_items,
    )
    data["draft_version"] = str(state.draft_version)
    data["published_version"] = str(state.published_version)
    if form_class is SafetyPlanDraftForm:
        data["version"] = str(editor.live_safety_version)
    form = form_class(formdata=None, data=data, **options)
    if isinstance(form, ListSectionForm):
        form.add_blank_entry()
    return form


def _form_page(
    editor: drafts.Editor,
    section: str,
    form: SectionForm,
    *,
    status: int = 200,
    saved_message: str | None = None,
) -> Response:
    return render_page(
        "editor/section.html",
        fragment="editor/_section_form.html",
        editor=editor,
        key=section,
        form=form,
        in_place=is_htmx_request(),
        saved_message=saved_message,
        status=status,
        **_labels(),
    )


def _conflict_page(
    editor: drafts.Editor, section: str, form: SectionForm, yours: drafts.Content
) -> Response:
    theirs = editor.section(section)
    yours_shown = drafts.merge_with_live(yours, theirs.live)
    yours_removed = (
        [theirs.live_items[i] for i in yours_shown.removed if i in theirs.live_items]
        if isinstance(yours_shown, drafts.ListContent)
        else []
    )
    return render_page(
        "editor/conflict.html",
        fragment="editor/_conflict.html",
        editor=editor,
        key=section,
        theirs=theirs,
        yours=yours_shown,
        yours_removed=yours_removed,
        form=_make_form(editor, section, content=yours_shown, removed=yours_removed),
        in_place=is_htmx_request(),
        saved_message=None,
        status=409,
        **_labels(),
    )


@bp.route("/<section>", methods=["GET", "POST"])
def edit_section(service_user_id: int, section: str) -> Response:
    if section not in drafts.SECTIONS:
        abort(404)
    viewer = require_viewer()
    if request.method == "GET":
        editor = drafts.open_editor(viewer, service_user_id, audit_as="plan_draft")
        return _form_page(editor, section, _make_form(editor, section))

    editor = drafts.open_editor(viewer, service_user_id)
    form = _make_form(editor, section, posted=True)
    if not form.validate():
        return _form_page(editor, section, form, status=422)
    yours = form.content()
    try:
        editor = drafts.save_section(
            viewer,
            service_user_id,
            section,
            yours,
            expected_draft_version=form.expected_draft_version(),
            expected_published_version=form.expected_published_version(),
            safety_seen_version=form.seen_safety_version()
            if isinstance(form, SafetyPlanDraftForm)
            else None,
        )
    except drafts.DraftConflict:
        return _conflict_page(drafts.open_editor(viewer, service_user_id), section, form, yours)

    name = SECTION_NAMES[section]
    if request.form.get("then") == "add" and isinstance(form, ListSectionForm):
        message = _("“%(section)s” is saved in the draft. You can add another.", section=name)
        if is_htmx_request():
            return _form_page(editor, section, _make_form(editor, section), saved_message=message)
        flash(message)
        return redirect(
            url_for(".edit_section", service_user_id=service_user_id, section=section)
            + f"#add-{section}",
            code=303,
        )
    message = _(
        "“%(section)s” is saved in the draft. %(name)s will see it once you publish a new version.",
        section=name,
        name=editor.preferred_name,
    )
    if is_htmx_request():
        return render_page(
            "editor/_section.html",
            editor=editor,
            key=section,
            state=editor.section(section),
            saved_message=message,
            **_labels(),
        )
    flash(message)
    return redirect(
        url_for(".overview", service_user_id=service_user_id) + f"#section-{section}", code=303
    )


# --- Preview and publish -------------------------------------------------------------


@bp.route("/preview")
def preview(service_user_id: int) -> Response:
    editor, plan = publishing.preview(require_viewer(), service_user_id)
    return render_page(
        "editor/preview.html",
        editor=editor,
        plan=plan,
        is_preview=True,
        **_labels(),
    )


def _publish_page(
    check: publishing.PublishCheck,
    form: PublishForm,
    *,
    status: int = 200,
    problem: str | None = None,
) -> Response:
    # The form always carries what this page showed, even when re-shown.
    form.expected_version.data = str(check.expected_version)
    form.drafts_seen.data = check.drafts_fingerprint
    return render_page(
        "editor/publish.html",
        editor=check.editor,
        check=check,
        form=form,
        problem=problem,
        status=status,
        **_labels(),
    )


@bp.route("/publish", methods=["GET", "POST"])
def publish(service_user_id: int) -> Response:
    viewer = require_viewer()
    overview_url = url_for(".overview", service_user_id=service_user_id)
    if request.method == "GET":
        check = publishing.publish_check(viewer, service_user_id)
        return _publish_page(check, PublishForm())

    form = PublishForm()
    if not form.validate():
        check = publishing.publish_check(viewer, service_user_id, audit=False)
        return _publish_page(check, form, status=422)
    try:
        published = publishing.publish(
            viewer,
            service_user_id,
            summary=form.summary.data,
            next_review_on=form.next_review_on(),
            expected_version=form.expected(),
            drafts_fingerprint=form.drafts_seen.data or "",
        )
    except publishing.AlreadyPublished as already:
        return _already_published(already.number, overview_url)
    except publishing.DraftsChanged:
        check = publishing.publish_check(viewer, service_user_id, audit=False)
        problem = _(
            "Someone saved a change to the draft while you were on this page. "
            "Check what will change again, then publish."
        )
        return _publish_page(check, form, status=409, problem=problem)
    except publishing.SafetyPlanMovedOn:
        check = publishing.publish_check(viewer, service_user_id, audit=False)
        return _publish_page(check, form, status=409, problem="safety_plan")
    flash(
        _(
            "Version %(number)d is published. %(name)s can read it and tell you what they think.",
            number=published.number,
            name=published.preferred_name,
        )
    )
    return redirect(overview_url, code=303)


def _already_published(number: int, overview_url: str) -> Response:
    flash(
        _(
            "Version %(number)d was already published, so nothing more was published. "
            "This can happen after pressing the button twice or going back.",
            number=number,
        )
    )
    return redirect(overview_url, code=303)
