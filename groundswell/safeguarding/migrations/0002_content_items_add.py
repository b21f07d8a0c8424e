"""Content layer: an alert points at a content item, or at a person and a private source
(a direct message). Filled in 0003; the story/comment pair goes in 0004."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("safeguarding", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="safeguardingalert",
            name="item",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                related_name="safeguarding_alerts", to="content.contentitem",
            ),
        ),
        migrations.AddField(
            model_name="safeguardingalert",
            name="person",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                related_name="safeguarding_alerts", to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="safeguardingalert",
            name="source",
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
