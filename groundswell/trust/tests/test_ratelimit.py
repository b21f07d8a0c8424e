from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.stories.models import Comment, Story

pytestmark = pytest.mark.django_db


def comment_post(client, story, body):
    return client.post(
        reverse("stories:comment_create", args=[story.pk]),
        {"body": body, "submission_key": str(uuid.uuid4())},
    )


def test_too_many_comments_get_a_friendly_429_that_keeps_the_text(
    client_for, member, settings
) -> None:
    settings.RATE_LIMITS = {"comment": {"user": [2, 600]}}
    story = StoryFactory()
    client = client_for(member)
    for i in range(2):
        assert comment_post(client, story, f"Comment {i}").status_code == 302
    body = "Third one: <b>same</b> as my experience at the Royal, honestly."
    response = comment_post(client, story, body)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "Please wait a moment" in html and "Please try again in" in html
    assert (
        "Third one: &lt;b&gt;same&lt;/b&gt; as my experience at the Royal, honestly." in html
    )  # kept, escaped
    assert (
        f'<form method="post" action="{reverse("stories:comment_create", args=[story.pk])}">'
        in html
    )
    assert 'name="body" value="Third one: &lt;b&gt;same&lt;/b&gt;' in html  # "Try again" resends it
    assert "csrfmiddlewaretoken" in html
    assert Comment.objects.filter(author=member).count() == 2


def test_comment_limit_is_per_account(client_for, member, outsider, settings) -> None:
    settings.RATE_LIMITS = {"comment": {"user": [1, 600]}}
    story = StoryFactory()
    assert comment_post(client_for(member), story, "One").status_code == 302
    assert comment_post(client_for(member), story, "Two").status_code == 429
    assert comment_post(client_for(outsider), story, "Mine").status_code == 302


def test_comment_limit_is_also_per_address(client_for, settings) -> None:
    settings.RATE_LIMITS = {"comment": {"user": [100, 600], "ip": [3, 600]}}
    story = StoryFactory()
    statuses = [
        comment_post(client_for(UserFactory()), story, "Hello").status_code for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def commenter_behind_the_proxy(client_for, forwarded_for: str):
    client = client_for(UserFactory())
    client.defaults |= {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded_for}
    return client


def test_behind_a_trusted_proxy_each_visitor_has_their_own_address_limit(
    client_for, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {"comment": {"user": [100, 600], "ip": [1, 600]}}
    story = StoryFactory()
    here = commenter_behind_the_proxy(client_for, "203.0.113.9")
    there = commenter_behind_the_proxy(client_for, "203.0.113.10")
    assert comment_post(here, story, "Hello").status_code == 302
    assert comment_post(there, story, "Hello too").status_code == 302
    # A made-up address on the left of the header does not buy a new allowance.
    again = commenter_behind_the_proxy(client_for, "192.0.2.66, 203.0.113.9")
    assert comment_post(again, story, "Once more").status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_not_believed(client_for, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    settings.RATE_LIMITS = {"comment": {"user": [100, 600], "ip": [1, 600]}}
    story = StoryFactory()
    assert (
        comment_post(commenter_behind_the_proxy(client_for, "203.0.113.9"), story, "A").status_code
        == 302
    )
    other = commenter_behind_the_proxy(client_for, "203.0.113.10")
    assert comment_post(other, story, "B").status_code == 429


def test_story_saves_are_limited_and_the_draft_text_is_given_back(
    client_for, owner, settings
) -> None:
    settings.RATE_LIMITS = {"story": {"user": [1, 600]}}
    topic = TopicFactory()
    client = client_for(owner)

    def post(title: str):
        return client.post(
            reverse("stories:create"),
            {
                "kind": "story",
                "title": title,
                "body": "Line one.\nLine two about the clinic.",
                "topics": [str(topic.pk)],
                "identity": "named",
                "audience": "public",
                "submission_key": str(uuid.uuid4()),
                "action": "save",
            },
        )

    assert post("First").status_code == 302
    response = post("Second draft title")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Second draft title" in html and "Line one.\nLine two about the clinic." in html
    assert Story.objects.filter(author=owner).count() == 1


def test_rate_limits_can_be_switched_off(client_for, member, settings) -> None:
    settings.RATE_LIMITS = {"comment": {"user": [1, 600]}}
    settings.RATE_LIMITS_ENABLED = False
    story = StoryFactory()
    client = client_for(member)
    assert [comment_post(client, story, "x").status_code for _ in range(3)] == [302, 302, 302]


def test_allauth_uses_the_friendly_429_page_for_sign_ups(client, settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**django_settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    url = reverse("account_signup")
    first = client.post(url, {"email": "a@example.org", "password1": "x", "password2": "y"})
    assert first.status_code == 200  # invalid form, but counted
    second = client.post(url, {"email": "b@example.org", "password1": "x", "password2": "y"})
    assert second.status_code == 429
    assert "Please wait a moment" in second.content.decode()


def test_sign_up_limit_is_configured() -> None:
    assert django_settings.ACCOUNT_RATE_LIMITS["signup"].startswith("20/m/ip")
