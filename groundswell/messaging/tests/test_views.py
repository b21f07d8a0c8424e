"""What people notice on the messaging pages."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core import mail

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.models import Block
from groundswell.messaging import selectors, services
from groundswell.messaging.models import Conversation, Message, MessageReport, ReportStatus
from groundswell.messaging.tests.conftest import connect, send
from groundswell.notifications.models import Notification
from groundswell.organisations.models import Organisation
from groundswell.safeguarding.models import SafeguardingAlert

pytestmark = pytest.mark.django_db

CRISIS = "I can't cope any more. I want to die tonight."


def page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_connected_members_exchange_messages_and_see_unread_counts(
    client_for: Any, owner: User, member: User
) -> None:
    connect(owner, member)
    response = client_for(owner).post(
        f"/messages/new/?to={member.handle}", {"body": "Fancy a walk on Tuesday?"}
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(f"/messages/{conversation.pk}/")
    assert selectors.unread_count(member) == 1
    inbox = page(client_for(member), "/messages/")
    assert "Olu Owner" in inbox
    assert 'data-count="1"' in inbox
    html = page(client_for(member), f"/messages/{conversation.pk}/")
    assert "Fancy a walk on Tuesday?" in html
    assert selectors.unread_count(member) == 0  # read on view
    client_for(member).post(f"/messages/{conversation.pk}/", {"body": "Yes please!"})
    assert selectors.unread_count(owner) == 1
    assert "Yes please!" in page(client_for(owner), f"/messages/{conversation.pk}/")


def test_a_second_new_message_continues_the_same_conversation(
    client_for: Any, chat: Conversation, owner: User, member: User
) -> None:
    client_for(member).post(f"/messages/new/?to={owner.handle}", {"body": "One more thing"})
    assert Conversation.objects.count() == 1
    assert chat.messages.count() == 4


def test_double_submit_makes_one_message(client_for: Any, chat: Conversation, owner: User) -> None:
    key = str(uuid.uuid4())
    client = client_for(owner)
    before = Message.objects.count()
    for _ in range(2):
        response = client.post(
            f"/messages/{chat.pk}/", {"body": "Sent twice by a shaky hand", "submission_key": key}
        )
        assert response.status_code == 302
    assert Message.objects.count() == before + 1


def test_double_submit_of_a_first_message_makes_one_conversation_and_message(
    client_for: Any, owner: User, member: User
) -> None:
    connect(owner, member)
    key = str(uuid.uuid4())
    client = client_for(owner)
    for _ in range(2):
        response = client.post(
            f"/messages/new/?to={member.handle}", {"body": "Hello!", "submission_key": key}
        )
        assert response.status_code == 302
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   ", "Write a message before sending."),
        ("x" * 5001, "Messages can be up to 5,000 characters, and this one is 5,001."),
    ],
)
def test_bad_input_keeps_the_text_with_an_error_linked_to_the_field(
    client_for: Any, chat: Conversation, owner: User, body: str, error: str
) -> None:
    before = Message.objects.count()
    response = client_for(owner).post(f"/messages/{chat.pk}/", {"body": body})
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert 'href="#id_body"' in html
    if body.strip():
        assert body in html
    assert Message.objects.count() == before


def test_nonsense_addresses_are_not_found_not_errors(client_for: Any, owner: User) -> None:
    client = client_for(owner)
    for url in (
        "/messages/new/",
        "/messages/new/?to=nobody-here",
        f"/messages/new/?to={owner.handle}",
        "/messages/new/?org=no-such-org",
        "/messages/new/?to=abc&alert=xyz",
        "/messages/12/report/99/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_block_stops_messages_both_ways_in_plain_words(
    client_for: Any, chat: Conversation, owner: User, member: User
) -> None:
    Block.objects.create(blocker=member, blocked=owner)
    for person in (owner, member):
        html = page(client_for(person), f"/messages/{chat.pk}/")
        assert "You can&#x27;t reply to this conversation." in html
        assert 'name="body"' not in html
        assert "Are you going on Tuesday?" in html  # the thread stays readable
        response = client_for(person).post(f"/messages/{chat.pk}/", {"body": "Still there?"})
        assert response.status_code == 403
    assert chat.messages.count() == 3
    new = client_for(owner).post(f"/messages/new/?to={member.handle}", {"body": "Hello?"})
    assert new.status_code == 403


def test_not_connected_is_told_how_to_connect(client_for: Any, owner: User, outsider: User) -> None:
    html = page(client_for(outsider), f"/messages/new/?to={owner.handle}")
    assert "You can send messages to people you are connected with." in html
    assert 'name="body"' not in html


def test_organisation_staff_reply_as_the_organisation(
    client_for: Any, org_chat: Conversation, owner: User, org_admin: User
) -> None:
    staff_view = page(client_for(org_admin), "/messages/")
    assert "Olu Owner, to Levenshulme Walking Group" in staff_view
    response = client_for(org_admin).post(
        f"/messages/{org_chat.pk}/", {"body": "Yes, the whole route is step-free."}
    )
    assert response.status_code == 302
    reply = Message.objects.get(body="Yes, the whole route is step-free.")
    assert reply.as_organisation
    members_view = page(client_for(owner), f"/messages/{org_chat.pk}/")
    assert "Levenshulme Walking Group" in members_view
    assert "Ade Orgadmin" not in members_view
    staff_page = page(client_for(org_admin), f"/messages/{org_chat.pk}/")
    assert "Levenshulme Walking Group (Ade Orgadmin)" in staff_page


def test_messages_to_an_organisation_count_as_unread_for_its_admins_only(
    org_chat: Conversation, org_admin: User, org_member: User
) -> None:
    assert selectors.unread_count(org_admin) == 1
    assert selectors.unread_count(org_member) == 0


def test_inbox_and_conversation_query_counts_do_not_grow(
    client_for: Any,
    owner: User,
    org: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    def add_conversations(n: int) -> None:
        for _ in range(n):
            other = UserFactory()
            connect(owner, other)
            m = services.message_start(sender=owner, to=services.Recipient(person=other), body="Hi")
            for i in range(3):
                send(other, m.conversation, f"Reply {i}")

    add_conversations(2)
    client = client_for(owner)
    conversation = Conversation.objects.first()
    assert conversation is not None
    client.get("/messages/")  # warm the session
    with django_assert_max_num_queries(14) as few:
        page(client, "/messages/")
    with django_assert_max_num_queries(20) as few_one:
        page(client, f"/messages/{conversation.pk}/")
    add_conversations(5)
    for _ in range(10):
        send(owner, conversation, "More")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, "/messages/")
    with django_assert_max_num_queries(len(few_one.captured_queries)):
        page(client, f"/messages/{conversation.pk}/")


def test_crisis_message_shows_help_lines_and_alerts_moderators_without_the_words(
    client_for: Any, chat: Conversation, owner: User
) -> None:
    response = client_for(owner).post(f"/messages/{chat.pk}/", {"body": CRISIS}, follow=True)
    html = response.content.decode()
    assert "You don't have to go through this alone" in html
    assert "Samaritans" in html
    assert "They can't read private messages" in html
    alert = SafeguardingAlert.objects.get(person=owner, source="message")
    assert CRISIS not in str(alert.__dict__)


def test_an_ordinary_message_shows_no_help_lines(
    client_for: Any, chat: Conversation, owner: User
) -> None:
    response = client_for(owner).post(
        f"/messages/{chat.pk}/", {"body": "See you at 3"}, follow=True
    )
    assert "Samaritans" not in response.content.decode()
    assert not SafeguardingAlert.objects.exists()


def test_moderator_sees_only_the_reported_message_and_it_is_audited(
    client_for: Any, chat: Conversation, owner: User, member: User, moderator: User
) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    response = client_for(owner).post(
        f"/messages/{chat.pk}/report/{reported.pk}/", {"reason": "harassment"}
    )
    assert response.status_code == 302
    report = MessageReport.objects.get()
    listing = page(client_for(moderator), "/messages/reported/")
    assert "Harassment" in listing
    assert "Yes, see you at the library." not in listing  # no words until opened
    html = page(client_for(moderator), f"/messages/reported/{report.pk}/")
    assert "Yes, see you at the library." in html
    assert "Mina Member" in html
    assert "Are you going on Tuesday?" not in html
    assert "Private: my appointment moved to Friday." not in html
    assert (
        AuditEvent.objects.filter(
            action="message_report_viewed", actor=moderator, target_id=str(reported.pk)
        ).count()
        == 1
    )
    page(client_for(moderator), f"/messages/reported/{report.pk}/")
    assert AuditEvent.objects.filter(action="message_report_viewed").count() == 2


def test_reporting_twice_is_one_report(client_for: Any, chat: Conversation, owner: User) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    for _ in range(2):
        client_for(owner).post(f"/messages/{chat.pk}/report/{reported.pk}/", {"reason": "spam"})
    assert MessageReport.objects.count() == 1


def test_report_without_a_reason_keeps_the_note(
    client_for: Any, chat: Conversation, owner: User
) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    response = client_for(owner).post(
        f"/messages/{chat.pk}/report/{reported.pk}/", {"details": "It upset me"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose what is wrong with the message." in html
    assert "It upset me" in html


def test_moderator_hides_a_message_and_participants_see_it_was_removed(
    client_for: Any, chat: Conversation, owner: User, member: User, moderator: User
) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    access = services.permissions.get_conversation_for_user(owner, chat.pk)
    report = services.message_report(access=access, message=reported, reason="harassment")
    response = client_for(moderator).post(f"/messages/reported/{report.pk}/", {"decision": "hide"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.HIDDEN
    for person in (owner, member):
        html = page(client_for(person), f"/messages/{chat.pk}/")
        assert "Removed by a moderator" in html
        assert "Yes, see you at the library." not in html
    assert AuditEvent.objects.filter(action="message_hidden", actor=moderator).exists()
    assert "No reported messages are waiting." in page(client_for(moderator), "/messages/reported/")


def test_moderator_dismisses_a_report_and_the_message_stays(
    client_for: Any, chat: Conversation, owner: User, moderator: User
) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    access = services.permissions.get_conversation_for_user(owner, chat.pk)
    report = services.message_report(access=access, message=reported, reason="spam")
    client_for(moderator).post(f"/messages/reported/{report.pk}/", {"decision": "dismiss"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED
    assert "Yes, see you at the library." in page(client_for(owner), f"/messages/{chat.pk}/")


def test_a_moderator_without_two_step_sign_in_cannot_see_reports(
    client_for: Any, chat: Conversation, owner: User, moderator: User
) -> None:
    reported = Message.objects.get(body="Yes, see you at the library.")
    access = services.permissions.get_conversation_for_user(owner, chat.pk)
    report = services.message_report(access=access, message=reported, reason="spam")
    client = client_for(moderator, mfa=False)
    assert client.get(f"/messages/reported/{report.pk}/").status_code in (302, 403, 404)
    assert not AuditEvent.objects.filter(action="message_report_viewed").exists()


def test_moderator_contacts_a_member_about_a_safeguarding_alert(
    client_for: Any, member: User, moderator: User
) -> None:
    alert = services.alert_raise_private(person=member, source="message", text=CRISIS)
    assert alert is not None
    url = f"/messages/new/?to={member.handle}&alert={alert.pk}"
    assert "You are writing as a moderator" in page(client_for(moderator), url)
    response = client_for(moderator).post(url, {"body": "Hi, I'm checking in. Are you OK?"})
    assert response.status_code == 302
    conversation = Conversation.objects.get(kind="safety")
    html = page(client_for(member), f"/messages/{conversation.pk}/")
    assert "A moderator is contacting you about your safety." in html
    assert CRISIS not in html
    # The member can answer.
    client_for(member).post(f"/messages/{conversation.pk}/", {"body": "Thanks, I'm safer now."})
    assert conversation.messages.count() == 2


def test_a_member_cannot_use_the_safety_link(client_for: Any, owner: User, member: User) -> None:
    alert = services.alert_raise_private(person=member, source="message", text=CRISIS)
    assert alert is not None
    url = f"/messages/new/?to={member.handle}&alert={alert.pk}"
    assert client_for(owner).get(url).status_code == 404


def test_a_burst_of_messages_is_one_notification_and_the_email_has_no_words(
    chat: Conversation, owner: User, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(owner, chat, "Secret health detail one")
    with django_capture_on_commit_callbacks(execute=True):
        send(owner, chat, "Secret health detail two")
    notes = Notification.objects.filter(recipient=member, type_key="message")
    assert notes.count() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "Olu Owner sent you a message" in email.body
    assert "Secret health detail" not in f"{email.body} {email.subject}"


def test_the_navigation_count_is_one_query(
    chat: Conversation,
    org_chat: Conversation,
    member: User,
    org_admin: User,
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(1):
        assert selectors.unread_count(member) == 1  # the one after their reply
    with django_assert_num_queries(1):
        assert selectors.unread_count(org_admin) == 1


def test_message_bodies_are_not_in_the_admin() -> None:
    from django.contrib import admin

    from groundswell.messaging.models import Participant

    for model in (Conversation, Message, MessageReport, Participant):
        assert model not in admin.site._registry
