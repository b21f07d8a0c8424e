"""Content layer: each alert points at the item of its story or comment, and at its author."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    Alert = apps.get_model("safeguarding", "SafeguardingAlert")
    Alert.objects.filter(comment__isnull=False).update(
        item=Subquery(Comment.objects.filter(pk=OuterRef("comment_id")).values("item_id")[:1]),
        person=Subquery(Comment.objects.filter(pk=OuterRef("comment_id")).values("author_id")[:1]),
    )
    Alert.objects.filter(comment__isnull=True).update(
        item=Subquery(Story.objects.filter(pk=OuterRef("story_id")).values("item_id")[:1]),
        person=Subquery(Story.objects.filter(pk=OuterRef("story_id")).values("author_id")[:1]),
    )


def backwards(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    Alert = apps.get_model("safeguarding", "SafeguardingAlert")
    Alert.objects.filter(item__isnull=True).delete()  # message alerts had no story
    Alert.objects.update(
        comment=Subquery(Comment.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1]),
        story=Subquery(Story.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1]),
    )
    Alert.objects.filter(comment__isnull=False).update(
        story=Subquery(Comment.objects.filter(pk=OuterRef("comment_id")).values("story_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0002_content_items_add"),
        ("stories", "0005_content_items_fill"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
