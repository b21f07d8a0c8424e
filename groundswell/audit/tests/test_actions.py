"""Other apps' audit actions: registered with their labels, shown on the audit pages."""

from __future__ import annotations

from django.urls import reverse

from groundswell.audit.models import AuditEvent, action_choices, action_label
from groundswell.audit.services import audit_record


def test_apps_register_their_actions_with_labels() -> None:
    values = dict(action_choices())
    # messaging and organisations add theirs from their AppConfig.ready()
    assert values["message_report_viewed"] == "Read a reported message"
    assert values["organisation_verified"] == "Verified an organisation"
    assert values["story_hidden"] == "Hid a story"
    assert action_label("something_unknown") == "something_unknown"


def test_the_audit_log_page_names_a_registered_action(client_for, admin_user) -> None:
    audit_record(
        actor=admin_user, action="message_hidden", target=None, target_type="message", target_id="7"
    )
    assert AuditEvent.objects.get().get_action_display() == "Hid a reported message"
    page = client_for(admin_user).get(reverse("moderation:audit")).content.decode()
    assert "Hid a reported message" in page
    # and the filter offers it
    assert '<option value="message_hidden">Hid a reported message</option>' in page
