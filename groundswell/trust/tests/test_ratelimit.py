from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.urls import reverse

from groundswell.core.sharedcache import SharedDatabaseCache
from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.stories.models import Comment, Story
from groundswell.trust.ratelimit import RateLimited, check_rate, describe_seconds

pytestmark = pytest.mark.django_db


def test_check_rate_allows_up_to_the_limit_then_says_when_to_retry() -> None:
    now = 60 * 16_666_667 + 30.0  # 30 seconds into a 60-second window
    for _ in range(3):
        check_rate("test:key", 3, 60, now=now)
    with pytest.raises(RateLimited) as exc:
        check_rate("test:key", 3, 60, now=now)
    assert exc.value.retry_after == 30
    assert exc.value.limit == 3 and exc.value.window_seconds == 60
    assert "Please try again in 30 seconds." in exc.value.message
    check_rate("test:other-key", 3, 60, now=now)  # keys are counted separately
    check_rate("test:key", 3, 60, now=now + 31)  # the next window starts afresh


def test_zero_turns_a_limit_off() -> None:
    for _ in range(50):
        check_rate("test:off", 0, 60)


def test_a_failing_cache_lets_people_through(monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(SharedDatabaseCache, "hit_many", broken)
    for _ in range(5):
        check_rate("test:down", 1, 60)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (45, "45 seconds"), (61, "2 minutes"), (3600, "1 hour"), (7201, "3 hours")],
)
def test_durations_in_plain_words(seconds: int, words: str) -> None:
    assert describe_seconds(seconds) == words


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
