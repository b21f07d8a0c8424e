# A migration of its own: PostgreSQL applies each migration in one transaction, and altering a
# table in the transaction that just updated all its rows is best avoided.

import groundswell.accounts.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_handle_and_name_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="handle",
            field=models.CharField(
                default=groundswell.accounts.models.new_handle,
                editable=False,
                max_length=12,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="display_name_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=255),
        ),
    ]
