"""axe-core on every page, at phone (390) and desktop (1280) widths, with a screenshot of each.

One table, SCREENS, lists every page a person can open: who opens it (a persona, each with its
own browser context, so a persona signs in once per width), its address, what to do on it first
and the status it should answer with. A page fails on any "serious" or "critical" axe violation,
when it scrolls sideways (a person on a phone notices that at once), without a Content-Security-
Policy nonce, or with an unexpected status. Lesser findings go to artifacts/axe-report-<width>.txt;
screenshots to artifacts/screenshots/<width>/<name>.png.

To cover a new page, add a row to SCREENS (and what it needs to World, if anything).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page

from groundswell.accounts.models import User
from groundswell.accounts.testing import record_sign_in
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation.testing import give_totp, mark_session_mfa

from .conftest import DESKTOP, MOBILE, SCREENSHOT_DIR, Browsing, Community, save_screenshot

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# axe-core as bundled by axe-playwright-python, loaded into each page before the page's own
# scripts (init scripts are not subject to the page's CSP), so it is parsed once per page.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
RUN_AXE = "() => axe.run(document, {resultTypes: ['violations']})"
HORIZONTAL_OVERFLOW = """() => {
  const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (over <= 1) return [];
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
}"""
PASSWORD = "correct horse battery staple"  # noqa: S105 (UserFactory's test password)
CRISIS_REPLY = "Thank you all. Some nights I just want to die, and writing this helps."


def submit_story_form_without_title(page: Page) -> None:
    page.get_by_label("Your words").fill("Words that should still be here after the error.")
    page.get_by_label("Under a pseudonym").check()
    page.get_by_role("button", name="Continue to review and publish").click()
    page.locator(".error-summary").wait_for()


def submit_empty_form(page: Page) -> None:
    """Send the page's main form as it stands, to see its errors."""
    page.locator("main form").last.locator("[type=submit]").last.click()
    page.locator(".error-summary").wait_for()


def clear_and_submit(page: Page) -> None:
    """Empty every text field of the page's main form and send it, to see its errors."""
    form = page.locator("main form").last
    for field in form.locator("input[type=text]:visible, textarea:visible").all():
        field.fill("")
    form.locator("[type=submit]").last.click()
    page.locator(".error-summary").wait_for()


def open_first_reply(page: Page) -> None:
    page.locator("details.reply summary").first.click()


@dataclass
class World:
    """Everything the pages in SCREENS show: the community, staff, and work for them to do."""

    c: Community
    moderator: User
    admin: User
    organiser: User
    helpline: Any
    organisation: Any
    org_invitation_token: str
    reported_comment: Any
    reported_member: User
    hidden_story: Any
    appeal: Any
    held_story: Any
    conversation_id: int
    message_id: int
    message_report_id: int
    resource: Any
    coauthor_invitation: Any
    suggestion: Any
    privacy_revision_id: int


@dataclass(frozen=True)
class Screen:
    """A page to check: `persona` is a key of PERSONAS; `path` may need the World."""

    name: str
    persona: str
    path: str | Callable[[World], str]
    before: Callable[[Page], None] | None = None
    status: int = 200
    # The site's own header and navigation around the page (all but the API docs).
    site_chrome: bool = True

    def url_path(self, world: World) -> str:
        return self.path if isinstance(self.path, str) else self.path(world)


# Every page, by who opens it. Each persona keeps one browser context per width, so its pages
# are checked in the order listed; a row for a page that changes state comes last for its persona.
SCREENS: list[Screen] = [
    # Visitors.
    Screen("home-anonymous", "visitor", "/"),
    Screen("story-anonymous", "visitor", lambda w: f"/stories/{w.c.story.pk}/"),
    Screen("browse-ideas", "visitor", "/browse/ideas/"),
    Screen("topics-anonymous", "visitor", "/topics/"),
    Screen("places-anonymous", "visitor", "/places/"),
    Screen("search-results-anonymous", "visitor", "/search/?q=carers"),
    Screen("organisations", "visitor", "/organisations/"),
    Screen("organisation", "visitor", lambda w: f"/organisations/{w.organisation.slug}/"),
    Screen(
        "organisation-invitation",
        "visitor",
        lambda w: f"/organisations/invitations/{w.org_invitation_token}/",
    ),
    Screen("profile-anonymous", "visitor", lambda w: f"/members/{w.c.owner.handle}/"),
    Screen("offers-and-needs-anonymous", "visitor", "/offers-and-needs/"),
    Screen("assets-anonymous", "visitor", "/assets/"),
    Screen("asset-map-anonymous", "visitor", "/assets/map/"),
    *[
        Screen(f"site-page-{slug}", "visitor", f"/pages/{slug}/")
        for slug in ("about", "privacy", "terms", "guidelines", "accessibility", "contact")
    ],
    Screen("not-found", "visitor", "/no-such-page/", status=404),
    Screen("api-docs", "visitor", "/api/docs", site_chrome=False),
    Screen("signup", "visitor", "/accounts/signup/"),
    Screen("signup-errors", "visitor", "/accounts/signup/", submit_empty_form),
    Screen("login", "visitor", "/accounts/login/"),
    Screen("login-errors", "visitor", "/accounts/login/", submit_empty_form),
    Screen("password-reset", "visitor", "/accounts/password/reset/"),
    Screen("password-reset-done", "visitor", "/accounts/password/reset/done/"),
    Screen("email-verification-sent", "visitor", "/accounts/confirm-email/"),
    # A moderator half way through signing in: the password is done, the code is asked for.
    Screen("two-step-code", "signing-in", "/accounts/2fa/authenticate/"),
    # A signed-in member.
    Screen("home", "member", "/"),
    Screen("story", "member", lambda w: f"/stories/{w.c.story.pk}/"),
    Screen("story-reply-open", "member", lambda w: f"/stories/{w.c.story.pk}/", open_first_reply),
    Screen("story-form", "member", "/stories/new/"),
    Screen("story-form-errors", "member", "/stories/new/", submit_story_form_without_title),
    Screen("story-edit", "member", lambda w: f"/stories/{w.c.draft.pk}/edit/"),
    Screen("consent", "member", lambda w: f"/stories/{w.c.draft.pk}/publish/"),
    Screen("story-hidden-own", "member", lambda w: f"/stories/{w.hidden_story.pk}/"),
    Screen("my-stories", "member", "/stories/mine/"),
    Screen("report-story", "member", lambda w: f"/stories/{w.c.story.pk}/report/"),
    Screen("report-member", "member", lambda w: f"/members/{w.c.owner.handle}/report/"),
    Screen("my-decisions", "member", "/appeals/"),
    Screen("topics", "member", "/topics/"),
    Screen("topic", "member", lambda w: f"/topics/{w.c.topic.slug}/"),
    Screen("places", "member", "/places/"),
    Screen("place", "member", lambda w: f"/places/{w.c.place.slug}/"),
    Screen("search-results", "member", "/search/?q=carers"),
    Screen("search-no-results", "member", "/search/?q=zebra"),
    Screen("profile", "member", lambda w: f"/members/{w.c.owner.handle}/"),
    Screen("profile-edit", "member", "/members/me/"),
    Screen("notifications", "member", "/notifications/"),
    Screen("notification-settings", "member", "/notifications/settings/"),
    Screen("following", "member", "/following/"),
    Screen("following-manage", "member", "/following/manage/"),
    Screen("following-settings", "member", "/following/settings/"),
    Screen("connections", "member", "/following/connections/"),
    Screen(
        "person-connections", "member", lambda w: f"/following/connections/{w.c.member.handle}/"
    ),
    Screen("blocks", "member", "/following/blocks/"),
    Screen("messages", "member", "/messages/"),
    Screen("message-new", "member", lambda w: f"/messages/new/?to={w.c.owner.handle}"),
    Screen("conversation", "member", lambda w: f"/messages/{w.conversation_id}/"),
    Screen(
        "message-report",
        "member",
        lambda w: f"/messages/{w.conversation_id}/report/{w.message_id}/",
    ),
    Screen("coauthor-invitations", "member", "/resources/invitations/"),
    Screen(
        "coauthor-invitation",
        "member",
        lambda w: f"/resources/invitations/{w.coauthor_invitation.pk}/",
    ),
    Screen("resource-suggest", "member", lambda w: f"/resources/{w.resource.pk}/suggest/"),
    Screen("organisations-mine", "member", "/organisations/mine/"),
    Screen("offers-and-needs", "member", "/offers-and-needs/"),
    Screen("offer-form", "member", "/offers-and-needs/new/?side=offer"),
    Screen("need-form-errors", "member", "/offers-and-needs/new/?side=need", submit_empty_form),
    Screen("assets", "member", "/assets/"),
    Screen("asset-form", "member", "/assets/add/"),
    Screen("asset-form-errors", "member", "/assets/add/", submit_empty_form),
    Screen("gift-form", "member", "/assets/add/gift/"),
    Screen("assets-mine", "member", "/assets/mine/"),
    Screen("introductions", "member", "/introductions/"),
    Screen("introduction-new", "member", lambda w: f"/introductions/new/?to={w.c.owner.handle}"),
    Screen("organisation-new", "member", "/organisations/new/"),
    Screen("organisation-new-errors", "member", "/organisations/new/", submit_empty_form),
    Screen("my-data", "member", "/members/me/data/"),
    Screen("consents", "member", "/members/me/consents/"),
    Screen("delete-account", "member", "/members/me/delete/"),
    Screen("api-tokens", "member", "/members/me/tokens/"),
    Screen("account-email", "member", "/accounts/email/"),
    Screen("password-change", "member", "/accounts/password/change/"),
    Screen("two-step-settings", "member", "/accounts/2fa/"),
    Screen("authenticator-setup", "member", "/accounts/2fa/totp/activate/"),
    Screen("forbidden", "member", "/moderation/", status=403),
    Screen("not-found-member", "member", "/stories/999999/", status=404),
    # An organisation's owner, who also wrote the community's story and a shared resource.
    Screen("organisation-owner", "owner", lambda w: f"/organisations/{w.organisation.slug}/"),
    Screen(
        "organisation-members", "owner", lambda w: f"/organisations/{w.organisation.slug}/members/"
    ),
    Screen(
        "organisation-settings",
        "owner",
        lambda w: f"/organisations/{w.organisation.slug}/settings/",
    ),
    Screen(
        "organisation-invite", "owner", lambda w: f"/organisations/{w.organisation.slug}/invite/"
    ),
    Screen(
        "organisation-transfer",
        "owner",
        lambda w: f"/organisations/{w.organisation.slug}/transfer/",
    ),
    Screen("organisation-leave", "owner", lambda w: f"/organisations/{w.organisation.slug}/leave/"),
    Screen("resource", "owner", lambda w: f"/resources/{w.resource.pk}/"),
    Screen("resource-history", "owner", lambda w: f"/resources/{w.resource.pk}/history/"),
    Screen("resource-invite", "owner", lambda w: f"/resources/{w.resource.pk}/invite/"),
    Screen("resource-edit", "owner", lambda w: f"/resources/{w.resource.pk}/edit/"),
    Screen("resource-suggestion", "owner", lambda w: f"/resources/suggestions/{w.suggestion.pk}/"),
    Screen("story-withdraw", "owner", lambda w: f"/stories/{w.c.story.pk}/withdraw/"),
    # A moderator whose session passed two-step sign-in.
    Screen("moderation-queue", "moderator", "/moderation/"),
    Screen("moderation-story", "moderator", lambda w: f"/moderation/content/story/{w.c.story.pk}/"),
    Screen(
        "moderation-held-story",
        "moderator",
        lambda w: f"/moderation/content/story/{w.held_story.pk}/",
    ),
    Screen(
        "moderation-comment",
        "moderator",
        lambda w: f"/moderation/content/comment/{w.reported_comment.pk}/",
    ),
    Screen(
        "moderation-member", "moderator", lambda w: f"/moderation/members/{w.reported_member.pk}/"
    ),
    Screen("moderation-appeal", "moderator", lambda w: f"/moderation/appeals/{w.appeal.pk}/"),
    Screen("premoderation", "moderator", "/moderation/premoderation/"),
    Screen("safeguarding-alerts", "moderator", "/safeguarding/alerts/"),
    Screen("trust-member", "moderator", lambda w: f"/trust/members/{w.c.member.pk}/"),
    Screen("reported-messages", "moderator", "/messages/reported/"),
    Screen("reported-message", "moderator", lambda w: f"/messages/reported/{w.message_report_id}/"),
    Screen("organisations-to-verify", "moderator", "/organisations/to-verify/"),
    Screen("recovery-codes", "moderator", "/accounts/2fa/recovery-codes/"),
    # An administrator, also through two-step sign-in.
    Screen("audit-log", "admin", "/moderation/audit/"),
    Screen("staff-site-pages", "admin", "/staff/site/pages/"),
    Screen("staff-site-page-edit", "admin", "/staff/site/pages/privacy/"),
    Screen("staff-site-page-edit-errors", "admin", "/staff/site/pages/privacy/", clear_and_submit),
    Screen("staff-site-page-history", "admin", "/staff/site/pages/privacy/history/"),
    Screen(
        "staff-site-page-revision",
        "admin",
        lambda w: f"/staff/site/pages/privacy/history/{w.privacy_revision_id}/",
    ),
    Screen("staff-site-identity", "admin", "/staff/site/identity/"),
    Screen("staff-open-referral", "admin", "/staff/open-referral/"),
    Screen("staff-asset-gaps", "admin", "/staff/gaps/"),
    Screen("staff-asset-claims", "admin", "/assets/claims/"),
    Screen("staff-waiting-needs", "admin", "/offers-and-needs/waiting/"),
    Screen("staff-topics", "admin", "/staff/topics/"),
    Screen("staff-topic-new", "admin", "/staff/topics/new/"),
    Screen("staff-topic-new-errors", "admin", "/staff/topics/new/", submit_empty_form),
    Screen("staff-topic-edit", "admin", lambda w: f"/staff/topics/{w.c.topic.pk}/"),
    Screen("staff-places", "admin", "/staff/places/"),
    Screen("staff-place-new", "admin", "/staff/places/new/"),
    Screen("staff-place-edit", "admin", lambda w: f"/staff/places/{w.c.place.pk}/"),
    Screen("staff-help-lines", "admin", "/staff/help-lines/"),
    Screen("staff-help-line-new", "admin", "/staff/help-lines/new/"),
    Screen("staff-help-line-edit", "admin", lambda w: f"/staff/help-lines/{w.helpline.pk}/"),
    Screen("staff-members", "admin", "/staff/members/"),
    Screen("staff-member", "admin", lambda w: f"/staff/members/{w.organiser.handle}/"),
    Screen("design", "admin", "/design/"),
    # An organiser, through two-step sign-in: staff screens scoped to the places they look after.
    Screen("staff-places-organiser", "organiser", "/staff/places/"),
    Screen("staff-help-lines-organiser", "organiser", "/staff/help-lines/"),
]


def _session_cookie(browsing: Browsing, client: Client) -> None:
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browsing.context.clear_cookies()
    browsing.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": browsing.base_url, "httpOnly": True}]
    )


def sign_in_fresh(browsing: Browsing, user: User) -> None:
    """Sign in by session cookie, recording the sign-in as allauth does (so pages that ask for a
    recent sign-in, like authenticator setup, open), and two-step sign-in for staff."""
    client = Client()
    client.force_login(user)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        mark_session_mfa(client, user)
    else:
        record_sign_in(client, user)
    _session_cookie(browsing, client)


def start_two_step_sign_in(browsing: Browsing, user: User) -> None:
    """Sign in with the password in the browser, which leaves allauth asking for the code."""
    page = browsing.new_page()
    page.goto(browsing.url("/accounts/login/"))
    page.get_by_label(re.compile("^Email", re.IGNORECASE)).fill(user.email)
    page.get_by_label(re.compile("^Password", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.close()


PERSONAS: dict[str, Callable[[Browsing, World], None]] = {
    "visitor": lambda b, w: None,
    "signing-in": lambda b, w: start_two_step_sign_in(b, w.moderator),
    "member": lambda b, w: sign_in_fresh(b, w.c.member),
    "owner": lambda b, w: sign_in_fresh(b, w.c.owner),
    "moderator": lambda b, w: sign_in_fresh(b, w.moderator),
    "admin": lambda b, w: sign_in_fresh(b, w.admin),
    "organiser": lambda b, w: sign_in_fresh(b, w.organiser),
}


@pytest.fixture
def world(community: Community, moderator: User, admin_user: User, organiser: User) -> World:
    from groundswell.collaboration import services as collaboration
    from groundswell.core.staff import grant_staff_powers
    from groundswell.core.testing.factories import StoryFactory
    from groundswell.follows.models import Connection, ConnectionStatus
    from groundswell.messaging import permissions as messaging_permissions
    from groundswell.messaging import services as messaging
    from groundswell.moderation import services as moderation
    from groundswell.moderation.models import HiddenCause
    from groundswell.organisations import services as organisations
    from groundswell.places.services import organiser_places_set
    from groundswell.safeguarding.services import alert_raise, helpline_save
    from groundswell.sitepages.demo import load_site_pages
    from groundswell.sitepages.models import SitePageRevision
    from groundswell.stories import services as stories

    c = community
    RecoveryCodes.activate(moderator)
    load_site_pages(admin=admin_user)
    give_totp(organiser)
    grant_staff_powers(admin_user)  # what StaffMFAMiddleware does on a two-step session
    organiser_places_set(user=organiser, places=[c.place], actor=admin_user)
    helpline = helpline_save(
        line=None,
        data={
            "name": "Cardiff Carers Line",
            "contact": "Call 029 2000 0000",
            "description": "Weekdays 9 to 5, for anyone looking after someone.",
            "place": c.place,
            "order": 10,
            "is_active": True,
        },
        actor=admin_user,
    )

    org = organisations.organisation_create(
        creator=c.owner,
        data=organisations.OrganisationInput(
            name="Splott Carers Circle",
            kind="community_group",
            description="Carers meeting every Thursday evening at the Splott community centre.",
            contact_email="circle@example.org",
            accessibility="Step-free entrance; a hearing loop in the main room.",
        ),
    )
    organisations.join_request_create(
        org=org, user=UserFactory(display_name="Asha Asker"), message="My dad has dementia."
    )
    invitation = organisations.invitation_create(
        org=org,
        actor=c.owner,
        email="newcomer@example.org",
        role="member",
        accept_url=lambda token: f"/organisations/invitations/{token}/",
    )

    reporters = [UserFactory(display_name=f"Careful Reader {n}") for n in range(3)]
    comment = stories.comment_create(
        story=c.story, author=c.member, body="Buy my supplements, they cure everything!"
    )
    moderation.report_create(reporter=reporters[0], reason="spam", item_id=comment.item_id)
    moderation.report_create(reporter=reporters[1], reason="spam", item_id=c.story.item_id)
    troll = UserFactory(display_name="Tess Troll")
    moderation.report_create(reporter=reporters[2], reason="spam", profile_user=troll)

    hidden = StoryFactory(author=c.member, title="Miracle cure for tiredness")
    moderation.item_hide(item=hidden, actor=moderator, reason="Health claims without evidence.")
    appeal = moderation.appeal_create(
        item=hidden, author=c.member, message="It was my own experience, not an advert."
    )
    held = StoryFactory(author=troll, title="Everyone at the surgery is useless")
    moderation.item_hold(item=held, cause=HiddenCause.REPORTS, details={"reporters": 3})

    crisis = stories.comment_create(story=c.story, author=c.member, body=CRISIS_REPLY)
    alert_raise(content=crisis, text=CRISIS_REPLY)

    low, high = sorted((c.owner, c.member), key=lambda u: u.pk)
    Connection.objects.create(
        user_low=low, user_high=high, requested_by=c.owner, status=ConnectionStatus.ACCEPTED
    )
    first = messaging.message_start(
        sender=c.owner,
        to=messaging.Recipient(person=c.member),
        body="Would you like to come to the Thursday group?",
    )
    access = messaging_permissions.get_conversation_for_user(c.member, first.conversation_id)
    rude = messaging.message_send(access=access, body="Leave me alone, you are pathetic.")
    owner_access = messaging_permissions.get_conversation_for_user(c.owner, first.conversation_id)
    report = messaging.message_report(access=owner_access, message=rude, reason="harassment")

    resource = StoryFactory(
        author=c.owner,
        kind="resource",
        title="A guide to your first carers' assessment",
        body="Write down a normal week before the visit.\n\nAsk for a copy of the plan.",
    )
    coauthor = collaboration.coauthor_invite(story=resource, inviter=c.owner, member=c.member)
    suggestion = collaboration.suggestion_create(
        story=resource,
        suggester=reporters[0],
        title=resource.title,
        body=resource.body + "\n\nBring someone with you if you can.",
        note="Having someone there helped me remember.",
    )
    return World(
        c=c,
        moderator=moderator,
        admin=admin_user,
        organiser=organiser,
        helpline=helpline,
        organisation=org,
        org_invitation_token=organisations.invitation_token(invitation),
        reported_comment=comment,
        reported_member=troll,
        hidden_story=hidden,
        appeal=appeal,
        held_story=held,
        conversation_id=first.conversation_id,
        message_id=first.pk,
        message_report_id=report.pk,
        resource=resource,
        coauthor_invitation=coauthor,
        suggestion=suggestion,
        privacy_revision_id=SitePageRevision.objects.filter(page__slug="privacy").latest("pk").pk,
    )


@dataclass
class Findings:
    blocking: list[str]
    other: list[str]


def check_page(
    page: Page,
    url: str,
    name: str,
    width_name: str,
    *,
    before: Callable[[Page], None] | None = None,
    status: int = 200,
    site_chrome: bool = True,
    folder: str = "",
) -> Findings:
    """Open one page, do `before`, run axe, look for sideways scrolling, save a screenshot."""
    found = Findings([], [])
    response = page.goto(url)
    assert response is not None
    if response.status != status:
        found.blocking.append(
            f"{name} ({width_name}): answered {response.status}, not {status}, at {page.url}"
        )
    csp = response.headers.get("content-security-policy", "")
    if "script-src 'self'" not in csp or "unsafe-inline" in csp or "unsafe-eval" in csp:
        found.blocking.append(f"{name}: no strict Content-Security-Policy for scripts: {csp!r}")
    # Counted, not looked for by role: at phone width the menu is folded away until opened.
    if site_chrome and page.locator('nav[aria-label="Main"]').count() == 0:
        found.blocking.append(
            f"{name} ({width_name}): not in the site's layout (no main navigation)"
        )
    if before:
        before(page)
    results = page.evaluate(RUN_AXE)
    if not results["passes"]:
        found.blocking.append(f"{name} ({width_name}): axe checked nothing")
    for v in results["violations"]:
        nodes = "; ".join(str(n["target"][0]) if n["target"] else "?" for n in v["nodes"][:4])
        line = f"{name} ({width_name}): [{v['impact']}] {v['id']}: {v['help']} -> {nodes}"
        (found.blocking if v["impact"] in BLOCKING else found.other).append(line)
    overflow = page.evaluate(HORIZONTAL_OVERFLOW)
    if overflow:
        found.blocking.append(f"{name} ({width_name}): scrolls sideways; too wide: {overflow}")
    if folder:
        save_screenshot(page, name, folder=folder)
    else:
        save_screenshot(page, f"{name}-{width_name}")
    return found


PageSpec = tuple[str, str, Callable[[Page], None] | None]


def check_pages(
    page: Page,
    base_url: str,
    pages: list[PageSpec],
    width_name: str,
    screenshot: Any = None,
) -> tuple[list[str], list[str]]:
    """Check (name, path, before) pages in one browsing context (other test modules use this)."""
    page.context.add_init_script(path=AXE_SCRIPT)
    blocking: list[str] = []
    other: list[str] = []
    for name, path, before in pages:
        found = check_page(page, base_url + path, name, width_name, before=before)
        blocking += found.blocking
        other += found.other
    return blocking, other


def write_report(width_name: str, failures: list[str], notes: list[str]) -> None:
    SCREENSHOT_DIR.parent.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR.parent / f"axe-report-{width_name}.txt"
    path.write_text(json.dumps({"blocking": failures, "other": notes}, indent=2))


def by_persona(screens: list[Screen]) -> Iterator[tuple[str, list[Screen]]]:
    order: dict[str, list[Screen]] = {}
    for screen in screens:
        order.setdefault(screen.persona, []).append(screen)
    yield from order.items()


def test_every_screen_names_a_known_persona_once() -> None:
    assert {s.persona for s in SCREENS} <= set(PERSONAS)
    names = [s.name for s in SCREENS]
    assert len(names) == len(set(names)), "two screens would overwrite one screenshot"


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["390", "1280"])
def test_every_page_has_no_serious_accessibility_problems(
    browsing_factory: Any, world: World, viewport: dict[str, int]
) -> None:
    width_name = str(viewport["width"])
    blocking: list[str] = []
    other: list[str] = []
    for persona, screens in by_persona(SCREENS):
        browsing = browsing_factory(viewport)
        PERSONAS[persona](browsing, world)
        browsing.context.add_init_script(path=AXE_SCRIPT)
        page = browsing.new_page()
        for screen in screens:
            found = check_page(
                page,
                browsing.url(screen.url_path(world)),
                screen.name,
                width_name,
                before=screen.before,
                status=screen.status,
                site_chrome=screen.site_chrome,
                folder=width_name,
            )
            blocking += found.blocking
            other += found.other
        browsing.context.close()
    write_report(width_name, blocking, other)
    assert blocking == [], f"{len(blocking)} problems:\n" + "\n".join(blocking)


BUTTON_LOOK = """(el) => {
  const s = getComputedStyle(el);
  return {background: s.backgroundColor, color: s.color, fontSize: s.fontSize};
}"""


def test_secondary_and_warning_buttons_look_different_from_the_main_one(
    browsing: Any, community: Community
) -> None:
    """A person should see at a glance which button publishes, which only saves, and which
    destroys: "Save draft" must not look like "Continue", nor "Withdraw" like either."""
    browsing.log_in(community.owner)
    page = browsing.new_page()
    page.goto(browsing.url("/stories/new/"))
    main = page.get_by_role("button", name="Continue to review and publish").evaluate(BUTTON_LOOK)
    secondary = page.get_by_role("button", name="Save draft").evaluate(BUTTON_LOOK)
    assert secondary["background"] != main["background"], (main, secondary)

    page.goto(browsing.url(f"/stories/{community.story.pk}/withdraw/"))
    warning = page.get_by_role("button", name="Withdraw").evaluate(BUTTON_LOOK)
    assert warning["background"] not in {main["background"], secondary["background"]}, warning

    page.goto(browsing.url(f"/stories/{community.story.pk}/"))
    follow = page.get_by_role("button", name="Follow for new comments").evaluate(BUTTON_LOOK)
    assert follow["background"] == secondary["background"], follow
    assert float(follow["fontSize"].removesuffix("px")) < float(main["fontSize"].removesuffix("px"))
