"""Demo data for trying the portal (``flask --app portal seed-demo``).

The demo password exists only here, and only reaches a database through this
command. NHS numbers use the 999 range set aside for testing.
"""

from __future__ import annotations

from datetime import date, timedelta

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
)
from portal.nhs_number import with_check_digit
from portal.services.accounts import create_user

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
    jordan.needs_large_print = True

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
    accounts.append(("chris@example.org", "carer for Alex (some sections shared)"))
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

    create_user(
        email="admin@example.org",
        display_name="Service administrator",
        password=DEMO_PASSWORD,
        is_admin=True,
    )
    accounts.append(("admin@example.org", "administrator"))
    db.session.flush()
    return accounts
