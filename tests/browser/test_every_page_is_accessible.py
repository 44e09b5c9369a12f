"""Every page, for every kind of person, passes axe at 320 px wide, with
JavaScript on and off, in English and in the first right-to-left language
(DESIGN §6, §9; issue 7); every other language, Welsh included, is checked
without JavaScript on the pages with the most words.

Each case is checked at 320 px and again at desktop width, and also for what
axe does not check: one <h1>; a <title> of its own, starting with "Error: "
when the page shows an error summary; error summary links that lead to a
field on the page, and (with JavaScript) focus on the summary; no horizontal
scrolling; <html lang dir>; valid HTML (the W3C Nu HTML Checker); and no
request leaving the machine. The run's summary says how many pages passed.

With JavaScript disabled, Chromium still runs Playwright's evaluate() while
the page's own scripts never run, so axe is injected into the very page that
rendered without JavaScript (<noscript> content and all); only its timers need
help (see ``axe_violations`` in conftest.py). Each case asserts which mode it
is in (nhsuk-frontend adds ``js-enabled`` to <body> only when scripts run), so
a JS-off case cannot silently test the JS-on page, and each checks which
endpoint served it, so the route list below cannot claim a page it missed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Response as PageResponse

from portal.access import POLICY, Audience
from portal.i18n import discover_languages
from portal.nhs_number import with_check_digit
from tests.browser.conftest import (
    ENDPOINT_HEADER,
    NARROW,
    SUBMIT_BUTTON,
    HtmlChecker,
    LiveServer,
    People,
    Session,
    axe_violations,
    describe_violations,
    open_session,
    sign_in,
)
from tests.conftest import PAGE_CHECK

pytestmark = pytest.mark.browser


def _languages_to_check() -> tuple[str, ...]:
    """English and the first right-to-left language (DESIGN §9, issue 7), so
    that its [dir=rtl] layout is checked too, with and without JavaScript.
    The other languages are checked on WORDIEST_PAGES below: on every page
    too, they would double the run for what a sample of the longest pages
    already catches (a translation overflowing 320 px)."""
    right_to_left = [code for code, lang in discover_languages().items() if lang.direction == "rtl"]
    return ("en", *right_to_left[:1])


LANGUAGES = _languages_to_check()
ANONYMOUS = "signed out"


def _send_the_form(page: Page, url: str) -> PageResponse | None:
    """Send the page's first form as it was served: empty, or with the
    values it came with."""
    page.goto(url)
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _sent_empty(
    name: str, endpoint: str, who: str, path: str | Callable[[People], str]
) -> PageCase:
    """The page's main error state: its form sent empty (422)."""
    return PageCase(name, endpoint, who, path, 422, True, load=_send_the_form)


_registered = itertools.count(1)


def _register_someone(page: Page, url: str) -> PageResponse | None:
    """Register a new person (a new NHS number each time): the person's page
    then shows the success banner."""
    nhs_number = None
    while nhs_number is None:
        nhs_number = with_check_digit(f"{700_000_000 + next(_registered):09d}")
    page.goto(url)
    page.fill("#full_name", "Robin Registered")
    page.fill("#nhs_number", nhs_number)
    page.fill("#dob_day", "3")
    page.fill("#dob_month", "4")
    page.fill("#dob_year", "1985")
    page.check("#is_key_worker")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _wrong_password(page: Page, url: str) -> PageResponse | None:
    page.goto(url)
    page.fill("#email", "alex@example.org")
    page.fill("#password", "not the right password at all")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


# --- Plan editor (issue 4) ----------------------------------------------------


def _editor_path(suffix: str = "") -> Callable[[People], str]:
    return lambda people: f"/people/{people.person_with_review_id}/plan{suffix}"


def _half_a_goal(page: Page, url: str) -> PageResponse | None:
    """Only "why it matters" typed in the "Add a goal" fieldset: no goal."""
    page.goto(url)
    page.fill("#add-goals textarea[name$='-why_it_matters']", "Because it helps")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _someone_saved_first(page: Page, url: str) -> PageResponse | None:
    """Another tab saves this section after the form was opened; then this
    form is sent from the version it started with."""
    page.goto(url)
    fields = page.locator("#maincontent form").first.evaluate(
        "form => Object.fromEntries(new FormData(form))"
    )
    fields["what_matters_to_me"] = f"Saved in another tab {fields['draft_version']}"
    assert page.request.post(url, form=fields).ok
    page.fill("#what_matters_to_me", "Typed in this tab")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _wrong_settings(page: Page, url: str) -> PageResponse | None:
    page.goto(url)
    page.fill("#contact_email", "not an email address")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _person(path: str) -> Callable[[People], str]:
    return lambda people: f"/people/{people.person_with_review_id}{path}"


# --- Issue 7: text size and Easy Read -----------------------------------------


def _no_size_chosen(page: Page, url: str) -> PageResponse | None:
    """Send the text size form with neither choice selected."""
    page.goto(url)
    page.evaluate(
        "() => document.querySelectorAll('[name=text_size]').forEach(r => r.checked = false)"
    )
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _with_larger_text(page: Page, url: str) -> PageResponse | None:
    """The page with the larger text on (the cookie a signed-out choice sets;
    nobody here has saved a size). The cookie goes again once the page has
    loaded, so the cases after this one in the same context are unchanged."""
    host = url.split("/")[2].split(":")[0]
    page.context.add_cookies(
        [{"name": "text_size", "value": "larger", "domain": host, "path": "/"}]
    )
    response = page.goto(url)
    page.context.clear_cookies(name="text_size")
    assert page.evaluate("() => document.documentElement.classList.contains('app-text-larger')")
    return response


def _admin(path: str) -> Callable[[People], str]:
    return lambda people: path.format(**people.ids)


# --- Carers and family (issue 5) ---------------------------------------------


def _invite_a_carer(page: Page, url: str) -> PageResponse | None:
    page.goto(url)
    page.fill("#carer_name", "Robin Friend")
    page.fill("#relationship", "My friend")
    page.check("#share_goals")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _close_without_a_reason(page: Page, url: str) -> PageResponse | None:
    page.goto(url)
    page.check("input[name=status][value=closed]")
    page.fill("#note", "")
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def _choose_who(page: Page) -> None:
    """The first person listed: someone this person cares for when there is
    one, else "someone not using this service", which needs their name."""
    first = page.locator("input[name=who]").first
    first.check()
    if first.get_attribute("value") == "outside":
        page.fill("#other_name", "My dad")


def _answer_every_question(page: Page, url: str) -> PageResponse | None:
    """The carer's assessment questions, answered through the pages, ending
    on check your answers (``url``)."""
    base = url.rsplit("/carers-assessment/", 1)[0]
    answers = [
        ("age", lambda: page.check("input[name=answer][value=no]")),
        ("who", lambda: _choose_who(page)),
        ("hours", lambda: page.check("input[name=hours][value='20_to_34']")),
        ("affects", lambda: page.check("input[name=affects][value=sleep]")),
        ("help", lambda: page.fill("#help", "A night off")),
        ("consent", lambda: page.check("input[name=answer][value=yes]")),
        (
            "contact",
            lambda: (
                page.check("input[name=method][value=phone]"),
                page.fill("#details", "07700 900111"),
            ),
        ),
    ]
    response = None
    for step, answer in answers:
        page.goto(f"{base}/carers-assessment/questions/{step}")
        answer()
        with page.expect_navigation() as navigation:
            page.click(SUBMIT_BUTTON)
        response = navigation.value
    return response


def _caring_for(path: str = "") -> Callable[[People], str]:
    return lambda people: f"/caring-for/{people.person_with_review_id}{path}"


@dataclass(frozen=True)
class PageCase:
    name: str
    endpoint: str | None  # None: no route matched (the 404 page)
    who: str  # a key of People.emails, or ANONYMOUS
    path: str | Callable[[People], str]
    status: int = 200
    shows_errors: bool = False
    load: Callable[[Page, str], PageResponse | None] | None = None  # default: page.goto

    def url(self, server: LiveServer, people: People) -> str:
        return server(self.path(people) if callable(self.path) else self.path)


CASES = [
    # Signed out.
    PageCase("sign-in", "auth.sign_in", ANONYMOUS, "/sign-in"),
    _sent_empty("sign-in-empty", "auth.sign_in", ANONYMOUS, "/sign-in"),
    PageCase(
        "sign-in-wrong-password",
        "auth.sign_in",
        ANONYMOUS,
        "/sign-in",
        422,
        True,
        load=_wrong_password,
    ),
    PageCase("signed-out", "auth.signed_out", ANONYMOUS, "/signed-out"),
    PageCase("help", "core.crisis_contacts", ANONYMOUS, "/help"),
    PageCase("accessibility", "core.accessibility", ANONYMOUS, "/accessibility"),
    PageCase("privacy", "core.privacy", ANONYMOUS, "/privacy"),
    PageCase("contact", "core.contact", ANONYMOUS, "/contact"),
    PageCase("language", "core.choose_language", ANONYMOUS, "/language"),
    # --- Issue 7: the text size, signed out and in, and pages with it larger.
    PageCase("text-size", "account.text_size", ANONYMOUS, "/text-size"),
    PageCase(
        "text-size-none-chosen",
        "account.text_size",
        ANONYMOUS,
        "/text-size",
        422,
        True,
        load=_no_size_chosen,
    ),
    PageCase(
        "text-size-signed-in", "account.text_size", "service user", "/text-size?next=/account"
    ),
    PageCase("sign-in-larger-text", "auth.sign_in", ANONYMOUS, "/sign-in", load=_with_larger_text),
    PageCase(
        "my-plan-larger-text", "plan.my_plan", "service user", "/plan", load=_with_larger_text
    ),
    PageCase(
        "caseload-larger-text", "staff.caseload", "key worker", "/caseload", load=_with_larger_text
    ),
    PageCase(
        "person-larger-text",
        "people.staff_view",
        "key worker",
        lambda people: f"/people/{people.person_with_review_id}",
        load=_with_larger_text,
    ),
    PageCase("easy-read", "plan.easy_read", "service user", "/plan/easy-read"),
    PageCase(
        "easy-read-empty", "plan.easy_read", "service user, no review date", "/plan/easy-read"
    ),
    PageCase(
        "easy-read-larger-text",
        "plan.easy_read",
        "service user",
        "/plan/easy-read",
        load=_with_larger_text,
    ),
    PageCase("not-found", None, ANONYMOUS, "/no-such-page", 404),
    # Signed in: home for each kind of person.
    PageCase("home-service-user", "core.home", "service user", "/"),
    PageCase("home-service-user-no-review", "core.home", "service user, no review date", "/"),
    PageCase("home-carer-summary-shared", "core.home", "carer, summary shared", "/"),
    PageCase("home-carer-nothing-shared", "core.home", "carer, nothing shared", "/"),
    PageCase("home-key-worker", "core.home", "key worker", "/"),
    PageCase("home-administrator", "core.home", "administrator", "/"),
    # Signed in: everything else.
    PageCase("account", "account.settings", "service user", "/account"),
    PageCase("change-password", "account.change_password", "service user", "/account/password"),
    _sent_empty(
        "change-password-empty", "account.change_password", "service user", "/account/password"
    ),
    PageCase(
        "person-as-key-worker",
        "people.staff_view",
        "key worker",
        lambda people: f"/people/{people.person_with_review_id}",
    ),
    PageCase(
        "caring-for-summary-shared",
        "people.carer_view",
        "carer, summary shared",
        lambda people: f"/caring-for/{people.person_with_review_id}",
    ),
    PageCase(
        "caring-for-nothing-shared",
        "people.carer_view",
        "carer, nothing shared",
        lambda people: f"/caring-for/{people.person_with_review_id}",
    ),
    PageCase("admin", "admin.index", "administrator", "/admin"),
    # The service user's own plan.
    PageCase("my-plan", "plan.my_plan", "service user", "/plan"),
    PageCase("my-plan-empty", "plan.my_plan", "service user, no review date", "/plan"),
    PageCase("my-actions", "plan.my_actions", "service user", "/plan/actions"),
    PageCase("add-action", "plan.add_action", "service user", "/plan/actions/new"),
    _sent_empty("add-action-empty", "plan.add_action", "service user", "/plan/actions/new"),
    PageCase("safety-plan", "plan.safety_plan", "service user", "/plan/safety"),
    PageCase(
        "safety-plan-empty", "plan.safety_plan", "service user, no review date", "/plan/safety"
    ),
    PageCase("safety-card", "plan.safety_card", "service user", "/plan/safety/card"),
    PageCase("safety-edit", "plan.edit_safety_plan", "service user", "/plan/safety/edit"),
    PageCase("plan-history", "plan.history", "service user", "/plan/history"),
    PageCase("plan-version", "plan.version", "service user", "/plan/history/1"),
    PageCase("who-has-seen", "plan.who_has_seen", "service user", "/plan/who-has-seen"),
    # --- Issue 4, people: the caseload, registering, inviting, accepting. ---
    PageCase("caseload", "staff.caseload", "key worker", "/caseload"),
    PageCase("caseload-search", "staff.caseload", "key worker", "/caseload?q=newcomer"),
    PageCase("caseload-nobody-found", "staff.caseload", "key worker", "/caseload?q=zzz"),
    PageCase("register-person", "staff.register_person", "key worker", "/people/new"),
    _sent_empty("register-person-empty", "staff.register_person", "key worker", "/people/new"),
    PageCase(
        "person-just-registered",
        "people.staff_view",
        "key worker",
        "/people/new",
        load=_register_someone,
    ),
    PageCase(
        "invitation-status",
        "staff.invite_person",
        "key worker",
        lambda people: f"/people/{people.person_invited_id}/invitation",
    ),
    PageCase(
        "invitation-link-made",
        "staff.invite_person",
        "key worker",
        lambda people: f"/people/{people.person_to_invite_id}/invitation",
        load=_send_the_form,
    ),
    PageCase(
        "accept-invitation",
        "invitations.accept",
        ANONYMOUS,
        lambda people: f"/invitation/{people.invitation_token}",
    ),
    _sent_empty(
        "accept-invitation-empty",
        "invitations.accept",
        ANONYMOUS,
        lambda people: f"/invitation/{people.invitation_token}",
    ),
    PageCase(
        "accept-invitation-signed-in",
        "invitations.accept",
        "carer, nothing shared",
        lambda people: f"/invitation/{people.invitation_token}",
    ),
    PageCase("invitation-not-found", "invitations.accept", ANONYMOUS, "/invitation/no-such", 404),
    PageCase(
        "invitation-used",
        "invitations.accept",
        ANONYMOUS,
        lambda people: f"/invitation/{people.used_invitation_token}",
        410,
    ),
    # --- Plan editor (issue 4): the key worker's pages for Alex.
    PageCase("plan-editor", "editor.overview", "key worker", _editor_path()),
    PageCase("plan-editor-goals", "editor.edit_section", "key worker", _editor_path("/goals")),
    PageCase("plan-editor-actions", "editor.edit_section", "key worker", _editor_path("/actions")),
    PageCase(
        "plan-editor-safety", "editor.edit_section", "key worker", _editor_path("/safety_plan")
    ),
    PageCase(
        "plan-editor-goals-error",
        "editor.edit_section",
        "key worker",
        _editor_path("/goals"),
        422,
        True,
        load=_half_a_goal,
    ),
    PageCase(
        "plan-editor-conflict",
        "editor.edit_section",
        "key worker",
        _editor_path("/what_matters"),
        409,
        load=_someone_saved_first,
    ),
    PageCase("plan-preview", "editor.preview", "key worker", _editor_path("/preview")),
    PageCase("plan-publish", "editor.publish", "key worker", _editor_path("/publish")),
    _sent_empty("plan-publish-empty", "editor.publish", "key worker", _editor_path("/publish")),
    # --- Care team and support level (issue 4).
    PageCase("care-team", "careteam.manage", "key worker", _person("/care-team")),
    PageCase(
        "change-key-worker",
        "careteam.change_key_worker",
        "key worker",
        _person("/care-team/key-worker"),
    ),
    _sent_empty(
        "change-key-worker-empty",
        "careteam.change_key_worker",
        "key worker",
        _person("/care-team/key-worker"),
    ),
    PageCase("add-member", "careteam.add_member", "key worker", _person("/care-team/add")),
    _sent_empty("add-member-empty", "careteam.add_member", "key worker", _person("/care-team/add")),
    PageCase(
        "end-membership",
        "careteam.end_membership",
        "key worker",
        lambda people: (
            f"/people/{people.person_with_review_id}/care-team/{people.ids['mdt_membership']}/end"
        ),
    ),
    PageCase(
        "end-membership-key-worker",
        "careteam.end_membership",
        "key worker",
        lambda people: (
            f"/people/{people.person_with_review_id}/care-team/"
            f"{people.ids['key_worker_membership']}/end"
        ),
    ),
    PageCase("support-level", "careteam.support_level", "key worker", _person("/support-level")),
    _sent_empty(
        "support-level-empty", "careteam.support_level", "key worker", _person("/support-level")
    ),
    # --- Administration (issue 4).
    PageCase("admin-team", "admin.team", "administrator", _admin("/admin/teams/{team}")),
    PageCase("admin-new-team", "admin.new_team", "administrator", "/admin/teams/new"),
    _sent_empty("admin-new-team-empty", "admin.new_team", "administrator", "/admin/teams/new"),
    PageCase(
        "admin-edit-team", "admin.edit_team", "administrator", _admin("/admin/teams/{team}/edit")
    ),
    PageCase(
        "admin-new-staff",
        "admin.new_staff",
        "administrator",
        _admin("/admin/teams/{team}/staff/new"),
    ),
    _sent_empty(
        "admin-new-staff-empty",
        "admin.new_staff",
        "administrator",
        _admin("/admin/teams/{team}/staff/new"),
    ),
    PageCase(
        "admin-staff-member",
        "admin.staff_member",
        "administrator",
        _admin("/admin/staff/{key_worker}"),
    ),
    PageCase(
        "admin-new-sign-in-link",
        "admin.new_staff_link",
        "administrator",
        _admin("/admin/staff/{key_worker}"),
        load=_send_the_form,
    ),
    PageCase(
        "admin-disable-staff",
        "admin.disable_staff",
        "administrator",
        _admin("/admin/staff/{key_worker}/disable"),
    ),
    PageCase("admin-settings", "admin.settings", "administrator", "/admin/settings"),
    PageCase(
        "admin-settings-wrong",
        "admin.settings",
        "administrator",
        "/admin/settings",
        422,
        True,
        load=_wrong_settings,
    ),
]

# --- Carers and family (issue 5): the service user's, the carer's and the
# key worker's pages, with their mistakes.
_SU, _CARER, _NOTHING, _KW = (
    "service user",
    "carer, summary shared",
    "carer, nothing shared",
    "key worker",
)
_Q = "/carers-assessment/questions/"
CASES += [
    PageCase("supporters", "carers.supporters", _SU, "/people-who-support-me"),
    PageCase("invite-carer", "carers.invite", _SU, "/people-who-support-me/invite"),
    _sent_empty("invite-carer-empty", "carers.invite", _SU, "/people-who-support-me/invite"),
    PageCase(
        "carer-link-made",
        "carers.invite",
        _SU,
        "/people-who-support-me/invite",
        load=_invite_a_carer,
    ),
    PageCase("supporter", "carers.supporter", _SU, _admin("/people-who-support-me/{carer_link}")),
    PageCase(
        "stop-sharing",
        "carers.stop_sharing",
        _SU,
        _admin("/people-who-support-me/{carer_link}/stop"),
    ),
    PageCase(
        "offered-action",
        "carers.decide_suggestion",
        _SU,
        _admin("/people-who-support-me/suggestions/{suggestion}"),
    ),
    _sent_empty(
        "offered-action-empty",
        "carers.decide_suggestion",
        _SU,
        _admin("/people-who-support-me/suggestions/{suggestion}"),
    ),
    PageCase(
        "accept-carer-invitation",
        "carers.accept_invitation",
        ANONYMOUS,
        lambda people: f"/carer-invitation/{people.carer_invitation_token}",
    ),
    _sent_empty(
        "accept-carer-invitation-empty",
        "carers.accept_invitation",
        ANONYMOUS,
        lambda people: f"/carer-invitation/{people.carer_invitation_token}",
    ),
    PageCase(
        "accept-carer-invitation-signed-in",
        "carers.accept_invitation",
        _NOTHING,
        lambda people: f"/carer-invitation/{people.carer_invitation_token}",
    ),
    PageCase(
        "carer-invitation-used",
        "carers.accept_invitation",
        ANONYMOUS,
        lambda people: f"/carer-invitation/{people.used_carer_invitation_token}",
        410,
    ),
    PageCase("cared-for", "carers.cared_for", _CARER, "/caring-for"),
    PageCase("cared-for-nobody", "carers.cared_for", _KW, "/caring-for"),
    PageCase("shared-summary", "carers.shared_section", _CARER, _caring_for("/plan/summary")),
    PageCase("shared-reviews", "carers.shared_section", _CARER, _caring_for("/plan/reviews")),
    PageCase("share-with-team", "carers.share_with_team", _NOTHING, _caring_for("/share")),
    _sent_empty("share-with-team-empty", "carers.share_with_team", _NOTHING, _caring_for("/share")),
    PageCase("offer-action", "carers.suggest_action", _CARER, _caring_for("/suggest-action")),
    _sent_empty(
        "offer-action-empty", "carers.suggest_action", _CARER, _caring_for("/suggest-action")
    ),
    PageCase("support-for-carers", "carers.support", ANONYMOUS, "/support-for-carers"),
    PageCase("carers-assessment", "carers.assessment_start", _CARER, "/carers-assessment"),
    *[
        PageCase(f"carers-assessment-{step}", "carers.assessment_step", _NOTHING, _Q + step)
        for step in ("age", "who", "hours", "affects", "help", "consent", "contact")
    ],
    _sent_empty("carers-assessment-age-empty", "carers.assessment_step", _CARER, _Q + "age"),
    PageCase(
        "carers-assessment-check",
        "carers.assessment_check",
        _CARER,
        "/carers-assessment/check-answers",
        load=_answer_every_question,
    ),
    PageCase(
        "carers-assessment-request",
        "carers.assessment_request",
        _CARER,
        _admin("/carers-assessment/{assessment_request}"),
    ),
    PageCase("staff-carers-assessments", "carers.staff_assessments", _KW, "/carers-assessments"),
    PageCase(
        "staff-carers-assessment",
        "carers.staff_assessment",
        _KW,
        _admin("/carers-assessments/{assessment_request}"),
    ),
    PageCase(
        "staff-carers-assessment-no-reason",
        "carers.staff_assessment",
        _KW,
        _admin("/carers-assessments/{assessment_request}"),
        422,
        True,
        load=_close_without_a_reason,
    ),
]


# --- Reviews (issue 6): asking, following a request, and the team's side.
def _review(path: str = "") -> Callable[[People], str]:
    return lambda people: f"/reviews/{people.ids['review']}{path}"


def _team_request(path: str = "") -> Callable[[People], str]:
    return lambda people: f"/requests/{people.ids['review']}{path}"


def _carer_journey(path: str = "") -> Callable[[People], str]:
    return lambda people: f"/caring-for/{people.person_with_review_id}/ask-for-a-review{path}"


REVIEW_STEPS = ("what-has-changed", "what-to-change", "how-soon", "support", "contact")
CASES += [
    PageCase("ask-for-a-review", "reviews.start", "service user", "/ask-for-a-review"),
    *[
        PageCase(f"ask-{step}", "reviews.step", "service user", f"/ask-for-a-review/{step}")
        for step in REVIEW_STEPS
    ],
    _sent_empty(
        "ask-how-soon-empty",
        "reviews.step",
        "service user, no review date",
        "/ask-for-a-review/how-soon",
    ),
    PageCase("ask-check", "reviews.check", "service user", "/ask-for-a-review/check"),
    PageCase(
        "carer-ask-for-a-review", "reviews.carer_start", "carer, nothing shared", _carer_journey()
    ),
    PageCase(
        "carer-ask-who-sees-it",
        "reviews.carer_step",
        "carer, nothing shared",
        _carer_journey("/who-sees-it"),
    ),
    PageCase(
        "carer-ask-check", "reviews.carer_check", "carer, nothing shared", _carer_journey("/check")
    ),
    PageCase("my-review-requests", "reviews.my_requests", "service user", "/reviews"),
    PageCase("carer-review-requests", "reviews.my_requests", "carer, summary shared", "/reviews"),
    PageCase("my-review-request", "reviews.my_request", "service user", _review()),
    PageCase("review-request-sent", "reviews.sent", "service user", _review("/sent")),
    PageCase("team-requests", "reviews.team_requests", "key worker", "/requests"),
    PageCase("team-requests-all", "reviews.team_requests", "key worker", "/requests?status=all"),
    PageCase("team-request", "reviews.team_request", "key worker", _team_request()),
    PageCase("arrange-review", "reviews.arrange", "key worker", _team_request("/arrange")),
    _sent_empty("arrange-review-empty", "reviews.arrange", "key worker", _team_request("/arrange")),
    PageCase("complete-review", "reviews.complete", "key worker", _team_request("/complete")),
    _sent_empty(
        "complete-review-empty", "reviews.complete", "key worker", _team_request("/complete")
    ),
    PageCase("decline-review", "reviews.decline", "key worker", _team_request("/decline")),
    _sent_empty("decline-review-empty", "reviews.decline", "key worker", _team_request("/decline")),
]


# --- Issue 7: every route as every kind of person who may see it. ----------
# Each sign-in in People is one kind of user from DESIGN §8. (Other-team
# staff see the same pages as the key worker with another caseload, and
# disabled accounts cannot sign in: the authorisation matrix covers both.)
KIND_OF_USER = {
    ANONYMOUS: "anonymous",
    "service user": "service user",
    "service user, no review date": "service user",
    "carer, summary shared": "carer",
    "carer, nothing shared": "carer",
    "key worker": "staff",
    "administrator": "administrator",
}
# The sign-in a copied case uses for each kind.
SIGN_IN_FOR_KIND = {
    "anonymous": ANONYMOUS,
    "service user": "service user",
    "carer": "carer, summary shared",
    "staff": "key worker",
    "administrator": "administrator",
}
SIGNED_IN_KINDS = frozenset({"service user", "carer", "staff", "administrator"})
KINDS_FOR_AUDIENCE = {
    Audience.ANYONE: SIGNED_IN_KINDS | {"anonymous"},
    Audience.SIGNED_IN: SIGNED_IN_KINDS,
    Audience.SERVICE_USER: frozenset({"service user"}),
    Audience.CARER: frozenset({"carer"}),
    Audience.STAFF: frozenset({"staff"}),
    Audience.ADMIN: frozenset({"administrator"}),
}
# Routes the policy lets a kind of user reach that never show that kind a
# page of their own, and why. Anything else unvisited fails the build.
NO_PAGE_FOR_KIND: dict[tuple[str, str], str] = {
    **{
        (endpoint, kind): "sends a signed-in person on to their home page"
        for endpoint in ("auth.sign_in", "auth.signed_out")
        for kind in SIGNED_IN_KINDS
    },
    **{
        (endpoint, kind): "only service users and carers ask for reviews"
        for endpoint in ("reviews.my_request", "reviews.sent")
        for kind in ("staff", "administrator")
    },
}


def _own_request(path: str, key: str) -> Callable[[People], str]:
    return lambda people: path.format(people.ids[key])


CASES += [
    PageCase(
        "carer-review-request",
        "reviews.my_request",
        _CARER,
        _own_request("/reviews/{}", "carer_review"),
    ),
    PageCase(
        "carer-review-request-sent",
        "reviews.sent",
        _CARER,
        _own_request("/reviews/{}/sent", "carer_review"),
    ),
    *[
        PageCase(
            f"carers-assessment-request-as-{kind.replace(' ', '-')}",
            "carers.assessment_request",
            SIGN_IN_FOR_KIND[kind],
            _own_request("/carers-assessment/{}", f"{key}_assessment_request"),
        )
        for kind, key in (
            ("service user", "service_user"),
            ("staff", "staff"),
            ("administrator", "admin"),
        )
    ],
]


def _kinds_checked(cases: list[PageCase]) -> set[tuple[str, str]]:
    return {(case.endpoint, KIND_OF_USER[case.who]) for case in cases if case.endpoint}


def _as_every_permitted_kind(cases: list[PageCase]) -> list[PageCase]:
    """Copies of each route's first plain page (a 200 with no error) for the
    kinds of user the policy permits and no case visits yet. A route whose
    pages depend on whose objects they show needs cases of its own (above)."""
    checked = _kinds_checked(cases)
    copies = []
    for endpoint, audience in POLICY.items():
        plain = next(
            (c for c in cases if c.endpoint == endpoint and c.status == 200 and not c.shows_errors),
            None,
        )
        if plain is None:
            continue
        for kind in sorted(KINDS_FOR_AUDIENCE[audience]):
            if (endpoint, kind) in checked or (endpoint, kind) in NO_PAGE_FOR_KIND:
                continue
            name = f"{plain.name}-as-{kind.replace(' ', '-')}"
            copies.append(replace(plain, name=name, who=SIGN_IN_FOR_KIND[kind]))
    return copies


CASES += _as_every_permitted_kind(CASES)

# Grouped by browser context (language, JavaScript, person) so each context
# signs in once and is reused by the cases that follow it.
PARAMS = [
    pytest.param(case, javascript, lang, id=f"{case.name}-{lang}-{'js' if javascript else 'no-js'}")
    for lang in LANGUAGES
    for javascript in (True, False)
    for case in sorted(CASES, key=lambda c: c.who)
]


class SessionPool:
    """One signed-in (or signed-out) context per person, JavaScript mode and
    language, opened on first use."""

    def __init__(self, browser: Browser, server: LiveServer, people: People) -> None:
        self.browser = browser
        self.server = server
        self.people = people
        self.sessions: dict[tuple[str, bool, str], Session] = {}

    def get(self, who: str, javascript: bool, lang: str) -> Session:
        key = (who, javascript, lang)
        if key not in self.sessions:
            session = open_session(self.browser, javascript=javascript)
            # The first request chooses the language; a cookie keeps it.
            session.page.goto(self.server(f"/sign-in?lang={lang}"))
            if who != ANONYMOUS:
                sign_in(session.page, self.server.url, self.people.emails[who], path="")
            self.sessions[key] = session
        return self.sessions[key]

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()


@pytest.fixture(scope="module")
def pool(browser: Browser, live_server: LiveServer, people: People) -> Iterator[SessionPool]:
    sessions = SessionPool(browser, live_server, people)
    yield sessions
    sessions.close()


@pytest.fixture(scope="module")
def error_prefixes(live_server: LiveServer) -> dict[str, str]:
    prefixes = {}
    with live_server.app.test_request_context():
        for lang in discover_languages():
            with force_locale(lang):
                prefixes[lang] = _("Error") + ": "
    return prefixes


PAGE_FACTS = """() => ({
    jsEnabled: document.body.classList.contains("js-enabled"),
    lang: document.documentElement.getAttribute("lang"),
    dir: document.documentElement.getAttribute("dir"),
    h1s: document.querySelectorAll("h1").length,
    title: document.title,
    errorSummary: document.querySelector(".nhsuk-error-summary") !== null,
    // Error summary links whose #target is not an element on the page.
    brokenErrorLinks: [...document.querySelectorAll(".nhsuk-error-summary a[href^='#']")]
        .map((link) => link.getAttribute("href"))
        .filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))),
    focusInErrorSummary: document.activeElement !== null
        && document.activeElement.closest(".nhsuk-error-summary") !== null,
    scrollWidth: document.documentElement.scrollWidth,
    // NHS.UK frontend components the bundled script did not start: it takes
    // only the components our pages use (static/js/portal.js).
    uninitialisedModules: [...document.querySelectorAll("[data-module]")]
        .filter((element) => !element.hasAttribute(`data-${element.dataset.module}-init`))
        .map((element) => element.dataset.module),
})"""
DESKTOP = 1280
# Titles seen so far in this test process: (person, language, title) -> endpoint.
TITLES_SEEN: dict[tuple[str, str, str], str] = {}
# Routes that answer with the very same page: a portal link and a carer's
# link that does not work get the one "This link ..." page.
PAGES_SHARED_BY_ROUTES = [{"invitations.accept", "carers.accept_invitation"}]


@dataclass(frozen=True)
class PageChecker:
    """What every page check needs, from the module's fixtures."""

    pool: SessionPool
    live_server: LiveServer
    people: People
    error_prefixes: dict[str, str]
    html_checker: HtmlChecker

    def check(self, case: PageCase, javascript: bool, lang: str) -> None:
        check_page(
            case,
            javascript,
            lang,
            self.pool,
            self.live_server,
            self.people,
            self.error_prefixes,
            self.html_checker,
        )


@pytest.fixture(scope="module")
def page_checker(
    pool: SessionPool,
    live_server: LiveServer,
    people: People,
    error_prefixes: dict[str, str],
    html_checker: HtmlChecker,
) -> PageChecker:
    return PageChecker(pool, live_server, people, error_prefixes, html_checker)


@pytest.mark.parametrize(("case", "javascript", "lang"), PARAMS)
def test_page_is_accessible(
    case: PageCase,
    javascript: bool,
    lang: str,
    page_checker: PageChecker,
    record_property: Callable[[str, object], None],
) -> None:
    page_checker.check(case, javascript, lang)
    record_property(PAGE_CHECK, "axe and html" if not javascript else "axe")


# The languages the full matrix above does not run: each is checked without
# JavaScript on the pages with the most words (labels, hints, buttons), where
# a long translation is likeliest to overflow a 320 px screen.
OTHER_LANGUAGES = sorted(set(discover_languages()) - set(LANGUAGES))
WORDIEST_PAGES = (
    "sign-in-empty",
    "help",
    "home-service-user",
    "my-plan",
    "my-actions",
    "safety-plan",
    "ask-how-soon-empty",
    "supporters",
    "carers-assessment-hours",
    "caseload",
    "plan-editor-goals",
    "team-request",
)


@pytest.mark.parametrize(
    ("case", "lang"),
    [
        pytest.param(case, lang, id=f"{case.name}-{lang}-no-js")
        for lang in OTHER_LANGUAGES
        for case in sorted((c for c in CASES if c.name in WORDIEST_PAGES), key=lambda c: c.who)
    ],
)
def test_page_is_accessible_in_every_other_language(
    case: PageCase,
    lang: str,
    page_checker: PageChecker,
    record_property: Callable[[str, object], None],
) -> None:
    page_checker.check(case, False, lang)
    record_property(PAGE_CHECK, "axe and html")


def test_every_other_language_is_checked() -> None:
    names = {case.name for case in CASES}
    assert set(WORDIEST_PAGES) <= names, f"no such cases: {set(WORDIEST_PAGES) - names}"
    assert len(LANGUAGES) + len(OTHER_LANGUAGES) == len(discover_languages())


def check_page(
    case: PageCase,
    javascript: bool,
    lang: str,
    pool: SessionPool,
    live_server: LiveServer,
    people: People,
    error_prefixes: dict[str, str],
    html_checker: HtmlChecker,
) -> None:
    """Everything the page checker asserts about one page, in one language
    and JavaScript mode, at 320 px and at desktop width."""
    session = pool.get(case.who, javascript, lang)
    page = session.page
    url = case.url(live_server, people)
    response = case.load(page, url) if case.load else page.goto(url)

    assert response is not None, f"no response for {url}"
    assert response.status == case.status, f"{url} answered {response.status}"
    assert response.headers.get(ENDPOINT_HEADER.lower()) == (case.endpoint or ""), (
        f"{url} was served by {response.headers.get(ENDPOINT_HEADER.lower())!r}, "
        f"not {case.endpoint!r}"
    )

    facts = page.evaluate(PAGE_FACTS)
    assert facts["jsEnabled"] is javascript, "the page ran in the wrong JavaScript mode"
    language = live_server.app.extensions["portal_languages"][lang]
    assert facts["lang"] == lang, f'<html lang="{facts["lang"]}">, expected "{lang}"'
    assert facts["dir"] == language.direction, f'<html dir="{facts["dir"]}">'
    assert facts["h1s"] == 1, f"the page has {facts['h1s']} <h1> elements"
    if javascript:
        assert facts["uninitialisedModules"] == [], (
            f"NHS.UK frontend components not started: {facts['uninitialisedModules']}; "
            "import their init functions in static/js/portal.js"
        )
    assert facts["title"].strip(), "the page has an empty <title>"
    assert facts["errorSummary"] is case.shows_errors, (
        "error summary shown" if facts["errorSummary"] else "no error summary shown"
    )
    if facts["errorSummary"]:
        assert facts["title"].startswith(error_prefixes[lang]), (
            f"title {facts['title']!r} does not start with {error_prefixes[lang]!r}"
        )
        assert facts["brokenErrorLinks"] == [], (
            f"error summary links lead nowhere: {facts['brokenErrorLinks']}"
        )
        if javascript:
            assert facts["focusInErrorSummary"], "focus is not on the error summary"
    else:
        assert not facts["title"].startswith(error_prefixes[lang])
    # A title of its own among the pages this person sees: two with the same
    # title are hard to tell apart in tabs, history and a screen reader's
    # first words.
    title = facts["title"].removeprefix(error_prefixes[lang])
    owner = TITLES_SEEN.setdefault((case.who, lang, title), case.endpoint or "")
    same_page = {owner, case.endpoint or ""} in PAGES_SHARED_BY_ROUTES
    assert owner == (case.endpoint or "") or same_page, (
        f"{case.endpoint} has the same title as {owner}"
    )
    assert facts["scrollWidth"] <= NARROW, (
        f"the page scrolls sideways at {NARROW}px: it is {facts['scrollWidth']}px wide"
    )

    violations = axe_violations(page, javascript=javascript)
    assert not violations, f"axe found problems on {url}:\n{describe_violations(violations)}"
    # The same page at desktop width: another layout, checked again.
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    try:
        violations = axe_violations(page, javascript=javascript)
    finally:
        page.set_viewport_size({"width": NARROW, "height": 800})
    assert not violations, (
        f"axe found problems on {url} at {DESKTOP}px:\n{describe_violations(violations)}"
    )
    if not javascript:
        # The HTML as served, which is the same with JavaScript on.
        html_errors = html_checker.errors(response.body())
        assert not html_errors, f"invalid HTML in {url}:\n" + "\n".join(html_errors)

    assert session.outside_requests == [], (
        f"requests tried to leave {live_server.url}: {session.outside_requests}"
    )
    assert session.console_errors == [], f"the browser reported: {session.console_errors}"


def test_every_page_route_is_checked(live_server: LiveServer) -> None:
    """A new page cannot escape the checks above: every GET route must be in CASES."""
    get_endpoints = {
        rule.endpoint
        for rule in live_server.app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint != "static"
    }
    checked = {case.endpoint for case in CASES if case.endpoint}
    assert get_endpoints <= set(POLICY), "routes missing from portal/access.py POLICY"
    assert checked <= set(POLICY), f"CASES names unknown endpoints: {checked - set(POLICY)}"
    missing = sorted(get_endpoints - checked)
    assert not missing, f"pages with no accessibility check: {missing}"


def test_every_route_is_checked_as_every_kind_of_user_it_admits(live_server: LiveServer) -> None:
    """Issue 7: each GET route is visited as every kind of user its POLICY
    audience admits (signed out, service user, carer, staff, administrator),
    unless NO_PAGE_FOR_KIND says why that kind never gets a page there."""
    checked = _kinds_checked(CASES)
    missing = sorted(
        f"{rule.endpoint} as {kind}"
        for rule in live_server.app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint != "static"
        for kind in KINDS_FOR_AUDIENCE[POLICY[rule.endpoint]]
        if (rule.endpoint, kind) not in checked | set(NO_PAGE_FOR_KIND)
    )
    assert not missing, f"routes not checked as a kind of user they admit: {missing}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_axe_finds_a_planted_problem(
    javascript: bool, pool: SessionPool, live_server: LiveServer
) -> None:
    """The checks above pass only because the pages are right: the same axe
    run finds a problem planted in a real page, with JavaScript on or off."""
    page = pool.get(ANONYMOUS, javascript, "en").page
    page.goto(live_server("/help"))
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "/static/vendor/nhsuk/assets/images/favicon.svg";
            document.querySelector("h1").after(image);
        }"""
    )
    violations = axe_violations(page, javascript=javascript)
    assert [violation["id"] for violation in violations] == ["image-alt"]


def test_axe_finds_targets_too_small_to_tap(pool: SessionPool, live_server: LiveServer) -> None:
    """WCAG 2.2's target size rule is on: two 10 px links side by side fail."""
    page = pool.get(ANONYMOUS, True, "en").page
    page.goto(live_server("/help"))
    page.evaluate(
        """() => {
            const tiny = "display:inline-block;width:10px;height:10px;overflow:hidden";
            const paragraph = document.createElement("p");
            for (const name of ["one", "two"]) {
                const link = document.createElement("a");
                link.href = "/help#" + name;
                link.textContent = name;
                link.style.cssText = tiny;
                paragraph.append(link);
            }
            document.querySelector("h1").after(paragraph);
        }"""
    )
    violations = axe_violations(page, javascript=True)
    assert [violation["id"] for violation in violations] == ["target-size"]


def test_requests_leaving_the_machine_are_refused_and_recorded(
    new_session: Callable[..., Session],
) -> None:
    """The guard every check above relies on does work."""
    session = new_session()
    with pytest.raises(PlaywrightError):
        session.page.goto("http://example.org/")
    assert session.outside_requests == ["http://example.org/"]
