"""Browser tests: the real app on a real port, driven by Debian's Chromium.

One SQLite database (migrated with the real migrations) holds one of each kind
of person. Servers and the browser are started once per run; each test opens
contexts (cheap) and closes them. Every context refuses, and records, any
request that would leave 127.0.0.1: the portal must make no third-party
requests (DESIGN §6).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask, Response, request
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    sync_playwright,
)
from sqlalchemy import create_engine, select
from werkzeug.serving import BaseWSGIServer, make_server

from portal import create_app, db
from portal.migrations import upgrade
from portal.models import CarerLink, CareTeamMember, PlanSection, SupportLevel, User
from tests.factories import (
    TEST_PASSWORD,
    SmallService,
    add_to_care_team,
    make_assessment_request,
    make_carer_note,
    make_plan,
    make_review_request,
    make_service_user,
    make_small_service,
    make_user,
)

CHROMIUM = Path("/usr/bin/chromium")
# The W3C Nu HTML Checker, from npm (vnu-jar), run by the machine's Java.
NU_CHECKER_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
NARROW = 320
# Tells a test which endpoint served a response, so a page list cannot claim
# to cover a route it never reached.
ENDPOINT_HEADER = "X-Test-Endpoint"


@dataclass(frozen=True)
class People:
    """The sign-ins in the browser database, and what the pages should show."""

    person_with_review: str
    person_without_review: str
    carer_with_summary: str
    carer_with_nothing: str
    key_worker: str
    admin: str
    person_with_review_id: int
    key_worker_name: str
    key_worker_phone: str
    own_action_id: int
    # --- Issue 4, people: invitations (see _add_people_to_invite). ---
    person_invited_id: int = 0  # has an open link: ``invitation_token``
    person_to_invite_id: int = 0  # each visit may make a new link
    invitation_token: str = ""
    used_invitation_token: str = ""
    # --- Carers (issue 5): Alex's carer invitation links (see _carer_invitations).
    carer_invitation_token: str = ""
    used_carer_invitation_token: str = ""
    # --- Staff workspace (issue 4): ids for paths ("team", "key_worker",
    # "mdt_membership", "key_worker_membership").
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def emails(self) -> dict[str, str]:
        return {
            "service user": self.person_with_review,
            "service user, no review date": self.person_without_review,
            "carer, summary shared": self.carer_with_summary,
            "carer, nothing shared": self.carer_with_nothing,
            "key worker": self.key_worker,
            "administrator": self.admin,
        }


def _load_people() -> People:
    """Run inside an app context; the caller commits."""
    service = make_small_service()
    alex = service.person_a
    plan = make_plan(alex, service.key_worker, service.key_worker_user)
    invitations = _add_people_to_invite(service)
    # Bea's support has been stepped down, so her home shows how to ask for more.
    service.person_b.support_level = SupportLevel.STEPPED_DOWN
    memberships = {
        m.is_key_worker: m.id
        for m in db.session.scalars(
            select(CareTeamMember).where(CareTeamMember.service_user_id == alex.id)
        )
    }
    ids = {
        "team": service.key_worker.team_id,
        "key_worker": service.key_worker.id,
        "mdt_membership": memberships[False],
        "key_worker_membership": memberships[True],
        **_add_carers_voice(service),
        # Issue 6: an open review request from Alex, for the review pages.
        "review": make_review_request(alex, _user("alex@example.org")),
        **_requests_of_every_kind_of_user(service),
    }
    return People(
        person_with_review="alex@example.org",
        person_without_review="bea@example.org",
        carer_with_summary="chris@example.org",
        carer_with_nothing="dana@example.org",
        key_worker="priya@example.org",
        admin="admin@example.org",
        person_with_review_id=alex.id,
        key_worker_name="Priya Shah",
        key_worker_phone="0300 123 4501",
        own_action_id=plan["mine"],
        **invitations,
        **_carer_invitations(service),
        ids=ids,
    )


def _add_carers_voice(service: SmallService) -> dict[str, Any]:
    """Issue 5: an action Chris offered Alex, a note for the team only, and a
    carer's assessment request from Chris."""
    chris = db.session.get(User, service.carer_link_a.carer_user_id)
    assert chris is not None
    make_carer_note(service.carer_link_a, "Alex has not been eating", team_only=True)
    return {
        "carer_link": service.carer_link_a.id,
        "suggestion": make_carer_note(service.carer_link_a, "Lifts to group", suggestion=True),
        "assessment_request": make_assessment_request(chris, service.person_a),
    }


def _requests_of_every_kind_of_user(service: SmallService) -> dict[str, int]:
    """Issue 7: a page of one's own request for every kind of user who may
    have one, so the page checker sees each as that person sees it. Anyone
    signed in may ask for a carer's assessment (for someone outside this
    service, here); service users and carers ask for reviews."""
    from portal.models import RequestedAs

    chris = db.session.get(User, service.carer_link_a.carer_user_id)
    assert chris is not None
    outside = {"person": None, "cared_for_name": "My dad"}
    return {
        "carer_review": make_review_request(
            service.person_a, chris, requested_as=RequestedAs.CARER
        ),
        "service_user_assessment_request": make_assessment_request(
            _user("alex@example.org"), **outside
        ),
        "staff_assessment_request": make_assessment_request(_user("priya@example.org"), **outside),
        "admin_assessment_request": make_assessment_request(_user("admin@example.org"), **outside),
    }


def _carer_invitations(service: SmallService) -> dict[str, str]:
    """Issue 5: Alex's open invitation link for a new carer, and one taken."""
    from portal.services.carer_links import accept_carer_invitation, invite_carer

    alex = db.session.get(User, service.person_a.user_id)
    assert alex is not None
    shares = {PlanSection.GOALS: None}
    args = {"service_user_id": service.person_a.id, "by": alex, "shares": shares}
    open_link = invite_carer(name="Sky", relationship="My friend", **args)
    taken = invite_carer(name="Ash", relationship="My cousin", **args)
    link = db.session.scalars(
        select(CarerLink).where(CarerLink.invitation_token_hash == taken.token_hash)
    ).one()
    accept_carer_invitation(link, make_user("ash@example.org", display_name="Ash"))
    return {"carer_invitation_token": open_link.token, "used_carer_invitation_token": taken.token}


def _user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _add_people_to_invite(service: SmallService) -> dict[str, Any]:
    """Issue 4, people: two people on Priya's caseload without a sign-in, one
    with an open link (opened, never used, by the accept-page checks), and a
    link for Alex, who has a sign-in already, so it counts as used."""
    from portal.services.invitations import invite_service_user

    priya = service.key_worker_user
    invited = make_service_user("Sam", full_name="Sam Newcomer", with_user=False)
    to_invite = make_service_user("Kim", full_name="Kim Newcomer", with_user=False)
    for person in (invited, to_invite):
        add_to_care_team(person, service.key_worker, "Key worker", key_worker=True)
    return {
        "person_invited_id": invited.id,
        "person_to_invite_id": to_invite.id,
        "invitation_token": invite_service_user(person=invited, created_by=priya).token,
        "used_invitation_token": invite_service_user(
            person=service.person_a, created_by=priya
        ).token,
    }


@dataclass
class LiveServer:
    url: str
    app: Flask
    server: BaseWSGIServer

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@dataclass(frozen=True)
class BrowserDatabase:
    url: str
    people: People


def _app_config(database_url: str, instance_dir: Path, **overrides: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "browser-test-secret-key-not-for-real-use",
        "DATABASE_URL": database_url,
        "INSTANCE_DIR": str(instance_dir),
        # Not RATELIMIT_ENABLED=False: Flask-Limiter keeps that flag on the one
        # shared Limiter, so it would switch throttling off for every app the
        # rest of the test run creates. Limits no browser test can reach.
        "RATELIMIT_STORAGE_URI": "memory://",
        "SIGN_IN_LIMIT_PER_ACCOUNT": "10000 per minute",
        "SIGN_IN_LIMIT_PER_ADDRESS": "10000 per minute",
        **overrides,
    }


@pytest.fixture(scope="session")
def browser_database(tmp_path_factory: pytest.TempPathFactory) -> BrowserDatabase:
    """A fresh SQLite file, migrated for real, holding one of each kind of person."""
    directory = tmp_path_factory.mktemp("browser-db")
    url = f"sqlite:///{directory / 'portal-browser.sqlite3'}"
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    loader = create_app(_app_config(url, directory / "instance"))
    with loader.app_context():
        people = _load_people()
        db.session.commit()
    loader.extensions["portal_engine"].dispose()
    return BrowserDatabase(url, people)


@pytest.fixture(scope="session")
def people(browser_database: BrowserDatabase) -> People:
    return browser_database.people


def start_live_server(app: Flask) -> tuple[LiveServer, threading.Thread]:
    @app.after_request
    def name_the_endpoint(response: Response) -> Response:
        response.headers[ENDPOINT_HEADER] = request.endpoint or ""
        return response

    server = make_server(LOCAL_HOST, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return LiveServer(f"http://{LOCAL_HOST}:{server.server_port}", app, server), thread


@pytest.fixture(scope="session")
def live_server_factory(
    browser_database: BrowserDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., LiveServer]]:
    """Start another server on the same database with different settings."""
    started: list[tuple[LiveServer, threading.Thread]] = []

    def start(**overrides: Any) -> LiveServer:
        instance_dir = tmp_path_factory.mktemp("instance")
        app = create_app(_app_config(browser_database.url, instance_dir, **overrides))
        live, thread = start_live_server(app)
        started.append((live, thread))
        return live

    yield start
    for live, thread in started:
        live.server.shutdown()
        live.server.server_close()
        thread.join(timeout=5)
        live.app.extensions["portal_engine"].dispose()
        live.app.session_interface.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def live_server(live_server_factory: Callable[..., LiveServer]) -> LiveServer:
    return live_server_factory()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Browser tests need Debian's Chromium at {CHROMIUM} (apt install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must run them", pytrace=False)
        pytest.skip(reason)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except BaseException:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class Session:
    """One browser context and its page, the requests it refused to send, and
    what the browser complained about (a CSP refusal is a console error)."""

    context: BrowserContext
    page: Page
    javascript: bool
    width: int
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.context.close()


def open_session(
    browser: Browser,
    *,
    javascript: bool = True,
    width: int = NARROW,
    height: int = 800,
) -> Session:
    context = browser.new_context(
        viewport={"width": width, "height": height},
        java_script_enabled=javascript,
        locale="en-GB",
    )
    context.set_default_timeout(10_000)
    outside: list[str] = []

    def keep_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname != LOCAL_HOST:
            outside.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", keep_local)
    session = Session(context, context.new_page(), javascript, width, outside)

    def record_console_error(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url")
        # A 404 or 422 page is reported as a failed load; tests check statuses.
        document_status = message.text.startswith("Failed to load resource: the server")
        if document_status and message.page is not None and url == message.page.url:
            return
        session.console_errors.append(f"{message.text} ({url})")

    context.on("console", record_console_error)
    context.on("weberror", lambda error: session.console_errors.append(str(error.error)))
    return session


@pytest.fixture
def new_session(browser: Browser) -> Iterator[Callable[..., Session]]:
    """Open contexts for one test; they close when it ends."""
    opened: list[Session] = []

    def factory(**options: Any) -> Session:
        session = open_session(browser, **options)
        opened.append(session)
        return session

    yield factory
    for session in opened:
        session.close()


SUBMIT_BUTTON = "#maincontent form button[type=submit]"

# With JavaScript disabled, Chromium still runs Playwright's evaluate() (the
# page's own scripts never run), but it never fires timers, and axe.run()
# waits on setTimeout: it would hang. Timers become microtasks, in a page
# where nothing else runs, so axe checks the page as rendered without JS.
_TIMERS_AS_MICROTASKS = """() => {
    const soon = (callback, ...args) => {
        Promise.resolve().then(() => callback(...args));
        return 0;
    };
    window.setTimeout = soon;
    window.clearTimeout = () => {};
    window.requestAnimationFrame = (callback) => soon(callback, performance.now());
    window.cancelAnimationFrame = () => {};
}"""


# Every rule axe runs by default, plus WCAG 2.2's target size (2.5.8: at least
# 24 by 24 CSS pixels, or spaced that far apart), which axe leaves off.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_violations(page: Page, *, javascript: bool) -> list[dict[str, Any]]:
    # A click on a link returns once the next page has committed, not loaded:
    # checked then, the parser may still be waiting on a <head> script and
    # axe sees a page with no <main> and no <h1>. Wait for the whole page.
    page.wait_for_load_state("load")
    if not javascript:
        page.evaluate(_TIMERS_AS_MICROTASKS)
    violations: list[dict[str, Any]] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def sign_in(
    page: Page, base_url: str, email: str, password: str = TEST_PASSWORD, *, path: str = "/sign-in"
) -> None:
    """Sign in through the real form, as a person would."""
    if path:
        page.goto(base_url + path)
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)
    assert "/sign-in" not in urlsplit(page.url).path, f"sign-in as {email} failed"


class HtmlChecker:
    """The W3C Nu HTML Checker as a local service: started once per test
    process (a JVM takes seconds to start, a page then takes milliseconds),
    listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind((LOCAL_HOST, 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command
            [
                shutil.which("java") or "java",
                f"-Dnu.validator.servlet.bind-address={LOCAL_HOST}",
                "-cp",
                str(NU_CHECKER_JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://{LOCAL_HOST}:{self.port}/", timeout=2)
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the Nu HTML Checker did not start") from None
                time.sleep(0.25)

    def errors(self, html: bytes) -> list[str]:
        """Every error (not warning) the checker finds, with its line."""
        request = urllib.request.Request(
            f"http://{LOCAL_HOST}:{self.port}/?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        return [
            f"line {message.get('lastLine', '?')}: {message['message']}"
            for message in messages
            if message["type"] in ("error", "non-document-error")
        ]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def html_checker() -> Iterator[HtmlChecker]:
    if not NU_CHECKER_JAR.exists() or shutil.which("java") is None:
        reason = "HTML checks need Java and the vnu-jar npm package (make test installs both)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must run them", pytrace=False)
        pytest.skip(reason)
    checker = HtmlChecker()
    yield checker
    checker.close()
