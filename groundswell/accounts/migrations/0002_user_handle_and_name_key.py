"""Members get a random handle for their address, and their display name's comparison key.

The handle is added empty, filled row by row, and only then made unique and required
(0003): one default for every existing row would collide. Profiles' visibility defaults change
for new profiles only; existing rows keep what they hold, since a "public" saved by the profile
form can't be told apart from one left at the old default.
"""

from django.db import migrations, models

from groundswell.accounts.models import new_handle
from groundswell.lib.text import name_key

VISIBILITY_CHOICES = [
    ("public", "Everyone"),
    ("members", "Signed-in members"),
    ("only_me", "Only me"),
]


def fill_handles_and_keys(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set()
    batch = []
    for user in User.objects.only("pk", "display_name").order_by("pk").iterator(chunk_size=1000):
        handle = new_handle()
        while handle in taken:
            handle = new_handle()
        taken.add(handle)
        user.handle = handle
        user.display_name_key = name_key(user.display_name)[:255]
        batch.append(user)
        if len(batch) == 1000:
            User.objects.bulk_update(batch, ["handle", "display_name_key"])
            batch = []
    if batch:
        User.objects.bulk_update(batch, ["handle", "display_name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="display_name_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_handles_and_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="profile",
            name="bio_visibility",
            field=models.CharField(choices=VISIBILITY_CHOICES, default="members", max_length=8),
        ),
        migrations.AlterField(
            model_name="profile",
            name="pronouns_visibility",
            field=models.CharField(choices=VISIBILITY_CHOICES, default="members", max_length=8),
        ),
        migrations.AlterField(
            model_name="profile",
            name="roles_visibility",
            field=models.CharField(choices=VISIBILITY_CHOICES, default="members", max_length=8),
        ),
        migrations.AlterField(
            model_name="profile",
            name="topics_visibility",
            field=models.CharField(choices=VISIBILITY_CHOICES, default="members", max_length=8),
        ),
    ]
