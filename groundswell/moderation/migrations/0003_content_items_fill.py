"""Content layer: each decision and appeal points at the item of its story or comment."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    for name in ("ModerationDecision", "Appeal"):
        model = apps.get_model("moderation", name)
        model.objects.filter(comment__isnull=False).update(
            item=Subquery(Comment.objects.filter(pk=OuterRef("comment_id")).values("item_id")[:1])
        )
        model.objects.filter(comment__isnull=True, story__isnull=False).update(
            item=Subquery(Story.objects.filter(pk=OuterRef("story_id")).values("item_id")[:1])
        )


def backwards(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    for name in ("ModerationDecision", "Appeal"):
        model = apps.get_model("moderation", name)
        model.objects.update(
            story=Subquery(Story.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1]),
            comment=Subquery(Comment.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_content_items_add"),
        ("stories", "0005_content_items_fill"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
