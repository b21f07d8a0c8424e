"""The inbox, settings and unsubscribe pages: who may open what, what they see, query counts."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from groundswell.core.testing.factories import UserFactory
from groundswell.notifications import preferences, registry, services, tokens
from groundswell.notifications.models import (
    EmailDelivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "outsider", "moderator", "admin_user"]


@pytest.fixture
def note(member, outsider, ping_type) -> Notification:
    n = services.notify(member, ping_type, actor=outsider, actor_label="Otto", url="/topics/")
    assert n is not None
    return n


def client_as(request, client_for, persona: str) -> Client:
    if persona == "anonymous":
        return Client()
    return client_for(request.getfixturevalue(persona))


# (name, method, url(note), {persona: status}); "default" for everyone else signed in.
MATRIX = [
    ("inbox", "get", lambda n: reverse("notifications:inbox"), {"anonymous": 302, "default": 200}),
    (
        "settings",
        "get",
        lambda n: reverse("notifications:settings"),
        {"anonymous": 302, "default": 200},
    ),
    (
        "open",
        "get",
        lambda n: reverse("notifications:open", args=[n.pk]),
        {"anonymous": 302, "member": 302, "default": 404},
    ),
    (
        "mark read",
        "post",
        lambda n: reverse("notifications:mark_read", args=[n.pk]),
        {"anonymous": 302, "member": 302, "default": 404},
    ),
    (
        "mark all read",
        "post",
        lambda n: reverse("notifications:mark_all_read"),
        {"anonymous": 302, "default": 302},
    ),
    (
        "unsubscribe page",
        "get",
        lambda n: reverse(
            "notifications:unsubscribe", args=[tokens.make_token(user_id=n.recipient_id)]
        ),
        {"default": 200},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method", "url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(request, client_for, note, persona, name, method, url, expected) -> None:
    client = client_as(request, client_for, persona)
    response = getattr(client, method)(url(note))
    assert response.status_code == expected.get(persona, expected["default"]), name
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_only_the_recipient_can_mark_their_notification_read(client_for, note, outsider) -> None:
    client_for(outsider).post(reverse("notifications:mark_read", args=[note.pk]))
    note.refresh_from_db()
    assert note.is_unread
    client_for(note.recipient).post(reverse("notifications:mark_read", args=[note.pk]))
    note.refresh_from_db()
    assert not note.is_unread


def test_inbox_lists_notifications_with_links_and_marks_all_read(client_for, member, note) -> None:
    client = client_for(member)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Otto pinged you" in html
    assert reverse("notifications:open", args=[note.pk]) in html
    assert "Mark all as read" in html
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/topics/"
    note.refresh_from_db()
    assert not note.is_unread


def test_inbox_paginates(client_for, member, ping_type) -> None:
    for i in range(25):
        services.notify(member, ping_type, actor_label=f"Person {i}")
    client = client_for(member)
    first = client.get(reverse("notifications:inbox")).content.decode()
    second = client.get(reverse("notifications:inbox") + "?page=2").content.decode()
    assert "Person 24 pinged you" in first and "Person 0 pinged you" not in first
    assert "Person 0 pinged you" in second and "Page 2 of 2" in second
    assert client.get(reverse("notifications:inbox") + "?page=zzz").status_code == 200


def test_inbox_query_count_does_not_grow_with_notifications(
    client_for, member, owner, ping_type, django_assert_max_num_queries
) -> None:
    from groundswell.core.testing.factories import CommentFactory, StoryFactory

    story = StoryFactory(author=member)
    for _ in range(20):
        comment = CommentFactory(story=story, author=owner)
        services.notify(member, "story_reply", actor=owner, actor_label="Olu", target=comment.item)
    client = client_for(member)
    client.get(reverse("notifications:inbox"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:inbox"))
    assert response.content.decode().count('<li class="notification is-unread">') == 20


def test_navigation_shows_the_unread_count_with_one_query(
    client_for, member, ping_type, django_assert_num_queries
) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    for _ in range(3):
        services.notify(member, ping_type)
    html = client_for(member).get(reverse("notifications:settings")).content.decode()
    assert '3<span class="visually-hidden"> unread</span>' in html
    request = RequestFactory().get("/")
    request.user = member
    template = Template("{% load notifications %}{% notifications_link %}")
    with django_assert_num_queries(1):
        template.render(Context({"request": request}))
    services.notifications_mark_all_read(user=member)
    html = client_for(member).get(reverse("notifications:settings")).content.decode()
    assert 'data-count="0">0<span' in html  # hidden by the style sheet


def test_a_page_shared_by_many_members_leaves_the_count_to_each_member(member, ping_type) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    from groundswell.core import marks

    services.notify(member, ping_type)
    request = RequestFactory().get("/")
    request.user = member
    template = Template("{% load notifications %}{% notifications_link %}")
    shared = template.render(Context({"request": request, "marks": marks.SharedMarks()}))
    assert "1" not in shared.replace(marks.slot("count:notifications"), "")
    filled = marks.fill(shared, flags=set(), values={"count:notifications": "1"})
    assert filled == template.render(Context({"request": request}))


def test_settings_save_each_types_choice(client_for, member, ping_type) -> None:
    client = client_for(member)
    # Every type other apps register keeps its default; these are changed.
    data = {f"{t.key}-email": t.default_delivery for t in registry.types()}
    data |= {f"{t.key}-site": "on" for t in registry.types() if t.default_in_site}
    data.pop(f"{ping_type}-site", None)
    data |= {f"{ping_type}-email": "weekly", "story_reply-email": "never", "story_reply-site": "on",
             "comment_reply-email": "immediate", "reaction-email": "daily", "reaction-site": "on"}  # fmt: skip
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 302
    choices = preferences.choices_for(member)
    assert choices[ping_type] == preferences.Choice(in_site=False, email="weekly")
    assert choices["story_reply"] == preferences.Choice(in_site=True, email="never")


def test_settings_keep_what_was_chosen_on_an_error(client_for, member, ping_type) -> None:
    response = client_for(member).post(
        reverse("notifications:settings"),
        {f"{ping_type}-email": "hourly", "story_reply-email": "weekly"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'value="weekly" required id="id_story_reply-email_2" checked' in html
    assert not NotificationPreference.objects.exists()


# --- Unsubscribe ------------------------------------------------------------------------------


def test_one_click_unsubscribe_needs_no_session_or_csrf(member, ping_type) -> None:
    token = tokens.make_token(user_id=member.pk, type_key=ping_type)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("notifications:unsubscribe", args=[token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "We won't email you about “Pings” any more." in response.content.decode()
    assert preferences.choice_for(member, ping_type).email == EmailDelivery.NEVER
    assert preferences.choice_for(member, ping_type).in_site is True


def test_the_unsubscribe_page_shows_a_button_and_changes_nothing_on_get(member, ping_type) -> None:
    token = tokens.make_token(user_id=member.pk, type_key=ping_type)
    html = Client().get(reverse("notifications:unsubscribe", args=[token])).content.decode()
    assert "Stop these emails" in html and "Stop all notification emails" in html
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_from_everything(member, ping_type) -> None:
    token = tokens.make_token(user_id=member.pk, type_key=ping_type)
    Client().post(reverse("notifications:unsubscribe", args=[token]), {"scope": "all"})
    assert NotificationSettings.objects.get(user=member).emails_off


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: signing.dumps({"u": 999999, "t": ""}, salt="another purpose"),
        lambda t: "not-a-token",
    ],
    ids=["altered", "wrong salt", "garbage"],
)
def test_a_tampered_unsubscribe_link_is_refused(member, ping_type, tamper) -> None:
    token = tamper(tokens.make_token(user_id=member.pk, type_key=ping_type))
    client = Client()
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("notifications:unsubscribe", args=[token]))
        assert response.status_code == 404
        assert "This link doesn't work" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert not NotificationSettings.objects.exists()


def test_an_expired_unsubscribe_link_is_refused(member, ping_type, settings, monkeypatch) -> None:
    settings.NOTIFICATIONS_UNSUBSCRIBE_DAYS = 30
    token = tokens.make_token(user_id=member.pk, type_key=ping_type)
    assert tokens.read_token(token) is not None
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 31 * 24 * 3600)
    response = Client().post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 404
    assert not NotificationPreference.objects.exists()


def test_a_token_for_someone_else_cannot_be_forged_from_yours(member, ping_type) -> None:
    other = UserFactory()
    mine = tokens.make_token(user_id=member.pk, type_key=ping_type)
    payload, _, signature = mine.rpartition(":")
    forged = signing.dumps({"u": other.pk, "t": ping_type}, salt="x").rpartition(":")[0]
    assert tokens.read_token(f"{forged}:{signature}") is None
    assert tokens.read_token(mine) == tokens.Unsubscribe(user_id=member.pk, type_key=ping_type)
