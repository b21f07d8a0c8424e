"""The content-layer migrations move real rows without losing any (stories 0004-0006,
moderation 0002-0004, safeguarding 0002-0004): every story and comment gets its item, and every
reaction, follow, report, moderation decision, appeal and safeguarding alert points at the item
of what it was about. Runs on SQLite and PostgreSQL like the rest of the suite."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from groundswell.core.pagecache import install_triggers, remove_triggers

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("stories", "0003_story_image_idx"),
    ("moderation", "0001_initial"),
    ("safeguarding", "0001_initial"),
]
AFTER = [
    ("stories", "0006_content_items_finish"),
    ("moderation", "0004_content_items_finish"),
    ("safeguarding", "0004_content_items_finish"),
]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as the database now has them: every applied migration of every app.
    loader = MigrationExecutor(connection).loader
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


@pytest.fixture
def old_apps():
    remove_triggers()  # as pre_migrate does: SQLite can't drop a column a trigger names
    try:
        yield _migrate(BEFORE)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        install_triggers()


def test_existing_rows_keep_what_they_were_about(old_apps) -> None:
    User = old_apps.get_model("accounts", "User")
    Story = old_apps.get_model("stories", "Story")
    Comment = old_apps.get_model("stories", "Comment")
    Reaction = old_apps.get_model("stories", "Reaction")
    Follow = old_apps.get_model("stories", "Follow")
    Report = old_apps.get_model("stories", "Report")
    Decision = old_apps.get_model("moderation", "ModerationDecision")
    Appeal = old_apps.get_model("moderation", "Appeal")
    Alert = old_apps.get_model("safeguarding", "SafeguardingAlert")

    ann = User.objects.create(email="ann@example.org", username="ann", handle="kann0001")
    bob = User.objects.create(email="bob@example.org", username="bob", handle="kbob0001")
    long_ago = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    stories = [
        Story.objects.create(author=ann, title=f"Story {i}", body="Words", status="published")
        for i in range(3)
    ]
    Story.objects.filter(pk=stories[0].pk).update(created_at=long_ago)
    comment = Comment.objects.create(story=stories[1], author=bob, body="Same here")
    reply = Comment.objects.create(story=stories[1], author=ann, body="Thank you", parent=comment)
    Reaction.objects.create(user=bob, kind="helped", story=stories[0])
    Reaction.objects.create(user=ann, kind="experienced", comment=comment)
    Follow.objects.create(user=bob, story=stories[2])
    Report.objects.create(reporter=bob, story=stories[0], reason="spam")
    Report.objects.create(reporter=ann, comment=comment, reason="harmful")
    Report.objects.create(reporter=ann, profile_user=bob, reason="other")
    Decision.objects.create(story=stories[0], action="hidden", reason="Spam")
    Decision.objects.create(comment=reply, action="held", reason="Reports")
    Appeal.objects.create(story=stories[0], author=ann, hidden_at=long_ago, message="Please")
    Alert.objects.create(comment=comment, story=stories[1], kinds=["suicide"], is_high=True)
    Alert.objects.create(story=stories[2], kinds=["abuse"])
    old_ids = {
        "stories": [s.pk for s in stories],
        "comment": comment.pk,
        "reply": reply.pk,
    }

    new_apps = _migrate(AFTER)
    Story = new_apps.get_model("stories", "Story")
    Comment = new_apps.get_model("stories", "Comment")
    Item = new_apps.get_model("content", "ContentItem")

    story_items = dict(Story.objects.values_list("pk", "item_id"))
    comment_items = dict(Comment.objects.values_list("pk", "item_id"))
    assert set(story_items) == set(old_ids["stories"])
    assert set(comment_items) == {old_ids["comment"], old_ids["reply"]}
    # One item each, of the right kind, author and date.
    assert Item.objects.count() == 5
    first = Item.objects.get(pk=story_items[old_ids["stories"][0]])
    assert (first.kind, first.author_id, first.created_at) == ("story", ann.pk, long_ago)
    assert Item.objects.get(pk=comment_items[old_ids["comment"]]).kind == "comment"
    assert Item.objects.get(pk=comment_items[old_ids["comment"]]).author_id == bob.pk

    s0, s2 = (story_items[old_ids["stories"][i]] for i in (0, 2))
    c, r = comment_items[old_ids["comment"]], comment_items[old_ids["reply"]]
    reactions = new_apps.get_model("stories", "Reaction").objects
    assert set(reactions.values_list("user_id", "kind", "item_id")) == {
        (bob.pk, "helped", s0),
        (ann.pk, "experienced", c),
    }
    follows = new_apps.get_model("stories", "Follow").objects
    assert list(follows.values_list("user_id", "item_id")) == [(bob.pk, s2)]
    reports = new_apps.get_model("stories", "Report").objects
    assert set(reports.values_list("reporter_id", "item_id", "profile_user_id")) == {
        (bob.pk, s0, None),
        (ann.pk, c, None),
        (ann.pk, None, bob.pk),
    }
    decisions = new_apps.get_model("moderation", "ModerationDecision").objects
    assert set(decisions.values_list("item_id", "action")) == {(s0, "hidden"), (r, "held")}
    appeals = new_apps.get_model("moderation", "Appeal").objects
    assert list(appeals.values_list("item_id", "author_id", "hidden_at")) == [
        (s0, ann.pk, long_ago)
    ]
    alerts = new_apps.get_model("safeguarding", "SafeguardingAlert").objects
    rows = alerts.order_by("item_id").values_list(
        "item_id", "person_id", "source", "kinds", "is_high"
    )
    assert sorted(rows) == sorted(
        [(c, bob.pk, "", ["suicide"], True), (s2, ann.pk, "", ["abuse"], False)]
    )
