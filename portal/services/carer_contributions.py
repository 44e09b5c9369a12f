"""What carers tell the team, and actions they offer to take on.

Rules enforced here:
- a carer with an active link can always write to the team (Triangle of
  Care), whatever the person has shared; nothing is needed from the person;
- a note "for the team only" is never returned by anything the service user
  reads: ``for_the_person`` filters on visibility in the query itself;
- a suggested action is seen by the person, and joins the plan (owned by "my
  carer or family") only when the person accepts it;
- notes are kept as written, with the writer's name and relationship.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import Select, select

from portal import db
from portal.access import Viewer, active_carer_link
from portal.audit import record
from portal.models import (
    ActionOwner,
    CarerContribution,
    ContributionKind,
    ContributionVisibility,
    PlanAction,
    SuggestionStatus,
    User,
)
from portal.models.base import utcnow
from portal.services.plan import plan_for

BODY_LIMIT = 2000


@dataclass(frozen=True)
class ContributionView:
    id: int
    author_name: str
    author_relationship: str
    kind: ContributionKind
    visibility: ContributionVisibility
    body: str
    created_at: datetime
    suggestion_status: SuggestionStatus | None

    @property
    def is_suggestion(self) -> bool:
        return self.kind is ContributionKind.SUGGESTED_ACTION

    @property
    def team_only(self) -> bool:
        return self.visibility is ContributionVisibility.TEAM


def _view(row: CarerContribution) -> ContributionView:
    return ContributionView(
        id=row.id,
        author_name=row.author_name,
        author_relationship=row.author_relationship,
        kind=row.kind,
        visibility=row.visibility,
        body=row.body,
        created_at=row.created_at,
        suggestion_status=row.suggestion_status,
    )


def _write(
    viewer: Viewer,
    service_user_id: int,
    *,
    kind: ContributionKind,
    visibility: ContributionVisibility,
    body: str,
) -> ContributionView:
    link = active_carer_link(viewer, service_user_id)
    if link is None:
        abort(404)
    row = CarerContribution(
        service_user_id=service_user_id,
        carer_link_id=link.id,
        author_user_id=viewer.user.id,
        author_name=link.carer_name,
        author_relationship=link.relationship_to_person,
        kind=kind,
        visibility=visibility,
        body=body.strip(),
        suggestion_status=(
            SuggestionStatus.PENDING if kind is ContributionKind.SUGGESTED_ACTION else None
        ),
    )
    db.session.add(row)
    db.session.flush()
    record(
        actor_user_id=viewer.user.id,
        acting_as="carer",
        action="create",
        object_type="carer_contribution",
        object_id=row.id,
        service_user_id=service_user_id,
    )
    return _view(row)


def share_with_team(
    viewer: Viewer, service_user_id: int, *, body: str, visibility: ContributionVisibility
) -> ContributionView:
    return _write(
        viewer, service_user_id, kind=ContributionKind.NOTE, visibility=visibility, body=body
    )


def suggest_action(viewer: Viewer, service_user_id: int, *, description: str) -> ContributionView:
    return _write(
        viewer,
        service_user_id,
        kind=ContributionKind.SUGGESTED_ACTION,
        visibility=ContributionVisibility.TEAM_AND_PERSON,
        body=description,
    )


def _newest_first(service_user_id: int) -> Select[CarerContribution]:
    return (
        select(CarerContribution)
        .where(CarerContribution.service_user_id == service_user_id)
        .order_by(CarerContribution.created_at.desc(), CarerContribution.id.desc())
    )


def for_the_team(service_user_id: int) -> list[ContributionView]:
    """Everything carers have written about this person, for their care team.
    The caller has checked the viewer may see the person."""
    return [_view(row) for row in db.session.scalars(_newest_first(service_user_id))]


def for_the_person(service_user_id: int) -> list[ContributionView]:
    """Only what carers chose to share with the person themselves."""
    query = _newest_first(service_user_id).where(
        CarerContribution.visibility == ContributionVisibility.TEAM_AND_PERSON
    )
    return [_view(row) for row in db.session.scalars(query)]


def written_by(viewer: Viewer, service_user_id: int) -> list[ContributionView]:
    """What this carer has written about this person (for their own page)."""
    query = _newest_first(service_user_id).where(CarerContribution.author_user_id == viewer.user.id)
    return [_view(row) for row in db.session.scalars(query)]


def decide_suggestion(
    *, service_user_id: int, contribution_id: int, by: User, accept: bool
) -> ContributionView:
    """The person accepts (it becomes a plan action for the carer) or declines."""
    row = db.session.scalar(
        select(CarerContribution).where(
            CarerContribution.id == contribution_id,
            CarerContribution.service_user_id == service_user_id,
            CarerContribution.kind == ContributionKind.SUGGESTED_ACTION,
            CarerContribution.suggestion_status == SuggestionStatus.PENDING,
        )
    )
    if row is None:
        abort(404)
    row.decided_at = utcnow()
    if accept:
        action = PlanAction(
            plan_id=plan_for(service_user_id).id,
            owner=ActionOwner.CARER,
            owner_name=row.author_name,
            description=row.body,
            created_by_user_id=by.id,
        )
        db.session.add(action)
        db.session.flush()
        row.plan_action_id = action.id
        row.suggestion_status = SuggestionStatus.ACCEPTED
    else:
        row.suggestion_status = SuggestionStatus.DECLINED
    record(
        actor_user_id=by.id,
        acting_as="self",
        action="update",
        object_type="carer_contribution",
        object_id=row.id,
        service_user_id=service_user_id,
    )
    return _view(row)
