"""Every access decision, and the table of who may use each route.

Access follows relationships (DESIGN §2): a sign-in is a service user when it
has a ``ServiceUser`` record, a carer through active ``CarerLink``s, staff
through an active ``StaffMember`` record, an administrator by its flag. Objects
outside a person's reach answer 404, never 403.

``POLICY`` lists every endpoint. A route missing from it is refused (404) at
run time and fails the build (tests/unit/test_every_route_has_a_policy.py).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from werkzeug.wrappers import Response

from portal import db
from portal.models import (
    CarerLink,
    CarerLinkStatus,
    CareTeamMember,
    PlanSection,
    ServiceUser,
    SharingConsent,
    StaffMember,
    User,
)


class Audience(enum.Enum):
    ANYONE = "anyone"
    SIGNED_IN = "signed in"
    SERVICE_USER = "service user"
    CARER = "carer"
    STAFF = "staff"
    ADMIN = "administrator"


POLICY: dict[str, Audience] = {
    "static": Audience.ANYONE,
    # Pages anyone can read, signed in or not.
    "core.crisis_contacts": Audience.ANYONE,
    "core.accessibility": Audience.ANYONE,
    "core.privacy": Audience.ANYONE,
    "core.contact": Audience.ANYONE,
    "core.choose_language": Audience.ANYONE,
    "auth.sign_in": Audience.ANYONE,
    "auth.sign_out": Audience.ANYONE,
    "auth.signed_out": Audience.ANYONE,
    # Signed in, whoever they are.
    "core.home": Audience.SIGNED_IN,
    "auth.stay_signed_in": Audience.SIGNED_IN,
    "account.settings": Audience.SIGNED_IN,
    "account.change_password": Audience.SIGNED_IN,
    # Object checks below narrow these to the person's own relationships.
    "people.staff_view": Audience.STAFF,
    "people.carer_view": Audience.CARER,
    "admin.index": Audience.ADMIN,
    # The service user's own plan; every query is scoped to their own record.
    "plan.my_plan": Audience.SERVICE_USER,
    "plan.my_actions": Audience.SERVICE_USER,
    "plan.update_action": Audience.SERVICE_USER,
    "plan.add_action": Audience.SERVICE_USER,
    "plan.safety_plan": Audience.SERVICE_USER,
    "plan.safety_card": Audience.SERVICE_USER,
    "plan.edit_safety_plan": Audience.SERVICE_USER,
    "plan.history": Audience.SERVICE_USER,
    "plan.version": Audience.SERVICE_USER,
    "plan.who_has_seen": Audience.SERVICE_USER,
    # --- Issue 4, people: the caseload, registering and inviting people. ---
    # The invitation page checks staff_can_see in its service (else 404).
    "staff.caseload": Audience.STAFF,
    "staff.register_person": Audience.STAFF,
    "staff.invite_person": Audience.STAFF,
    # The link itself is the secret: anyone holding it may open it.
    "invitations.accept": Audience.ANYONE,
    # --- Plan editor (issue 4): staff on the person's care team; the
    # services check staff_can_see for the person in every request.
    "editor.overview": Audience.STAFF,
    "editor.edit_section": Audience.STAFF,
    "editor.preview": Audience.STAFF,
    "editor.publish": Audience.STAFF,
    # --- Care team and support level (issue 4). Staff only; the services
    # narrow each to people the member of staff can see (staff_can_see).
    "careteam.manage": Audience.STAFF,
    "careteam.change_key_worker": Audience.STAFF,
    "careteam.add_member": Audience.STAFF,
    "careteam.end_membership": Audience.STAFF,
    "careteam.support_level": Audience.STAFF,
    # --- Administration (issue 4): teams, staff accounts, service settings.
    # No clinical content on any of these pages.
    "admin.team": Audience.ADMIN,
    "admin.new_team": Audience.ADMIN,
    "admin.edit_team": Audience.ADMIN,
    "admin.new_staff": Audience.ADMIN,
    "admin.staff_member": Audience.ADMIN,
    "admin.new_staff_link": Audience.ADMIN,
    "admin.disable_staff": Audience.ADMIN,
    "admin.enable_staff": Audience.ADMIN,
    "admin.settings": Audience.ADMIN,
    # --- Carers and family (issue 5). The service user's own carers; every
    # query is scoped to their own record (carer_links._own).
    "carers.supporters": Audience.SERVICE_USER,
    "carers.invite": Audience.SERVICE_USER,
    "carers.supporter": Audience.SERVICE_USER,
    "carers.new_link": Audience.SERVICE_USER,
    "carers.stop_sharing": Audience.SERVICE_USER,
    "carers.decide_suggestion": Audience.SERVICE_USER,
    # The link is the secret, as for invitations.accept.
    "carers.accept_invitation": Audience.ANYONE,
    # A carer's pages about a person need an active link to that person
    # (active_carer_link), and a shared section for each section page.
    "carers.shared_section": Audience.CARER,
    "carers.share_with_team": Audience.CARER,
    "carers.suggest_action": Audience.CARER,
    # Anyone signed in may care for someone (perhaps outside this service,
    # or with a link not yet accepted or ended) and ask for an assessment;
    # each request is scoped to its carer.
    "carers.cared_for": Audience.SIGNED_IN,
    "carers.assessment_start": Audience.SIGNED_IN,
    "carers.assessment_step": Audience.SIGNED_IN,
    "carers.assessment_check": Audience.SIGNED_IN,
    "carers.assessment_request": Audience.SIGNED_IN,
    "carers.support": Audience.ANYONE,
    # Staff: requests for people they can see (staff_can_see), and for
    # people outside the service, team managers (carer_assessments).
    "carers.staff_assessments": Audience.STAFF,
    "carers.staff_assessment": Audience.STAFF,
    # --- Reviews (issue 6). Asking: a service user about their own plan, a
    # carer about someone with an active carer link (the service checks).
    "reviews.start": Audience.SERVICE_USER,
    "reviews.step": Audience.SERVICE_USER,
    "reviews.check": Audience.SERVICE_USER,
    "reviews.carer_start": Audience.CARER,
    "reviews.carer_step": Audience.CARER,
    "reviews.carer_check": Audience.CARER,
    # A requester's own requests, whoever they asked as; a carer whose link
    # has ended still sees what they asked. Each request is checked.
    "reviews.my_requests": Audience.SIGNED_IN,
    "reviews.my_request": Audience.SIGNED_IN,
    "reviews.sent": Audience.SIGNED_IN,
    # The team's side: staff_can_see for the request's person, else 404.
    "reviews.team_requests": Audience.STAFF,
    "reviews.team_request": Audience.STAFF,
    "reviews.acknowledge": Audience.STAFF,
    "reviews.message": Audience.STAFF,
    "reviews.arrange": Audience.STAFF,
    "reviews.complete": Audience.STAFF,
    "reviews.decline": Audience.STAFF,
    # --- Issue 7, communication needs. The text size can be chosen signed
    # out (a cookie) or signed in (saved to the account).
    "account.text_size": Audience.ANYONE,
    # The person's own plan in Easy Read, scoped to their own record.
    "plan.easy_read": Audience.SERVICE_USER,
}


@dataclass(frozen=True)
class Viewer:
    """What the signed-in person is, worked out once per request."""

    user: User
    service_user_id: int | None
    staff_member_id: int | None
    is_team_manager: bool
    team_id: int | None
    is_carer: bool

    @property
    def is_service_user(self) -> bool:
        return self.service_user_id is not None

    @property
    def is_staff(self) -> bool:
        return self.staff_member_id is not None

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin

    def is_in(self, audience: Audience) -> bool:
        return {
            Audience.ANYONE: True,
            Audience.SIGNED_IN: True,
            Audience.SERVICE_USER: self.is_service_user,
            Audience.CARER: self.is_carer,
            Audience.STAFF: self.is_staff,
            Audience.ADMIN: self.is_admin,
        }[audience]


def current_viewer() -> Viewer | None:
    if not current_user.is_authenticated:
        return None
    if "viewer" not in g:
        user: User = current_user._get_current_object()
        service_user_id = (
            select(ServiceUser.id).where(ServiceUser.user_id == user.id).scalar_subquery()
        )
        is_carer = exists().where(
            CarerLink.carer_user_id == user.id, CarerLink.status == CarerLinkStatus.ACTIVE
        )
        row = db.session.execute(
            select(
                service_user_id,
                is_carer,
                StaffMember.id,
                StaffMember.is_team_manager,
                StaffMember.team_id,
            )
            .select_from(User)
            .outerjoin(StaffMember, and_(StaffMember.user_id == User.id, StaffMember.is_active))
            .where(User.id == user.id)
        ).one()
        g.viewer = Viewer(
            user=user,
            service_user_id=row[0],
            is_carer=bool(row[1]),
            staff_member_id=row[2],
            is_team_manager=bool(row[3]),
            team_id=row[4],
        )
    viewer: Viewer = g.viewer
    return viewer


def require_viewer() -> Viewer:
    viewer = current_viewer()
    if viewer is None:
        abort(404)
    return viewer


def _on_care_team(viewer: Viewer) -> ColumnElement[bool]:
    """A care-team membership that gives this member of staff sight of the
    person: their own, or (for a team manager) anyone's in their team."""
    on_care_team = CareTeamMember.staff_member_id == viewer.staff_member_id
    if viewer.is_team_manager:
        on_care_team = or_(
            on_care_team,
            CareTeamMember.staff_member_id.in_(
                select(StaffMember.id).where(StaffMember.team_id == viewer.team_id)
            ),
        )
    return on_care_team


def staff_can_see(viewer: Viewer, service_user_id: int) -> bool:
    """Staff see a person only while on their care team, or as the manager of
    a team with someone active in that person's care."""
    if viewer.staff_member_id is None:
        return False
    on_care_team = _on_care_team(viewer)
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    CareTeamMember.service_user_id == service_user_id,
                    CareTeamMember.ended_on.is_(None),
                    on_care_team,
                )
            )
        )
    )


def people_staff_can_see(viewer: Viewer) -> Select[int]:
    """The ids ``staff_can_see`` allows, as a subquery for lists."""
    return select(CareTeamMember.service_user_id).where(
        CareTeamMember.ended_on.is_(None), _on_care_team(viewer)
    )


def active_carer_link(viewer: Viewer, service_user_id: int) -> CarerLink | None:
    if not viewer.is_carer:
        return None
    return db.session.scalar(
        select(CarerLink).where(
            CarerLink.carer_user_id == viewer.user.id,
            CarerLink.service_user_id == service_user_id,
            CarerLink.status == CarerLinkStatus.ACTIVE,
        )
    )


def shared_sections(carer_link_id: int, today: date | None = None) -> frozenset[PlanSection]:
    """Sections shared with this carer now: granted, not withdrawn, not past
    their end date. Read on every request, so a withdrawal acts at once."""
    today = today or date.today()
    rows = db.session.scalars(
        select(SharingConsent.section).where(
            SharingConsent.carer_link_id == carer_link_id,
            SharingConsent.withdrawn_at.is_(None),
            or_(SharingConsent.until.is_(None), SharingConsent.until >= today),
        )
    )
    return frozenset(rows)


def _sign_in_redirect() -> Response:
    if getattr(session, "ended_by_timeout", False):
        session["signed_out_reason"] = "timeout"
    htmx_request = request.headers.get("HX-Request") == "true"
    # An htmx request comes from a page: send the person back to that page.
    back_to = request.headers.get("HX-Current-URL") if htmx_request else None
    next_path = request.full_path.rstrip("?")
    if back_to:
        parts = urlsplit(back_to)
        next_path = parts.path + (f"?{parts.query}" if parts.query else "")
    target = url_for("auth.sign_in", next=next_path)
    if htmx_request:
        # A plain redirect would be followed inside the XHR and swapped into
        # the page; this makes htmx load the sign-in page in full instead.
        response = Response(status=200)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce_route_policy() -> Response | None:
        if request.endpoint is None:
            return None  # no such route: the 404 handler answers
        audience = POLICY.get(request.endpoint)
        if audience is None:
            app.logger.error("Route %s is missing from the access policy", request.endpoint)
            abort(404)
        if audience is Audience.ANYONE:
            return None
        viewer = current_viewer()
        if viewer is None:
            return _sign_in_redirect()
        if not viewer.is_in(audience):
            abort(404)
        return None
