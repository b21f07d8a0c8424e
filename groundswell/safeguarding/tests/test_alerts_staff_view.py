"""The alerts page names people and stories as every other page does: an author's reply on
their own pseudonymous or anonymous story keeps the story's byline, and a withdrawn story's
title is gone with its words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.safeguarding.services import alert_acknowledge, alert_raise
from groundswell.stories import services as story_services
from groundswell.stories.models import Identity

pytestmark = pytest.mark.django_db

CRISIS_REPLY = "Thank you all. Some nights I just want to die, and writing this helps."
SECRET_TITLE = "Kestrel Lane and the night shift"


@pytest.mark.parametrize(
    ("identity", "pseudonym", "byline"),
    [
        (Identity.ANONYMOUS, "", "Anonymous member"),
        (Identity.PSEUDONYM, "Quiet Heron", "Quiet Heron"),
    ],
)
def test_authors_reply_on_a_masked_story_shows_the_byline(
    client_for, owner, moderator, identity, pseudonym, byline
):
    story = StoryFactory.create(author=owner, identity=identity, pseudonym=pseudonym)
    comment = CommentFactory.create(story=story, author=owner, body=CRISIS_REPLY)
    assert alert_raise(content=comment, text=CRISIS_REPLY) is not None
    html = client_for(moderator).get(reverse("safeguarding:alerts")).text
    assert f"Comment by {byline}" in html
    assert owner.public_name not in html
    assert not AuditEvent.objects.filter(action=AuditAction.IDENTITY_VIEWED).exists()


def test_other_members_replies_still_name_them(client_for, owner, member, moderator):
    story = StoryFactory.create(author=owner, identity=Identity.ANONYMOUS)
    comment = CommentFactory.create(story=story, author=member, body=CRISIS_REPLY)
    alert_raise(content=comment, text=CRISIS_REPLY)
    html = client_for(moderator).get(reverse("safeguarding:alerts")).text
    assert f"Comment by {member.public_name}" in html


def test_withdrawn_story_title_is_not_shown_with_alerts_on_its_comments(
    client_for, owner, member, moderator
):
    story = StoryFactory.create(author=owner, title=SECRET_TITLE)
    comment = CommentFactory.create(story=story, author=member, body=CRISIS_REPLY)
    open_alert = alert_raise(content=comment, text=CRISIS_REPLY)
    other = CommentFactory.create(story=story, author=member, body=CRISIS_REPLY + " Again.")
    done = alert_raise(content=other, text=other.body)
    assert open_alert is not None and done is not None
    alert_acknowledge(alert=done, actor=moderator)
    client = client_for(moderator)
    assert SECRET_TITLE in client.get(reverse("safeguarding:alerts")).text
    story_services.story_withdraw(story=story, actor=owner)
    html = " ".join(client.get(reverse("safeguarding:alerts")).text.split())
    assert SECRET_TITLE not in html
    assert "in a comment on a withdrawn story" in html
    assert "A withdrawn story (a comment)" in html


def test_the_moderators_menu_links_to_the_alerts(client_for, moderator) -> None:
    link = f'href="{reverse("safeguarding:alerts")}"'
    assert link in client_for(moderator).get(reverse("moderation:queue")).content.decode()
    alerts = client_for(moderator).get(reverse("safeguarding:alerts")).content.decode()
    assert 'aria-current="page">Safeguarding alerts' in alerts
