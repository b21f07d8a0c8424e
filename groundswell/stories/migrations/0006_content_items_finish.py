"""Content layer, step 3 of 3: the item is required and the story/comment pairs go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_content_items_fill"),
        # Moderation and safeguarding copy story/comment ids to items before these go.
        ("moderation", "0003_content_items_fill"),
        ("safeguarding", "0003_content_items_fill"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="follow", name="follow_once"),
        migrations.RemoveConstraint(model_name="reaction", name="reaction_once_per_story"),
        migrations.RemoveConstraint(model_name="reaction", name="reaction_once_per_comment"),
        migrations.RemoveConstraint(model_name="reaction", name="reaction_one_target"),
        migrations.RemoveConstraint(model_name="report", name="report_one_target"),
        migrations.RemoveField(model_name="follow", name="story"),
        migrations.RemoveField(model_name="reaction", name="story"),
        migrations.RemoveField(model_name="reaction", name="comment"),
        migrations.RemoveField(model_name="report", name="story"),
        migrations.RemoveField(model_name="report", name="comment"),
        migrations.AlterField(
            model_name="story",
            name="item",
            field=models.OneToOneField(
                editable=False, on_delete=django.db.models.deletion.CASCADE,
                related_name="story", to="content.contentitem",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="item",
            field=models.OneToOneField(
                editable=False, on_delete=django.db.models.deletion.CASCADE,
                related_name="comment", to="content.contentitem",
            ),
        ),
        migrations.AlterField(
            model_name="reaction",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="reactions",
                to="content.contentitem",
            ),
        ),
        migrations.AlterField(
            model_name="follow",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="follows",
                to="content.contentitem",
            ),
        ),
        migrations.AddConstraint(
            model_name="follow",
            constraint=models.UniqueConstraint(fields=("user", "item"), name="follow_once"),
        ),
        migrations.AddConstraint(
            model_name="reaction",
            constraint=models.UniqueConstraint(
                fields=("user", "kind", "item"), name="reaction_once_per_item"
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=Q(item__isnull=False, profile_user__isnull=True)
                | Q(item__isnull=True, profile_user__isnull=False),
                name="report_one_target",
            ),
        ),
    ]
