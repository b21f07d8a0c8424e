"""Reports move from the stories app to moderation: they point at a content item of any kind (or
a profile), and moderation owns them. Only the model's state moves; the table keeps its name
(stories_report) and its rows, so nothing is copied."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("moderation", "0004_content_items_finish"),
        # The table in its final form (items instead of story/comment columns).
        ("stories", "0006_content_items_finish"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("harmful", "Harmful or abusive"),
                                    ("personal_data", "Shares someone's personal details"),
                                    ("misinformation", "Dangerous health misinformation"),
                                    ("spam", "Spam or advertising"),
                                    ("other", "Something else"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("details", models.TextField(blank=True, max_length=1000)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("resolved_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[("actioned", "Action taken"), ("dismissed", "No action needed")],
                                max_length=10,
                            ),
                        ),
                        (
                            "item",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports",
                                to="content.contentitem",
                            ),
                        ),
                        (
                            "profile_user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports_received",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "reporter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports_made",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "resolved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "stories_report",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["resolved_at", "created_at"], name="report_queue_idx"
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("item__isnull", False), ("profile_user__isnull", True)),
                                    models.Q(("item__isnull", True), ("profile_user__isnull", False)),
                                    _connector="OR",
                                ),
                                name="report_one_target",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
