"""Content layer: decisions and appeals point at a content item (filled in 0003; the
story/comment pairs go in 0004)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name=name,
            name="item",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                to="content.contentitem",
            ),
        )
        for name in ("moderationdecision", "appeal")
    ]
