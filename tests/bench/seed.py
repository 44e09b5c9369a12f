"""A large PostgreSQL database of realistic shape, built fast with COPY.

The schema comes from the real Alembic migrations; the rows are generated here
(with a fixed random seed, so two runs build the same database) and streamed in
with psycopg's COPY. Every account shares one argon2 hash of ``BENCH_PASSWORD``:
hashing 100,000 passwords would take longer than the benchmark itself.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import create_engine, make_url, text

from portal.migrations import upgrade
from portal.models import Base, PlanSection
from portal.nhs_number import with_check_digit
from portal.passwords import hash_password

BENCH_PASSWORD = "bench password for the portal"
BENCH_DB_NAME = "portal_bench"
EMAIL_DOMAIN = "bench.example.org"
STAFF_PER_TEAM = 10
PEOPLE_PER_TEAM = 500  # 100,000 people: 200 teams, 2,000 staff
RANDOM_SEED = 20261123
# NHS numbers starting 999 are set aside for testing and never issued.
NHS_NUMBER_START = 999_100_000

FIRST_NAMES = [
    "Alex",
    "Amira",
    "Ben",
    "Chloe",
    "Dan",
    "Ella",
    "Femi",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Jas",
    "Kai",
    "Laura",
    "Leo",
    "Maya",
    "Mohammed",
    "Nia",
    "Noah",
    "Olivia",
    "Omar",
    "Priya",
    "Rhys",
    "Ruby",
    "Sam",
    "Sara",
    "Tom",
    "Una",
    "Yusuf",
    "Zara",
    "Aled",
    "Bethan",
    "Ciaran",
    "Dylan",
    "Erin",
    "Finn",
    "Gwen",
    "Hamza",
    "Ifan",
    "Joy",
    "Kiran",
    "Lowri",
    "Megan",
    "Nathan",
    "Osian",
    "Precious",
    "Rosa",
    "Tariq",
    "Wei",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Khan",
    "Begum",
    "Okafor",
]
RELATIONSHIPS = [
    "Mother",
    "Father",
    "Partner",
    "Wife",
    "Husband",
    "Brother",
    "Sister",
    "Daughter",
    "Son",
    "Friend",
    "Grandmother",
    "Aunt",
]
INTERPRETER_LANGUAGES = ("Polish", "Urdu", "Bengali", "Arabic", "Romanian", "Somali", "Punjabi")

# (organisation type, organisation, team name pattern, professions)
TEAM_KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "nhs_trust": (
        "Example NHS Foundation Trust",
        "{place} Community Mental Health Team",
        (
            "Community mental health nurse",
            "Clinical psychologist",
            "Occupational therapist",
            "Social worker",
            "Consultant psychiatrist",
            "Peer support worker",
            "Support time and recovery worker",
            "Mental health pharmacist",
        ),
    ),
    "local_authority": (
        "Example City Council",
        "{place} Adult Social Care",
        ("Social worker", "Approved mental health professional", "Social care assessor"),
    ),
    "vcse": (
        "Example Mind",
        "{place} Working Well",
        ("Employment adviser", "Peer support worker", "Wellbeing coach"),
    ),
    "housing": (
        "Example Housing Association",
        "{place} Tenancy Support",
        ("Housing support officer", "Tenancy sustainment officer"),
    ),
}
ROLE_FOR_PROFESSION = {
    "Community mental health nurse": "Medication reviews and physical health checks",
    "Clinical psychologist": "Psychological therapy (CBT for psychosis)",
    "Occupational therapist": "Daily living skills and meaningful activity",
    "Social worker": "Care Act assessment and support",
    "Consultant psychiatrist": "Medical review",
    "Peer support worker": "Peer support",
    "Support time and recovery worker": "Support with appointments and routines",
    "Mental health pharmacist": "Medication advice",
    "Approved mental health professional": "Mental Health Act assessments",
    "Social care assessor": "Care Act assessment",
    "Employment adviser": "Individual placement and support into work",
    "Wellbeing coach": "Wellbeing coaching",
    "Housing support officer": "Support to keep a home",
    "Tenancy sustainment officer": "Tenancy support",
}
PLACES = [
    "North",
    "Hub",
    "South",
    "Hub",
    "East",
    "West",
    "Central",
    "Riverside",
    "Hillside",
    "Harbour",
    "Valley",
    "Parkside",
    "Old",
    "Town",
    "Northgate",
    "Southgate",
    "Eastfield",
    "Westfield",
    "Ashford",
    "Brookside",
    "Kingsway",
    "Queensway",
]


def log(message: str) -> None:
    print(message, flush=True)


def database_user() -> str:
    return os.environ.get("USER") or getpass.getuser() or "root"


def default_database_url() -> str:
    return f"postgresql://{database_user()}@127.0.0.1:5432/{BENCH_DB_NAME}"


def sqlalchemy_url(url: str) -> str:
    """The same database for SQLAlchemy's psycopg 3 driver."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """The same database as a plain libpq URI (for psycopg and psql)."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def bench_database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or default_database_url()


def existing_people(url: str) -> int | None:
    """How many service users the database already holds, or None if it is
    missing or not migrated."""
    try:
        with psycopg.connect(libpq_url(url), connect_timeout=5) as conn:
            row = conn.execute("SELECT to_regclass('public.service_users') IS NOT NULL").fetchone()
            if not row or not row[0]:
                return None
            counted = conn.execute("SELECT count(*) FROM service_users").fetchone()
            return int(counted[0]) if counted else None
    except psycopg.OperationalError:
        return None


def prepare_database(url: str) -> None:
    """An empty, migrated database at ``url``.

    Without BENCH_DATABASE_URL the bench database is dropped and created anew
    through the ``postgres`` database; with it, the portal's tables in that
    database are dropped (as the test suite does) before migrating.
    """
    started = time.perf_counter()
    if os.environ.get("BENCH_DATABASE_URL"):
        engine = create_engine(sqlalchemy_url(url))
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        log(f"Emptied {make_url(url).render_as_string(hide_password=True)}")
    else:
        parsed = make_url(url)
        admin_url = libpq_url(parsed.set(database="postgres").render_as_string(False))
        name = parsed.database or BENCH_DB_NAME
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log(f"Created database {name}")
    engine = create_engine(sqlalchemy_url(url))
    upgrade(engine)
    engine.dispose()
    log(f"Ran the Alembic migrations ({time.perf_counter() - started:.1f} s)")


@dataclass
class Tables:
    """Rows for each table, as tuples in the order of ``COLUMNS``."""

    teams: list[tuple[Any, ...]]
    users: list[tuple[Any, ...]]
    staff_members: list[tuple[Any, ...]]
    service_users: list[tuple[Any, ...]]
    care_team_members: list[tuple[Any, ...]]
    carer_links: list[tuple[Any, ...]]
    sharing_consents: list[tuple[Any, ...]]
    audit_events: list[tuple[Any, ...]]

    def in_load_order(self) -> list[tuple[str, list[tuple[Any, ...]]]]:
        return [(name, getattr(self, name)) for name in COLUMNS]


# Foreign keys first: tables are loaded in this order.
COLUMNS: dict[str, list[str]] = {
    "teams": [
        "id",
        "name",
        "organisation",
        "organisation_type",
        "phone",
        "opening_hours",
        "out_of_hours_advice",
    ],
    "users": [
        "id",
        "email",
        "password_hash",
        "display_name",
        "preferred_language",
        "mfa_secret",
        "is_active",
        "is_admin",
        "created_at",
        "last_signed_in_at",
    ],
    "staff_members": [
        "id",
        "user_id",
        "team_id",
        "name",
        "profession",
        "job_title",
        "work_phone",
        "working_hours",
        "is_team_manager",
        "is_active",
    ],
    "service_users": [
        "id",
        "user_id",
        "preferred_name",
        "full_name",
        "nhs_number",
        "date_of_birth",
        "pronouns",
        "needs_interpreter",
        "interpreter_language",
        "needs_easy_read",
        "needs_large_print",
        "needs_bsl",
        "other_communication_needs",
        "support_level",
        "next_review_on",
        "created_at",
    ],
    "care_team_members": [
        "id",
        "service_user_id",
        "staff_member_id",
        "role_in_care",
        "is_key_worker",
        "started_on",
        "ended_on",
    ],
    "carer_links": [
        "id",
        "service_user_id",
        "carer_user_id",
        "carer_name",
        "relationship_to_person",
        "status",
        "invitation_token_hash",
        "invitation_expires_at",
        "is_young_carer",
        "created_at",
        "ended_at",
    ],
    "sharing_consents": ["id", "carer_link_id", "section", "granted_at", "until", "withdrawn_at"],
    "audit_events": [
        "id",
        "actor_user_id",
        "acting_as",
        "service_user_id",
        "action",
        "object_type",
        "object_id",
        "at",
    ],
}


def nhs_numbers(count: int) -> list[str]:
    """``count`` distinct NHS numbers that pass the Modulus 11 check."""
    numbers: list[str] = []
    prefix = NHS_NUMBER_START
    while len(numbers) < count:
        number = with_check_digit(f"{prefix:09d}")
        if number is not None:
            numbers.append(number)
        prefix += 1
        if prefix > 999_999_999:
            raise ValueError(f"the 999 test range cannot give {count} NHS numbers")
    return numbers


def generate(people: int, password_hash: str, seed: int = RANDOM_SEED) -> Tables:
    """Teams, staff and ``people`` service users with care teams, carers and audit
    history, the way a large trust's community services might look."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = now.date()
    teams_n = max(3, round(people / PEOPLE_PER_TEAM))
    tables = Tables([], [], [], [], [], [], [], [])
    next_user_id = people + 1  # service users' sign-ins take ids 1..people

    def ago(max_days: int, min_days: int = 0) -> datetime:
        return now - timedelta(seconds=rng.randrange(min_days * 86400, max_days * 86400))

    def phone() -> str:
        return f"0300 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"

    # Teams: mostly NHS community mental health teams, with partner agencies.
    team_kind: dict[int, str] = {}
    for index in range(teams_n):
        slot = index % 20
        kind = (
            "nhs_trust"
            if slot < 14
            else "local_authority"
            if slot < 17
            else "vcse"
            if slot < 19
            else "housing"
        )
        organisation, pattern, _ = TEAM_KINDS[kind]
        team_id = index + 1
        team_kind[team_id] = kind
        place = f"{PLACES[index % len(PLACES)]} {index // len(PLACES) + 1}"
        tables.teams.append(
            (
                team_id,
                pattern.format(place=place),
                organisation,
                kind,
                phone(),
                "Monday to Friday, 9am to 5pm",
                "Outside these hours, call NHS 111 and choose option 2 for the mental health "
                "crisis line, or see Need help now?"
                if kind == "nhs_trust"
                else None,
            )
        )

    # Staff: ten per team; NHS staff all sign in, half of partner-agency staff do.
    staff_team: dict[int, int] = {}
    staff_profession: dict[int, str] = {}
    staff_user: dict[int, int | None] = {}
    team_staff: dict[int, list[int]] = {team_id: [] for team_id in team_kind}
    nhs_staff: list[int] = []
    partner_staff: list[int] = []
    staff_id = 0
    for team_id, kind in team_kind.items():
        professions = TEAM_KINDS[kind][2]
        for position in range(STAFF_PER_TEAM):
            staff_id += 1
            profession = professions[position % len(professions)]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            user_id: int | None = None
            if kind == "nhs_trust" or position % 2 == 0:
                user_id = next_user_id
                next_user_id += 1
                tables.users.append(
                    (
                        user_id,
                        f"staff{staff_id}@{EMAIL_DOMAIN}",
                        password_hash,
                        name,
                        None,
                        None,
                        True,
                        False,
                        ago(2000, 400),
                        ago(14),
                    )
                )
            tables.staff_members.append(
                (
                    staff_id,
                    user_id,
                    team_id,
                    name,
                    profession,
                    "Team manager" if position == 0 else None,
                    phone(),
                    rng.choice(
                        (
                            "Monday to Friday, 9am to 5pm",
                            "Monday to Thursday, 9am to 5pm",
                            "Tuesday to Friday, 8am to 4pm",
                            "Monday, Wednesday and Friday, 10am to 4pm",
                        )
                    ),
                    position == 0,
                    True,
                )
            )
            staff_team[staff_id] = team_id
            staff_profession[staff_id] = profession
            staff_user[staff_id] = user_id
            team_staff[team_id].append(staff_id)
            (nhs_staff if kind == "nhs_trust" else partner_staff).append(staff_id)

    numbers = nhs_numbers(people)
    sections = [section.value for section in PlanSection]
    membership_id = link_id = consent_id = event_id = 0
    for person_id in range(1, people + 1):
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        created = ago(1500, 30)
        needs_interpreter = rng.random() < 0.04
        tables.users.append(
            (
                person_id,
                f"person{person_id}@{EMAIL_DOMAIN}",
                password_hash,
                first,
                "cy" if rng.random() < 0.03 else None,
                None,
                True,
                False,
                created,
                ago(60) if rng.random() < 0.7 else None,
            )
        )
        tables.service_users.append(
            (
                person_id,
                person_id,
                first,
                f"{first} {surname}",
                numbers[person_id - 1],
                date(1940, 1, 1) + timedelta(days=rng.randrange(66 * 365)),
                rng.choice((None, None, None, None, "she/her", "he/him", "they/them")),
                needs_interpreter,
                rng.choice(INTERPRETER_LANGUAGES) if needs_interpreter else None,
                rng.random() < 0.05,
                rng.random() < 0.05,
                rng.random() < 0.01,
                "Prefers phone calls in the afternoon" if rng.random() < 0.03 else None,
                rng.choices(("standard", "stepped_up", "stepped_down"), (80, 8, 12))[0],
                today + timedelta(days=rng.randrange(-30, 365)) if rng.random() < 0.9 else None,
                created,
            )
        )

        # Care team: a named key worker in an NHS team, two to four others,
        # mostly from the same team, sometimes from a partner agency.
        key_worker = rng.choice(nhs_staff)
        started = today - timedelta(days=rng.randrange(14, 1000))
        others_wanted = rng.randint(2, 4)
        with_partner = bool(partner_staff) and rng.random() < 0.5
        colleagues = [s for s in team_staff[staff_team[key_worker]] if s != key_worker]
        others = rng.sample(colleagues, min(others_wanted - with_partner, len(colleagues)))
        if with_partner:
            others.append(rng.choice(partner_staff))
        membership_id += 1
        tables.care_team_members.append(
            (membership_id, person_id, key_worker, "Key worker", True, started, None)
        )
        for other in others:
            membership_id += 1
            tables.care_team_members.append(
                (
                    membership_id,
                    person_id,
                    other,
                    ROLE_FOR_PROFESSION[staff_profession[other]],
                    False,
                    started + timedelta(days=rng.randrange(0, 60)),
                    None,
                )
            )
        if rng.random() < 0.15:  # an earlier key worker, kept as history
            earlier = rng.choice(nhs_staff)
            membership_id += 1
            tables.care_team_members.append(
                (
                    membership_id,
                    person_id,
                    earlier,
                    "Key worker",
                    True,
                    started - timedelta(days=rng.randrange(60, 700)),
                    started,
                )
            )
        if rng.random() < 0.10:  # someone who used to be involved
            membership_id += 1
            tables.care_team_members.append(
                (
                    membership_id,
                    person_id,
                    rng.choice(partner_staff or nhs_staff),
                    "Short-term support",
                    False,
                    started,
                    started + timedelta(days=rng.randrange(1, 120)),
                )
            )

        # Carers: one person in five has one; most links are active.
        active_carer: int | None = None
        if rng.random() < 0.2:
            link_id += 1
            status = rng.choices(("active", "invited", "ended"), (75, 15, 10))[0]
            relationship = rng.choice(RELATIONSHIPS)
            carer_first = rng.choice(FIRST_NAMES)
            carer_user: int | None = None
            if status != "invited":
                carer_user = next_user_id
                next_user_id += 1
                tables.users.append(
                    (
                        carer_user,
                        f"carer{link_id}@{EMAIL_DOMAIN}",
                        password_hash,
                        carer_first,
                        None,
                        None,
                        True,
                        False,
                        ago(700, 30),
                        ago(90) if rng.random() < 0.5 else None,
                    )
                )
            tables.carer_links.append(
                (
                    link_id,
                    person_id,
                    carer_user,
                    f"{carer_first} {surname}",
                    relationship,
                    status,
                    hashlib.sha256(f"bench-invite-{link_id}".encode()).hexdigest()
                    if status == "invited"
                    else None,
                    now + timedelta(days=7) if status == "invited" else None,
                    relationship in ("Daughter", "Son") and rng.random() < 0.3,
                    ago(700, 30),
                    ago(30) if status == "ended" else None,
                )
            )
            if status == "active":
                active_carer = carer_user
                shared = rng.sample(sections, rng.randint(1, 4))
                if "summary" not in shared and rng.random() < 0.8:
                    shared.append("summary")
                for section in shared:
                    consent_id += 1
                    withdrawn = rng.random() < 0.1
                    tables.sharing_consents.append(
                        (
                            consent_id,
                            link_id,
                            section,
                            ago(600, 40),
                            today + timedelta(days=rng.randrange(-30, 300))
                            if rng.random() < 0.1
                            else None,
                            ago(30) if withdrawn else None,
                        )
                    )

        # Audit history: the person signing in, staff and carers looking.
        event_id += 1
        tables.audit_events.append(
            (event_id, person_id, "self", None, "sign_in", "user", person_id, ago(90))
        )
        viewers = [staff_user[key_worker]] + [staff_user[s] for s in others if staff_user[s]]
        for _ in range(rng.randint(1, 3)):
            event_id += 1
            tables.audit_events.append(
                (
                    event_id,
                    rng.choice(viewers),
                    "staff",
                    person_id,
                    "view",
                    "care_summary",
                    person_id,
                    ago(365),
                )
            )
        if active_carer is not None:
            event_id += 1
            tables.audit_events.append(
                (
                    event_id,
                    active_carer,
                    "carer",
                    person_id,
                    "view",
                    "care_summary",
                    person_id,
                    ago(180),
                )
            )
    return tables


def _copy(conn: psycopg.Connection[Any], table: str, rows: Iterable[Sequence[Any]]) -> int:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS[table]))
    )
    count = 0
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def seed(url: str, people: int) -> None:
    """Fill the migrated, empty database at ``url``."""
    started = time.perf_counter()
    password_hash = hash_password(BENCH_PASSWORD)
    tables = generate(people, password_hash)
    total_rows = sum(len(rows) for _, rows in tables.in_load_order())
    log(
        f"Generated {total_rows:,} rows for {people:,} people "
        f"({time.perf_counter() - started:.1f} s)"
    )
    with psycopg.connect(libpq_url(url)) as conn:
        for table, rows in tables.in_load_order():
            table_started = time.perf_counter()
            count = _copy(conn, table, rows)
            elapsed = time.perf_counter() - table_started
            log(f"  COPY {table:<18} {count:>9,} rows {elapsed:6.1f} s")
        for table in COLUMNS:
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({table_name}, 'id'), "
                    "coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                ).format(table_name=sql.Literal(table), table=sql.Identifier(table))
            )
        conn.commit()
    analyse_started = time.perf_counter()
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    log(f"  VACUUM ANALYZE {time.perf_counter() - analyse_started:22.1f} s")
    log(f"Seeded {people:,} people in {time.perf_counter() - started:.1f} s")


@dataclass(frozen=True)
class KeyWorker:
    email: str
    people: list[int]  # the service users this staff member is named key worker for


@dataclass(frozen=True)
class Accounts:
    service_users: list[str]
    key_workers: list[KeyWorker]


def _spread(items: Sequence[Any], count: int) -> list[Any]:
    """``count`` items evenly spread over ``items`` (all of them if fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[index * len(items) // count] for index in range(count)]


def pick_accounts(url: str, count: int, people_per_key_worker: int = 50) -> Accounts:
    """Sign-ins to drive the app with: service users with an active key
    worker, and key workers with the people they are named for."""
    with psycopg.connect(libpq_url(url)) as conn:
        service_users = [
            row[0]
            for row in conn.execute(
                "SELECT u.email FROM service_users su JOIN users u ON u.id = su.user_id "
                "WHERE u.is_active AND EXISTS (SELECT 1 FROM care_team_members c "
                "WHERE c.service_user_id = su.id AND c.is_key_worker AND c.ended_on IS NULL) "
                "ORDER BY su.id"
            )
        ]
        key_workers = [
            KeyWorker(email, list(people)[:people_per_key_worker])
            for email, people in conn.execute(
                "SELECT u.email, array_agg(c.service_user_id ORDER BY c.service_user_id) "
                "FROM care_team_members c "
                "JOIN staff_members s ON s.id = c.staff_member_id "
                "JOIN users u ON u.id = s.user_id "
                "WHERE c.is_key_worker AND c.ended_on IS NULL AND s.is_active AND u.is_active "
                "GROUP BY s.id, u.email ORDER BY s.id"
            )
        ]
    return Accounts(_spread(service_users, count), _spread(key_workers, count))
