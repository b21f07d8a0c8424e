"""Content layer: the item is required and the story/comment pairs go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_content_items_fill")]

    operations = [
        migrations.RemoveConstraint(model_name="moderationdecision", name="decision_one_target"),
        migrations.RemoveIndex(model_name="moderationdecision", name="decision_story_idx"),
        migrations.RemoveIndex(model_name="moderationdecision", name="decision_comment_idx"),
        migrations.RemoveConstraint(model_name="appeal", name="appeal_one_target"),
        migrations.RemoveConstraint(model_name="appeal", name="appeal_once_per_story_hiding"),
        migrations.RemoveConstraint(model_name="appeal", name="appeal_once_per_comment_hiding"),
        migrations.RemoveField(model_name="moderationdecision", name="story"),
        migrations.RemoveField(model_name="moderationdecision", name="comment"),
        migrations.RemoveField(model_name="appeal", name="story"),
        migrations.RemoveField(model_name="appeal", name="comment"),
        migrations.AlterField(
            model_name="moderationdecision",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+",
                to="content.contentitem",
            ),
        ),
        migrations.AlterField(
            model_name="appeal",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+",
                to="content.contentitem",
            ),
        ),
        migrations.AddIndex(
            model_name="moderationdecision",
            index=models.Index(fields=["item", "created_at"], name="decision_item_idx"),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.UniqueConstraint(
                fields=("item", "hidden_at"), name="appeal_once_per_hiding"
            ),
        ),
    ]
