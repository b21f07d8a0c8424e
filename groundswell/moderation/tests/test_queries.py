"""Staff pages cost a fixed number of queries however much is waiting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core.testing import staff_menu_queries
from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.moderation import services
from groundswell.stories import services as story_services
from groundswell.stories.models import HiddenCause, Story

pytestmark = pytest.mark.django_db


def fill_queue(n: int, moderator: User) -> None:
    reporter = UserFactory()
    for i in range(n):
        story = StoryFactory()
        story_services.report_create(reporter=reporter, reason="spam", story=story)
        comment = CommentFactory(story=story)
        story_services.report_create(reporter=reporter, reason="harmful", comment=comment)
        story_services.report_create(reporter=reporter, reason="other", profile_user=comment.author)
        held = StoryFactory()
        Story.objects.filter(pk=held.pk).update(
            is_hidden=True, hidden_cause=HiddenCause.REPORTS, hidden_at=held.created_at
        )
        hidden = StoryFactory()
        services.item_hide(item=hidden, actor=moderator, reason=f"Reason {i}")
        services.appeal_create(item=hidden, author=hidden.author, message="Please")


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize(
    "query",
    ["", "?status=held", "?status=appeals", "?status=resolved", "?type=comment&reason=harmful"],
)
def test_queue_has_bounded_queries(client_for, moderator, django_assert_max_num_queries, n, query):
    fill_queue(n, moderator)
    client = client_for(moderator)
    # Plus one query per staff screen that counts its waiting work (the menu, staff pages only).
    with django_assert_max_num_queries(22 + staff_menu_queries(moderator)):
        response = client.get(reverse("moderation:queue") + query)
    assert response.status_code == 200


def test_item_pages_have_bounded_queries(
    client_for, moderator, owner, django_assert_max_num_queries
):
    story = StoryFactory(author=owner)
    comment = CommentFactory(story=story)
    for _ in range(20):
        reporter = UserFactory()
        story_services.report_create(reporter=reporter, reason="spam", story=story)
        story_services.report_create(reporter=reporter, reason="spam", comment=comment)
        story_services.report_create(reporter=reporter, reason="spam", profile_user=owner)
    services.item_hide(item=story, actor=moderator, reason="x")
    services.appeal_create(item=story, author=owner, message="Please")
    client = client_for(moderator)
    for url in (
        reverse("moderation:story", args=[story.pk]),
        reverse("moderation:comment", args=[comment.pk]),
        reverse("moderation:member", args=[owner.pk]),
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [3, 80])
def test_audit_page_has_bounded_queries(
    client_for, admin_user, moderator, django_assert_max_num_queries, n
):
    for story in StoryFactory.create_batch(n):
        services.item_hide(item=story, actor=moderator, reason="x")
    client = client_for(admin_user)
    with django_assert_max_num_queries(7 + staff_menu_queries(admin_user)):
        response = client.get(reverse("moderation:audit"))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [3, 60])
def test_premoderation_page_has_bounded_queries(
    client_for, admin_user, django_assert_max_num_queries, n
):
    for topic in TopicFactory.create_batch(n):
        services.premoderation_rule_create(actor=admin_user, topic=topic)
    client = client_for(admin_user)
    with django_assert_max_num_queries(9 + staff_menu_queries(admin_user)):
        assert client.get(reverse("moderation:premoderation")).status_code == 200


@pytest.mark.parametrize("n", [2, 25])
def test_my_decisions_has_bounded_queries(
    client_for, owner, moderator, django_assert_max_num_queries, n
):
    for story in StoryFactory.create_batch(n, author=owner):
        services.item_hide(item=story, actor=moderator, reason="x")
        services.appeal_create(item=story, author=owner, message="Please")
    client = client_for(owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("moderation:my_decisions")).status_code == 200


@pytest.mark.parametrize("n", [2, 25])
def test_my_stories_with_hidden_stories_has_bounded_queries(
    client_for, owner, moderator, django_assert_max_num_queries, n
):
    for story in StoryFactory.create_batch(n, author=owner):
        services.item_hide(item=story, actor=moderator, reason="x")
    client = client_for(owner)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("stories:my_stories")).status_code == 200
