"""Demo data for trying the portal (``flask --app portal seed-demo``).

The demo password exists only here, and only reaches a database through this
command. NHS numbers use the 999 range set aside for testing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from portal import db
from portal.models import (
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    AssessmentStatus,
    CarerAssessmentRequest,
    CarerContribution,
    CarerLink,
    CarerLinkStatus,
    CareTeamMember,
    CaringHours,
    ContactMethod,
    ContributionKind,
    ContributionVisibility,
    Goal,
    Intervention,
    LifeArea,
    OrganisationType,
    PlanAction,
    PlanResponse,
    PlanSection,
    PlanVersionResponse,
    RequestedAs,
    ReviewEventKind,
    ReviewRequest,
    ReviewRequestEvent,
    ReviewRequestVisibility,
    ReviewStatus,
    ReviewUrgency,
    SafetyPlan,
    ServiceUser,
    SharingConsent,
    StaffMember,
    SuggestionStatus,
    SupportWanted,
    Team,
    User,
)
from portal.models.base import utcnow
from portal.nhs_number import with_check_digit
from portal.services.accounts import create_user
from portal.services.plan import plan_for, publish_version

# Published in the README on purpose: it opens only demo data.
DEMO_PASSWORD = "demo password for the portal"  # noqa: S105


def _nhs_number(first_nine: str) -> str:
    number = with_check_digit(first_nine)
    assert number is not None
    return number


def load_demo_data() -> list[tuple[str, str]]:
    """Create the demo service and return (email, who they are) for each sign-in."""
    today = date.today()
    hub = Team(
        name="North Hub Community Mental Health Team",
        organisation="Example NHS Foundation Trust",
        organisation_type=OrganisationType.NHS_TRUST,
        phone="0300 123 4567",
        opening_hours="Monday to Friday, 9am to 5pm",
        out_of_hours_advice=(
            "Outside these hours, call NHS 111 and choose option 2 for the mental health "
            "crisis line, or see Need help now?"
        ),
    )
    council = Team(
        name="Adult Social Care",
        organisation="Example City Council",
        organisation_type=OrganisationType.LOCAL_AUTHORITY,
        phone="0300 765 4321",
        opening_hours="Monday to Friday, 8:30am to 5pm",
    )
    working_well = Team(
        name="Working Well",
        organisation="Example Mind",
        organisation_type=OrganisationType.VCSE,
        phone="0300 111 2222",
        opening_hours="Monday to Thursday, 10am to 4pm",
    )
    db.session.add_all([hub, council, working_well])

    accounts: list[tuple[str, str]] = []

    def staff(
        name: str, email: str | None, team: Team, profession: str, phone: str, hours: str
    ) -> StaffMember:
        user = None
        if email:
            user = create_user(email=email, display_name=name, password=DEMO_PASSWORD)
            accounts.append((email, f"staff: {profession}, {team.name}"))
        member = StaffMember(
            user=user,
            team=team,
            name=name,
            profession=profession,
            work_phone=phone,
            working_hours=hours,
        )
        db.session.add(member)
        return member

    nurse = staff(
        "Priya Shah",
        "priya.shah@example.org",
        hub,
        "Community mental health nurse",
        "0300 123 4501",
        "Monday to Thursday, 9am to 5pm",
    )
    psychologist = staff(
        "Dr Tom Okafor",
        "tom.okafor@example.org",
        hub,
        "Clinical psychologist",
        "0300 123 4502",
        "Tuesday and Wednesday, 9am to 5pm",
    )
    peer = staff(
        "Jess Lewis",
        None,
        hub,
        "Peer support worker",
        "0300 123 4503",
        "Monday, Wednesday and Friday, 10am to 4pm",
    )
    social_worker = staff(
        "Mark Evans",
        None,
        council,
        "Social worker",
        "0300 765 4301",
        "Monday to Friday, 9am to 5pm",
    )
    adviser = staff(
        "Aisha Rahman",
        None,
        working_well,
        "Employment adviser",
        "0300 111 2201",
        "Monday to Thursday, 10am to 4pm",
    )

    def person(
        preferred: str, full: str, email: str, digits: str, born: date, review: date | None
    ) -> ServiceUser:
        user = create_user(email=email, display_name=preferred, password=DEMO_PASSWORD)
        service_user = ServiceUser(
            user=user,
            preferred_name=preferred,
            full_name=full,
            nhs_number=_nhs_number(digits),
            date_of_birth=born,
            next_review_on=review,
        )
        db.session.add(service_user)
        accounts.append((email, "service user" + (" (no review date yet)" if not review else "")))
        return service_user

    alex = person(
        "Alex",
        "Alex Morgan",
        "alex@example.org",
        "999000001",
        date(1990, 4, 12),
        today + timedelta(weeks=6),
    )
    alex.pronouns = "they/them"
    jordan = person(
        "Jordan", "Jordan Lee", "jordan@example.org", "999000002", date(1984, 11, 3), None
    )
    # Issue 7: larger text at first sign-in, and Easy Read first on My plan.
    jordan.needs_large_print = True
    jordan.needs_easy_read = True

    def on_care_team(who: ServiceUser, member: StaffMember, role: str, key: bool = False) -> None:
        db.session.add(
            CareTeamMember(
                service_user=who,
                staff_member=member,
                role_in_care=role,
                is_key_worker=key,
                started_on=today - timedelta(days=120),
            )
        )

    on_care_team(alex, nurse, "Key worker", key=True)
    on_care_team(alex, psychologist, "Psychological therapy (CBT for psychosis)")
    on_care_team(alex, peer, "Peer support")
    on_care_team(alex, social_worker, "Care Act assessment and support")
    on_care_team(alex, adviser, "Individual placement and support into work")
    on_care_team(jordan, nurse, "Medication reviews")
    on_care_team(jordan, peer, "Key worker", key=True)

    carer = create_user(email="chris@example.org", display_name="Chris", password=DEMO_PASSWORD)
    accounts.append(
        (
            "chris@example.org",
            "carer for Alex (shares, notes, an assessment request)",
        )
    )
    link = CarerLink(
        service_user=alex,
        carer_user=carer,
        carer_name="Chris Morgan",
        relationship_to_person="Brother",
        status=CarerLinkStatus.ACTIVE,
    )
    db.session.add(link)
    db.session.flush()
    for section in (PlanSection.SUMMARY, PlanSection.REVIEWS):
        db.session.add(SharingConsent(carer_link_id=link.id, section=section))
    # Goals shared for a while only: until the next review.
    db.session.add(
        SharingConsent(
            carer_link_id=link.id, section=PlanSection.GOALS, until=today + timedelta(weeks=6)
        )
    )

    db.session.flush()
    _alex_plan(alex, nurse, psychologist, social_worker, adviser)
    _jordan_plan(jordan, peer)
    _chris_as_carer(carer, link)
    _review_requests(alex, nurse, carer)

    create_user(
        email="admin@example.org",
        display_name="Service administrator",
        password=DEMO_PASSWORD,
        is_admin=True,
    )
    accounts.append(("admin@example.org", "administrator"))
    db.session.flush()
    return accounts


def _chris_as_carer(carer: User, link: CarerLink) -> None:
    """Chris writes to the team (once for the team only, once for Alex too),
    offers an action for Alex to decide on, and has asked for an assessment
    that the team has passed to the local authority."""
    now = utcnow()

    def note(body: str, visibility: ContributionVisibility, days_ago: int, **extra: Any) -> None:
        db.session.add(
            CarerContribution(
                service_user_id=link.service_user_id,
                carer_link_id=link.id,
                author_user_id=carer.id,
                author_name=link.carer_name,
                author_relationship=link.relationship_to_person,
                kind=extra.pop("kind", ContributionKind.NOTE),
                visibility=visibility,
                body=body,
                created_at=now - timedelta(days=days_ago),
                **extra,
            )
        )

    note(
        "Alex has been sleeping badly again this week and skipped two meals. "
        "Please do not mention that I told you.",
        ContributionVisibility.TEAM,
        3,
    )
    note(
        "We went to the pool together on Saturday. Alex swam four lengths and enjoyed it.",
        ContributionVisibility.TEAM_AND_PERSON,
        6,
    )
    note(
        "I can drive Alex to the Thursday group each week.",
        ContributionVisibility.TEAM_AND_PERSON,
        1,
        kind=ContributionKind.SUGGESTED_ACTION,
        suggestion_status=SuggestionStatus.PENDING,
    )
    db.session.add(
        CarerAssessmentRequest(
            carer_user_id=carer.id,
            service_user_id=link.service_user_id,
            cared_for_name="Alex",
            caring_hours=CaringHours.FROM_20_TO_34,
            affects_sleep=True,
            affects_own_time=True,
            what_would_help="A regular evening off, and someone to talk to about how things are.",
            consent_to_local_authority=True,
            contact_method=ContactMethod.PHONE,
            contact_details="07700 900321",
            best_time_to_contact="Weekday evenings",
            status=AssessmentStatus.PASSED_TO_LOCAL_AUTHORITY,
            status_note="We have sent your request to Leeds City Council's carers team. "
            "They aim to call you within four weeks.",
            status_changed_at=now - timedelta(days=2),
            status_changed_by_name="Priya Shah",
            created_at=now - timedelta(days=9),
        )
    )


def _alex_plan(
    alex: ServiceUser,
    nurse: StaffMember,
    psychologist: StaffMember,
    social_worker: StaffMember,
    adviser: StaffMember,
) -> None:
    """A co-produced plan with two agreed versions that really differ."""
    today = date.today()
    nurse_user = nurse.user
    assert nurse_user is not None
    plan = plan_for(alex.id)
    plan.what_matters_to_me = (
        "Getting back to work I enjoy, sleeping better, and seeing my nephew at weekends.\n"
        "I want people to talk to me, not about me."
    )
    plan.review_arrangements = "We review together at the hub, or by phone if I prefer."
    plan.care_act_needs = (
        "Support with managing money and paperwork (agreed with Adult Social Care)."
    )
    goals = [
        (
            LifeArea.MENTAL_HEALTH,
            "Notice early when the voices get louder and use my plan",
            "So I stay in control and out of hospital",
        ),
        (LifeArea.JOB_SITUATION, "Find part-time work with animals", "Work gives my week a shape"),
        (LifeArea.PHYSICAL_HEALTH, "Sleep at least 6 hours most nights", "I cope better rested"),
    ]
    for position, (area, goal, why) in enumerate(goals):
        db.session.add(
            Goal(plan_id=plan.id, life_area=area, goal=goal, why_it_matters=why, position=position)
        )
    walk = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.ME,
        description="Walk the dog every morning",
        life_area=LifeArea.PHYSICAL_HEALTH,
        status=ActionStatus.IN_PROGRESS,
    )
    diary = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.ME,
        description="Keep a sleep diary for four weeks",
        due_on=today + timedelta(weeks=4),
        life_area=LifeArea.PHYSICAL_HEALTH,
    )
    lift = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.CARER,
        owner_name="Chris (brother)",
        description="Give me a lift to the Tuesday therapy sessions",
    )
    meds = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.TEAM,
        owner_staff_member_id=nurse.id,
        description="Review my medication side effects with me",
        due_on=today + timedelta(weeks=2),
    )
    cbt = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.TEAM,
        owner_staff_member_id=psychologist.id,
        description="Offer 16 sessions of CBT for psychosis",
    )
    benefits = PlanAction(
        plan_id=plan.id,
        owner=ActionOwner.PARTNER,
        owner_name=f"{social_worker.name}, Adult Social Care",
        description="Help me check I am getting the right benefits",
    )
    db.session.add_all([walk, diary, lift, meds, cbt, benefits])
    db.session.add_all(
        [
            Intervention(
                plan_id=plan.id,
                name="CBT for psychosis",
                description="Weekly sessions to understand and cope with the voices",
                provider=f"{psychologist.name}, clinical psychologist",
                when="Tuesdays at 2pm, 16 weeks",
                position=0,
            ),
            Intervention(
                plan_id=plan.id,
                name="Individual placement and support",
                description="Help finding and keeping a job",
                provider=f"{adviser.name}, Working Well",
                when="Every other Thursday",
                position=1,
            ),
        ]
    )
    db.session.add(
        SafetyPlan(
            plan_id=plan.id,
            warning_signs="Not sleeping for two nights. Staying in my room. The voices telling me "
            "people are against me.",
            things_i_can_do="Take the dog out. Listen to my playlist. "
            "Have a shower and eat something.",
            people_and_places="The park by the river. My nephew's football on Saturdays.",
            people_i_can_ask="Chris (brother) 07700 900123. My friend Sam 07700 900456.",
            professionals="Priya Shah, key worker 0300 123 4501 (Mon to Thu, 9 to 5). "
            "Crisis line: call 111 and choose option 2.",
            making_safer="Give my spare tablets to Chris to look after.",
            reasons_for_living="My nephew. The dog. Getting back to work.",
        )
    )
    db.session.flush()
    first = publish_version(
        service_user_id=alex.id,
        published_by=nurse_user,
        summary="Our first plan together.",
        next_review_on=today + timedelta(weeks=6),
    )
    first.published_at = utcnow() - timedelta(days=60)
    db.session.add(
        PlanVersionResponse(
            version_id=first.id,
            user_id=alex.user_id or 0,
            response=PlanResponse.AGREE,
            created_at=utcnow() - timedelta(days=59),
        )
    )
    # What changed by the second version: work support added, sleep goal
    # reworded, and the lift no longer needed.
    db.session.add(
        PlanAction(
            plan_id=plan.id,
            owner=ActionOwner.PARTNER,
            owner_name=f"{adviser.name}, Working Well",
            description="Help me write a CV and apply to the animal rescue centre",
            life_area=LifeArea.JOB_SITUATION,
        )
    )
    sleep_goal = db.session.scalars(
        select(Goal).where(Goal.plan_id == plan.id, Goal.life_area == LifeArea.PHYSICAL_HEALTH)
    ).one()
    sleep_goal.goal = "Sleep at least 6 hours on most nights, without napping after 4pm"
    db.session.delete(lift)
    db.session.flush()
    second = publish_version(
        service_user_id=alex.id,
        published_by=nurse_user,
        summary="Added help finding work and changed my sleep goal. "
        "Chris no longer needs to give lifts.",
        next_review_on=today + timedelta(weeks=6),
    )
    second.published_at = utcnow() - timedelta(days=7)
    for action in (walk, diary, meds, cbt, benefits):
        action.created_at = action.changed_at = utcnow() - timedelta(days=60)
    # A note from the key worker since Alex last looked: shows in "What's changed".
    db.session.add(
        ActionUpdate(
            action_id=meds.id,
            author_user_id=nurse_user.id,
            author_name=nurse.name,
            author_role="staff",
            note="Booked for next Tuesday at 11am at the hub.",
        )
    )
    alex.plan_last_viewed_at = utcnow() - timedelta(days=3)


def _jordan_plan(jordan: ServiceUser, peer: StaffMember) -> None:
    plan = plan_for(jordan.id)
    plan.what_matters_to_me = "Keeping my flat and feeling less alone."
    db.session.add(
        Goal(
            plan_id=plan.id,
            life_area=LifeArea.ACCOMMODATION,
            goal="Stay on top of rent and bills",
            why_it_matters="I want to keep my home",
        )
    )
    db.session.add(
        Goal(
            plan_id=plan.id,
            life_area=LifeArea.FRIENDSHIPS,
            goal="Go to the Wednesday walking group",
            why_it_matters="To meet people",
        )
    )
    db.session.add(
        PlanAction(
            plan_id=plan.id,
            owner=ActionOwner.ME,
            description="Phone the housing office about my rent account",
        )
    )
    db.session.add(
        PlanAction(
            plan_id=plan.id,
            owner=ActionOwner.TEAM,
            owner_staff_member_id=peer.id,
            description="Come with me to the walking group the first time",
        )
    )
    db.session.flush()


def _review_requests(alex: ServiceUser, nurse: StaffMember, carer: User) -> None:
    """Issue 6: Alex asked for a review four days ago and Priya has replied;
    Chris asked too, for the team only, and nobody has acknowledged it yet,
    so it shows as overdue on Priya's requests list."""
    assert alex.user is not None and nurse.user is not None
    now = utcnow()
    asked = ReviewRequest(
        reference="RV-DEMO-ALEX",
        idempotency_key="demo-alex",
        requester_user_id=alex.user.id,
        requester_name=alex.preferred_name,
        requested_as=RequestedAs.SERVICE_USER,
        service_user_id=alex.id,
        what_changed="I have an interview at the animal rescue centre. If I get the job, "
        "my Tuesday appointments will clash with work.",
        what_to_change="Move my appointments with Priya to Thursday afternoons.",
        urgency=ReviewUrgency.WITHIN_A_MONTH,
        support_wanted=SupportWanted.SAME,
        contact_method=ContactMethod.TEXT,
        contact_details="07700 900111",
        contact_times="After 3pm on weekdays",
        status=ReviewStatus.ACKNOWLEDGED,
        submitted_at=now - timedelta(days=4),
        acknowledged_at=now - timedelta(days=3),
        updated_at=now - timedelta(days=3),
    )
    from_chris = ReviewRequest(
        reference="RV-DEMO-CHRS",
        idempotency_key="demo-chris",
        requester_user_id=carer.id,
        requester_name=carer.display_name,
        requested_as=RequestedAs.CARER,
        service_user_id=alex.id,
        visibility=ReviewRequestVisibility.TEAM_ONLY,
        what_changed="Alex has seemed low since our dad went into hospital, and is "
        "sleeping a lot during the day.",
        urgency=ReviewUrgency.THIS_WEEK,
        support_wanted=SupportWanted.MORE,
        contact_method=ContactMethod.PHONE,
        contact_details="07700 900123",
        submitted_at=now - timedelta(days=5),
        updated_at=now - timedelta(days=5),
    )
    db.session.add_all([asked, from_chris])
    db.session.flush()
    db.session.add_all(
        [
            ReviewRequestEvent(
                review_request_id=asked.id,
                kind=ReviewEventKind.SUBMITTED,
                by_user_id=alex.user.id,
                by_name=alex.preferred_name,
                at=asked.submitted_at,
            ),
            ReviewRequestEvent(
                review_request_id=asked.id,
                kind=ReviewEventKind.ACKNOWLEDGED,
                message="Good luck with the interview, Alex! I will text you next week "
                "to find a time to look at your plan together.",
                by_user_id=nurse.user.id,
                by_name=nurse.name,
                at=now - timedelta(days=3),
            ),
            ReviewRequestEvent(
                review_request_id=from_chris.id,
                kind=ReviewEventKind.SUBMITTED,
                by_user_id=carer.id,
                by_name=carer.display_name,
                at=from_chris.submitted_at,
            ),
        ]
    )
