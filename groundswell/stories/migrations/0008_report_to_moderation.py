"""Reports now belong to moderation (moderation 0005 takes over the model's state and keeps the
stories_report table as it is): this app forgets the model without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_report_from_stories"),
        ("stories", "0007_story_posted_as_organisation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Report")],
            database_operations=[],
        ),
    ]
