"""Content layer: the story/comment pair goes; an alert is about content or a private source."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0003_content_items_fill")]

    operations = [
        migrations.RemoveConstraint(
            model_name="safeguardingalert", name="safeguarding_one_open_per_story"
        ),
        migrations.RemoveConstraint(
            model_name="safeguardingalert", name="safeguarding_one_open_per_comment"
        ),
        migrations.RemoveField(model_name="safeguardingalert", name="story"),
        migrations.RemoveField(model_name="safeguardingalert", name="comment"),
        migrations.AddConstraint(
            model_name="safeguardingalert",
            constraint=models.UniqueConstraint(
                condition=Q(item__isnull=False, acknowledged_at__isnull=True),
                fields=("item",),
                name="safeguarding_one_open_per_item",
            ),
        ),
        migrations.AddConstraint(
            model_name="safeguardingalert",
            constraint=models.UniqueConstraint(
                condition=Q(item__isnull=True, acknowledged_at__isnull=True),
                fields=("person", "source"),
                name="safeguarding_one_open_per_private_source",
            ),
        ),
        migrations.AddConstraint(
            model_name="safeguardingalert",
            constraint=models.CheckConstraint(
                condition=Q(item__isnull=False, source="")
                | Q(item__isnull=True, person__isnull=False) & ~Q(source=""),
                name="safeguarding_content_or_private",
            ),
        ),
    ]
