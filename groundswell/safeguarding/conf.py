"""Safeguarding settings: the help lines shown to people, and whether moderators get an email.

`SAFEGUARDING_HELPLINES` in config/settings.py replaces the UK defaults below (organisations
outside the UK, or a local crisis team, will want their own). Each is {name, contact, description}.
"""

from __future__ import annotations

from typing import TypedDict

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


def helplines() -> list[Helpline]:
    return list(getattr(settings, "SAFEGUARDING_HELPLINES", None) or DEFAULT_HELPLINES)


def email_moderators() -> bool:
    return bool(getattr(settings, "SAFEGUARDING_EMAIL_MODERATORS", True))
