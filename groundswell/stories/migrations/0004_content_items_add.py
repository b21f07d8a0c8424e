"""Content layer, step 1 of 3: every story and comment gets a content item, and reactions,
follows and reports get an `item` beside their story/comment pair (filled in 0005, the pair
dropped in 0006)."""

import django.db.models.deletion
from django.db import migrations, models


def item_fk(**kwargs):
    return models.ForeignKey(
        null=True, blank=True, on_delete=django.db.models.deletion.CASCADE,
        to="content.contentitem", **kwargs
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("stories", "0003_story_image_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="item",
            field=models.OneToOneField(
                null=True, editable=False, on_delete=django.db.models.deletion.CASCADE,
                related_name="story", to="content.contentitem",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="item",
            field=models.OneToOneField(
                null=True, editable=False, on_delete=django.db.models.deletion.CASCADE,
                related_name="comment", to="content.contentitem",
            ),
        ),
        migrations.AddField(model_name="reaction", name="item", field=item_fk(related_name="reactions")),
        migrations.AddField(model_name="follow", name="item", field=item_fk(related_name="follows")),
        migrations.AddField(model_name="report", name="item", field=item_fk(related_name="reports")),
    ]
