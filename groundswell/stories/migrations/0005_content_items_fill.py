"""Content layer, step 2 of 3: one content item per existing story and comment (its kind,
author and creation time), and every reaction, follow and report pointed at the item of the
story or comment it was about. Nothing is lost: 0006 only drops the old columns once every row
has its item (it fails, rather than drops data, if one has not)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

BATCH = 2000


def create_items(apps, kind, model):
    ContentItem = apps.get_model("content", "ContentItem")
    rows = model.objects.filter(item__isnull=True).order_by("pk").only("pk", "author_id", "created_at")
    while True:
        batch = list(rows[:BATCH])
        if not batch:
            return
        items = ContentItem.objects.bulk_create(
            ContentItem(kind=kind, author_id=row.author_id) for row in batch
        )
        for item, row in zip(items, batch, strict=True):
            item.created_at = row.created_at  # bulk_create stamps "now" on auto_now_add
            row.item_id = item.pk
        ContentItem.objects.bulk_update(items, ["created_at"])
        model.objects.bulk_update(batch, ["item"])


def point_at_items(apps, model):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    names = {f.name for f in model._meta.get_fields()}
    if "comment" in names:
        model.objects.filter(comment__isnull=False).update(
            item=Subquery(Comment.objects.filter(pk=OuterRef("comment_id")).values("item_id")[:1])
        )
    model.objects.filter(story__isnull=False).update(
        item=Subquery(Story.objects.filter(pk=OuterRef("story_id")).values("item_id")[:1])
    )


def forwards(apps, schema_editor):
    create_items(apps, "story", apps.get_model("stories", "Story"))
    create_items(apps, "comment", apps.get_model("stories", "Comment"))
    for name in ("Reaction", "Follow", "Report"):
        point_at_items(apps, apps.get_model("stories", name))


def backwards(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    Comment = apps.get_model("stories", "Comment")
    for name in ("Reaction", "Follow", "Report"):
        model = apps.get_model("stories", name)
        names = {f.name for f in model._meta.get_fields()}
        if "comment" in names:
            model.objects.filter(item__isnull=False).update(
                comment=Subquery(Comment.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1])
            )
        model.objects.filter(item__isnull=False).update(
            story=Subquery(Story.objects.filter(item_id=OuterRef("item_id")).values("pk")[:1])
        )


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_content_items_add")]

    operations = [migrations.RunPython(forwards, backwards)]
