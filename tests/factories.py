"""Factories: build people and relationships with sensible defaults.

The test password is hashed once per run: argon2 is slow by design.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from portal import db
from portal.models import (
    CarerLink,
    CarerLinkStatus,
    CareTeamMember,
    OrganisationType,
    PlanSection,
    ServiceUser,
    SharingConsent,
    StaffMember,
    Team,
    User,
)
from portal.nhs_number import with_check_digit
from portal.passwords import hash_password

TEST_PASSWORD = "a long test password"
_sequence = itertools.count(1)


@cache
def _test_password_hash() -> str:
    return hash_password(TEST_PASSWORD)


def make_user(email: str | None = None, **fields: Any) -> User:
    n = next(_sequence)
    user = User(
        email=(email or f"user{n}@example.org").lower(),
        display_name=fields.pop("display_name", f"User {n}"),
        password_hash=_test_password_hash(),
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_team(name: str = "North Hub", **fields: Any) -> Team:
    team = Team(
        name=name,
        organisation=fields.pop("organisation", "Example NHS Foundation Trust"),
        organisation_type=fields.pop("organisation_type", OrganisationType.NHS_TRUST),
        phone=fields.pop("phone", "0300 000 0000"),
        **fields,
    )
    db.session.add(team)
    db.session.flush()
    return team


def make_staff(
    team: Team,
    name: str = "Sam Staff",
    *,
    email: str | None = None,
    with_user: bool = True,
    **fields: Any,
) -> StaffMember:
    user = make_user(email, display_name=name) if with_user else None
    member = StaffMember(
        user_id=user.id if user else None,
        team_id=team.id,
        name=name,
        profession=fields.pop("profession", "Community mental health nurse"),
        work_phone=fields.pop("work_phone", "0300 000 0001"),
        working_hours=fields.pop("working_hours", "Monday to Friday, 9am to 5pm"),
        **fields,
    )
    db.session.add(member)
    db.session.flush()
    return member


def make_service_user(
    preferred_name: str = "Alex",
    *,
    email: str | None = None,
    with_user: bool = True,
    **fields: Any,
) -> ServiceUser:
    n = next(_sequence)
    user = make_user(email, display_name=preferred_name) if with_user else None
    nhs_number = None
    seed = 100000000 + n * 7
    while nhs_number is None:
        nhs_number = with_check_digit(f"{seed:09d}"[:9])
        seed += 1
    person = ServiceUser(
        user_id=user.id if user else None,
        preferred_name=preferred_name,
        full_name=fields.pop("full_name", f"{preferred_name} Example"),
        nhs_number=nhs_number,
        date_of_birth=fields.pop("date_of_birth", date(1990, 1, 1)),
        **fields,
    )
    db.session.add(person)
    db.session.flush()
    return person


def add_to_care_team(
    person: ServiceUser,
    member: StaffMember,
    role: str = "Key worker",
    *,
    key_worker: bool = False,
    ended: bool = False,
) -> CareTeamMember:
    membership = CareTeamMember(
        service_user_id=person.id,
        staff_member_id=member.id,
        role_in_care=role,
        is_key_worker=key_worker,
        started_on=date.today() - timedelta(days=30),
        ended_on=date.today() if ended else None,
    )
    db.session.add(membership)
    db.session.flush()
    return membership


def make_carer(
    person: ServiceUser,
    *,
    sections: tuple[PlanSection, ...] = (),
    email: str | None = None,
    status: CarerLinkStatus = CarerLinkStatus.ACTIVE,
) -> tuple[User, CarerLink]:
    carer = make_user(email, display_name="Chris")
    link = CarerLink(
        service_user_id=person.id,
        carer_user_id=carer.id,
        carer_name="Chris Example",
        relationship_to_person="Brother",
        status=status,
    )
    db.session.add(link)
    db.session.flush()
    for section in sections:
        db.session.add(SharingConsent(carer_link_id=link.id, section=section))
    db.session.flush()
    return carer, link


def make_plan(
    person: ServiceUser, key_worker: StaffMember, publisher: User, *, extra_actions: int = 0
) -> dict[str, int]:
    """A plan with a goal, an action for each kind of owner, a safety plan and
    one published version, built through the real services."""
    from portal.models import ActionOwner, Goal, LifeArea, PlanAction, SafetyPlan
    from portal.services.plan import plan_for, publish_version

    plan = plan_for(person.id)
    plan.what_matters_to_me = "Seeing my family"
    db.session.add(Goal(plan_id=plan.id, life_area=LifeArea.LEISURE, goal="Swim weekly"))
    mine = PlanAction(plan_id=plan.id, owner=ActionOwner.ME, description="Walk daily")
    team = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.TEAM,
        owner_staff_member_id=key_worker.id,
        description="Review my medication",
    )
    carer = PlanAction(
        plan_id=plan.id, owner=ActionOwner.CARER, owner_name="Chris", description="Lifts"
    )
    partner = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.PARTNER,
        owner_name="Housing",
        description="Fix the boiler",
        due_on=date.today() + timedelta(days=10),
    )
    db.session.add_all([mine, team, carer, partner])
    for n in range(extra_actions):
        db.session.add(PlanAction(plan_id=plan.id, owner=ActionOwner.ME, description=f"Step {n}"))
    db.session.add(
        SafetyPlan(
            plan_id=plan.id,
            warning_signs="Not sleeping",
            professionals="Crisis line: call 111 and choose option 2",
        )
    )
    db.session.flush()
    publish_version(
        service_user_id=person.id,
        published_by=publisher,
        summary="First plan",
        next_review_on=date.today() + timedelta(weeks=8),
    )
    return {"plan": plan.id, "mine": mine.id, "team": team.id}


@dataclass(frozen=True)
class SmallService:
    """One of every kind of person in DESIGN §8, shared by the integration
    and browser tests. Emails: alex (A, with a review date), bea (B, without),
    chris (carer of A, summary and reviews shared), dana (carer of A, nothing
    shared), erin (carer of B), priya (A's key worker), oli (another team,
    B's key worker), admin, gone (disabled)."""

    person_a: ServiceUser
    person_b: ServiceUser
    key_worker: StaffMember
    key_worker_user: User
    # Issue 5: Chris's link to A (summary and reviews shared), Erin's to B.
    carer_link_a: CarerLink
    carer_link_b: CarerLink


def make_small_service() -> SmallService:
    hub = make_team("North Hub", opening_hours="Monday to Friday, 9am to 5pm")
    south = make_team("South Hub")
    key_worker = make_staff(
        hub,
        "Priya Shah",
        email="priya@example.org",
        profession="Community mental health nurse",
        work_phone="0300 123 4501",
    )
    psychologist = make_staff(hub, "Tom Okafor", with_user=False, profession="Psychologist")
    other = make_staff(south, "Oli Other", email="oli@example.org")

    a = make_service_user(
        "Alex", email="alex@example.org", next_review_on=date.today() + timedelta(weeks=6)
    )
    b = make_service_user("Bea", email="bea@example.org")
    add_to_care_team(a, key_worker, "Key worker", key_worker=True)
    add_to_care_team(a, psychologist, "Psychological therapy")
    add_to_care_team(b, other, "Key worker", key_worker=True)

    _chris, link_a = make_carer(
        a, sections=(PlanSection.SUMMARY, PlanSection.REVIEWS), email="chris@example.org"
    )
    make_carer(a, email="dana@example.org")
    _erin, link_b = make_carer(b, sections=(PlanSection.SUMMARY,), email="erin@example.org")
    make_user("admin@example.org", is_admin=True, display_name="Admin")
    make_user("gone@example.org", is_active=False, display_name="Gone")
    key_worker_user = db.session.get(User, key_worker.user_id)
    assert key_worker_user is not None
    return SmallService(a, b, key_worker, key_worker_user, link_a, link_b)


def make_carer_note(
    link: CarerLink,
    body: str = "He has not been sleeping",
    *,
    team_only: bool = True,
    suggestion: bool = False,
) -> int:
    """A carer's note (or offered action) about the person, as written."""
    from portal.models import (
        CarerContribution,
        ContributionKind,
        ContributionVisibility,
        SuggestionStatus,
    )

    assert link.carer_user_id is not None
    row = CarerContribution(
        service_user_id=link.service_user_id,
        carer_link_id=link.id,
        author_user_id=link.carer_user_id,
        author_name=link.carer_name,
        author_relationship=link.relationship_to_person,
        kind=ContributionKind.SUGGESTED_ACTION if suggestion else ContributionKind.NOTE,
        visibility=(
            ContributionVisibility.TEAM
            if team_only and not suggestion
            else ContributionVisibility.TEAM_AND_PERSON
        ),
        body=body,
        suggestion_status=SuggestionStatus.PENDING if suggestion else None,
    )
    db.session.add(row)
    db.session.flush()
    return row.id


def make_assessment_request(carer: User, person: ServiceUser | None, **fields: Any) -> int:
    from portal.models import CarerAssessmentRequest, CaringHours, ContactMethod

    row = CarerAssessmentRequest(
        carer_user_id=carer.id,
        service_user_id=person.id if person else None,
        cared_for_name=person.preferred_name if person else fields.pop("cared_for_name", "Mum"),
        caring_hours=fields.pop("caring_hours", CaringHours.FROM_20_TO_34),
        what_would_help=fields.pop("what_would_help", "A break now and then"),
        consent_to_local_authority=fields.pop("consent_to_local_authority", True),
        contact_method=fields.pop("contact_method", ContactMethod.PHONE),
        contact_details=fields.pop("contact_details", "07700 900123"),
        **fields,
    )
    db.session.add(row)
    db.session.flush()
    return row.id


def make_review_request(person: ServiceUser, requester: User, **fields: Any) -> int:
    """A review request as the journey would send it (issue 6), for tests
    that need one to exist."""
    from portal.models import (
        ContactMethod,
        RequestedAs,
        ReviewEventKind,
        ReviewRequest,
        ReviewRequestEvent,
        ReviewUrgency,
        SupportWanted,
    )

    n = next(_sequence)
    request = ReviewRequest(
        reference=fields.pop("reference", f"RV-TEST-{n:04d}"),
        idempotency_key=f"test-key-{n}",
        requester_user_id=requester.id,
        requester_name=requester.display_name,
        requested_as=fields.pop("requested_as", RequestedAs.SERVICE_USER),
        service_user_id=person.id,
        what_changed=fields.pop("what_changed", "Things have changed"),
        urgency=fields.pop("urgency", ReviewUrgency.WITHIN_A_MONTH),
        support_wanted=fields.pop("support_wanted", SupportWanted.SAME),
        contact_method=fields.pop("contact_method", ContactMethod.PHONE),
        **fields,
    )
    db.session.add(request)
    db.session.flush()
    db.session.add(
        ReviewRequestEvent(
            review_request_id=request.id,
            kind=ReviewEventKind.SUBMITTED,
            by_user_id=requester.id,
            by_name=requester.display_name,
        )
    )
    db.session.flush()
    return request.id
