"""Notifications and choices in "Download my data", and gone with the account."""

from __future__ import annotations

import pytest

from groundswell.notifications import preferences, services
from groundswell.notifications.models import (
    Digest,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from groundswell.privacy.signals import account_deleting, export_sections

pytestmark = pytest.mark.django_db


def sections(user) -> dict[str, list[dict]]:
    """What "Download my data" adds for each registered section."""
    return {name: collect(user) for name, (_, collect) in export_sections().items()}


def test_the_export_holds_the_persons_notifications_and_choices(
    member, outsider, ping_type
) -> None:
    services.notify(member, ping_type, actor=outsider, actor_label="Otto", url="/topics/")
    services.notify(outsider, ping_type, actor=member, actor_label="Mina")
    services.preferences_save(
        user=member, choices={ping_type: preferences.Choice(in_site=True, email="weekly")}
    )
    data = sections(member)
    [row] = data["notifications"]
    assert row["text"] == "Otto pinged you" and row["link"] == "/topics/"
    assert "recipient" not in row and "actor" not in row
    prefs = {r["type"]: r for r in data["notification_preferences"]}
    assert prefs[ping_type]["email"] == "weekly"
    assert prefs["story_reply"]["email"] == "daily"  # the default, as it applies to them


@pytest.mark.parametrize("mode", ["everything", "anonymise"])
def test_deleting_the_account_erases_notifications_and_forgets_the_actor(
    member, outsider, ping_type, mode
) -> None:
    services.notify(member, ping_type, actor=outsider)
    told = services.notify(outsider, ping_type, actor=member, actor_label="Mina Member")
    services.preferences_save(
        user=member, choices={ping_type: preferences.Choice(in_site=True, email="never")}
    )
    services.emails_set_off(user=member, off=True)
    Digest.objects.create(user=member, period="daily", period_key="2026-12-01")
    # privacy.services.account_delete sends this inside its transaction, before any row goes.
    account_deleting.send(sender=type(member), user=member, mode=mode)
    assert not Notification.objects.filter(recipient_id=member.pk).exists()
    assert not NotificationPreference.objects.exists()
    assert not NotificationSettings.objects.exists()
    assert not Digest.objects.exists()
    assert told is not None
    told.refresh_from_db()
    assert told.actor_id is None and told.actor_label == ""
