"""Safeguarding settings: the help lines a new site starts with, and whether moderators get an email.

Help lines live in the database (models.Helpline), managed on the staff screen and read through
helplines.helplines_for. `SAFEGUARDING_HELPLINES` in config/settings.py (a JSON list of {name,
contact, description}) is what a site's database starts with instead of the UK defaults below:
the migration that created the table seeded it, and `manage.py seed_helplines` adds them again
(or, with --replace, makes them the only national ones). It is also what is shown if the
database has no active national help line at all.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings


class Helpline(TypedDict):
    name: str
    contact: str
    description: str


DEFAULT_HELPLINES: list[Helpline] = [
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


def fallback_helplines() -> list[Helpline]:
    """The national help lines from settings, else the UK defaults."""
    return list(getattr(settings, "SAFEGUARDING_HELPLINES", None) or DEFAULT_HELPLINES)


def helplines(place_id: int | None = None) -> list[Any]:
    """The help lines shown to someone (in this place): helplines.helplines_for, kept here for
    callers that read them from conf (the messages API)."""
    from groundswell.safeguarding.helplines import helplines_for

    return list(helplines_for(place_id))


def email_moderators() -> bool:
    return bool(getattr(settings, "SAFEGUARDING_EMAIL_MODERATORS", True))
