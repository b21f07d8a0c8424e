"""Help lines move from settings into the database: seed them with what the site showed until now.

That is settings.SAFEGUARDING_HELPLINES when a site set it (a JSON list of name, contact,
description), else the UK defaults below (a copy of conf.DEFAULT_HELPLINES as it was, so this
migration means the same whatever that list becomes). Existing rows are left alone.
"""

from django.conf import settings
from django.db import migrations

UK_DEFAULTS = [
    {
        "name": "Emergency services",
        "contact": "Call 999",
        "description": "If you or someone else is in immediate danger, or has taken an overdose.",
    },
    {
        "name": "NHS 111",
        "contact": "Call 111 or go to 111.nhs.uk",
        "description": "Urgent help when it isn't an emergency. Choose the mental health option. Any time, day or night.",
    },
    {
        "name": "Samaritans",
        "contact": "Call 116 123",
        "description": "Someone to talk to, whatever you are going through. Free, any time, day or night.",
    },
    {
        "name": "Shout",
        "contact": "Text SHOUT to 85258",
        "description": "A free, confidential text service if talking feels too much. Any time.",
    },
    {
        "name": "National Domestic Abuse Helpline",
        "contact": "Call 0808 2000 247",
        "description": "Free, confidential support if you are affected by abuse at home. Any time.",
    },
]


def seed(apps, schema_editor):
    Helpline = apps.get_model("safeguarding", "Helpline")
    lines = getattr(settings, "SAFEGUARDING_HELPLINES", None) or UK_DEFAULTS
    for order, line in enumerate(lines, start=1):
        Helpline.objects.get_or_create(
            name=str(line["name"])[:120],
            place=None,
            defaults={
                "contact": str(line.get("contact", ""))[:200],
                "description": str(line.get("description", ""))[:400],
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0005_helplines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
