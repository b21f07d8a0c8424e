from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
)
from groundswell.stories import services
from groundswell.stories.models import (
    Comment,
    ConsentAction,
    Status,
    Story,
    StoryConsent,
    StoryRevision,
)
from groundswell.stories.services import StoryInput

pytestmark = pytest.mark.django_db


def make_input(**overrides: object) -> StoryInput:
    data: dict[str, object] = {
        "kind": "story",
        "title": "Waiting eleven months for a hip operation",
        "body": "The worst part was **not knowing**. Our walking group kept me going.",
        "topics": [TopicFactory(name="Ageing well", slug="ageing-well")],
        "place": None,
    }
    data.update(overrides)
    return StoryInput(**data)


def test_double_submitted_draft_creates_one_story(owner):
    key = uuid.uuid4()
    first = services.story_save_draft(author=owner, data=make_input(), submission_key=key)
    second = services.story_save_draft(author=owner, data=make_input(), submission_key=key)
    assert first.pk == second.pk
    assert Story.objects.filter(author=owner).count() == 1


def test_publish_records_what_was_consented_to(owner, settings):
    story = services.story_save_draft(
        author=owner,
        data=make_input(identity="pseudonym", pseudonym="Hopeful Hiker", audience="members"),
    )
    services.story_publish(story=story, actor=owner, consented=True)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.published_at is not None
    consent = StoryConsent.objects.get(story=story)
    assert consent.action == ConsentAction.GIVEN
    assert consent.notice_version == settings.CONSENT_NOTICE_VERSION
    assert "signed-in members of this community only" in consent.statement
    assert "Hopeful Hiker" in consent.statement
    assert consent.identity == "pseudonym" and consent.audience == "members"


def test_publish_without_consent_is_refused(owner):
    story = services.story_save_draft(author=owner, data=make_input())
    with pytest.raises(ValidationError):
        services.story_publish(story=story, actor=owner, consented=False)
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_only_the_author_can_publish(owner, outsider):
    story = services.story_save_draft(author=owner, data=make_input())
    with pytest.raises(PermissionDenied):
        services.story_publish(story=story, actor=outsider, consented=True)


def test_edit_keeps_the_previous_text(owner):
    story = services.story_save_draft(author=owner, data=make_input())
    services.story_publish(story=story, actor=owner, consented=True)
    services.story_edit(story=story, actor=owner, data=make_input(body="A shorter version."))
    revision = StoryRevision.objects.get(story=story)
    assert "not knowing" in revision.body
    story.refresh_from_db()
    assert story.body == "A shorter version." and story.edited_at is not None


def test_changing_audience_of_published_story_needs_consent_again(owner):
    story = services.story_save_draft(author=owner, data=make_input())
    services.story_publish(story=story, actor=owner, consented=True)
    services.story_edit(story=story, actor=owner, data=make_input(audience="members"))
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_withdraw_unpublishes_and_records_withdrawal(owner):
    story = services.story_save_draft(author=owner, data=make_input())
    services.story_publish(story=story, actor=owner, consented=True)
    services.story_withdraw(story=story, actor=owner)
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert not Story.objects.visible_to(owner).filter(pk=story.pk).exists()
    assert StoryConsent.objects.filter(story=story, action=ConsentAction.WITHDRAWN).count() == 1


def test_control_characters_and_bidi_overrides_are_removed(owner):
    story = services.story_save_draft(
        author=owner,
        data=make_input(title="Hello\x00 wor\u202eld\x07", body="Line one\r\nLine two\x1b"),
    )
    assert story.title == "Hello world"
    assert story.body == "Line one\nLine two"


def test_markdown_body_is_sanitised(owner):
    body = "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    story = services.story_save_draft(author=owner, data=make_input(body=body))
    assert "<script" not in story.body_html
    assert 'href="javascript' not in story.body_html
    assert "<img" not in story.body_html
    assert "&lt;script&gt;" in story.body_html  # shown as text, not dropped silently


def test_double_submitted_comment_creates_one(member):
    story = StoryFactory()
    key = uuid.uuid4()
    a = services.comment_create(story=story, author=member, body="Same here.", submission_key=key)
    b = services.comment_create(story=story, author=member, body="Same here.", submission_key=key)
    assert a.pk == b.pk
    story.refresh_from_db()
    assert story.comment_count == 1


def test_replies_nest_three_levels(member, outsider):
    story = StoryFactory()
    top = services.comment_create(story=story, author=member, body="One")
    reply = services.comment_create(story=story, author=outsider, body="Two", parent=top)
    deeper = services.comment_create(story=story, author=member, body="Three", parent=reply)
    deepest = services.comment_create(story=story, author=outsider, body="Four", parent=deeper)
    assert [c.depth for c in (top, reply, deeper, deepest)] == [0, 1, 2, 3]


def test_cannot_reply_to_comment_on_another_story(member):
    other = CommentFactory()
    with pytest.raises(ValidationError):
        services.comment_create(story=StoryFactory(), author=member, body="Hi", parent=other)


def test_cannot_comment_on_withdrawn_story(member):
    story = StoryFactory(status=Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.comment_create(story=story, author=member, body="Hello")


def test_deleting_a_comment_keeps_replies(member, outsider):
    story = StoryFactory()
    top = services.comment_create(story=story, author=member, body="One")
    services.comment_create(story=story, author=outsider, body="Two", parent=top)
    services.comment_delete(comment=top, actor=member)
    top.refresh_from_db()
    assert top.is_deleted and top.body == ""
    assert Comment.objects.filter(parent=top).count() == 1
    story.refresh_from_db()
    assert story.comment_count == 1


def test_reaction_toggle_counts_once_per_person(member, outsider):
    story = StoryFactory()
    assert services.reaction_toggle(user=member, kind="experienced", story=story) is True
    assert services.reaction_toggle(user=outsider, kind="experienced", story=story) is True
    assert services.reaction_toggle(user=member, kind="helped", story=story) is True
    story.refresh_from_db()
    assert (story.experienced_count, story.helped_count) == (2, 1)
    assert services.reaction_toggle(user=member, kind="experienced", story=story) is False
    story.refresh_from_db()
    assert story.experienced_count == 1


def test_reaction_on_comment(member):
    comment = CommentFactory()
    services.reaction_toggle(user=member, kind="helped", comment=comment)
    comment.refresh_from_db()
    assert comment.helped_count == 1


def test_related_stories_prefer_shared_topic_and_words(owner):
    from groundswell.stories.related import refresh_related

    carers = TopicFactory(name="Caring", slug="caring")
    food = TopicFactory(name="Food", slug="food")
    place = PlaceFactory()
    base = StoryFactory(
        title="Caring for mum with dementia",
        body="Respite care and dementia support groups helped.",
        topics=[carers],
        place=place,
    )
    close = StoryFactory(
        title="Dementia respite for carers",
        body="Finding respite care when caring for dementia.",
        topics=[carers],
    )
    far = StoryFactory(
        title="Cooking on a budget", body="Batch cooking lentils and soups.", topics=[food]
    )
    members_only = StoryFactory(
        title="Dementia respite, privately",
        body="Respite care dementia.",
        topics=[carers],
        audience="members",
    )
    refresh_related(base.pk)
    related = list(base.relations.values_list("related_id", flat=True))
    assert related[0] == close.pk
    assert members_only.pk not in related  # a public story never points at a members-only one
    assert far.pk not in related[:1]
