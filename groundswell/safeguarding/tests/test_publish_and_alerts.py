from __future__ import annotations

import io

import pytest
from django.core import mail
from django.urls import reverse

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing import staff_menu_queries
from groundswell.core.testing.factories import CommentFactory, StoryFactory, UserFactory
from groundswell.safeguarding.helplines import helplines_for
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import alert_acknowledge, alert_raise
from groundswell.stories import services as story_services
from groundswell.stories.models import Status

pytestmark = pytest.mark.django_db

CRISIS_BODY = (
    "Since the redundancy I haven't slept properly. Some nights I just want to die, "
    "and the crisis line kept me on hold for an hour."
)


def draft(owner, body, title="What the waiting did to me"):
    return StoryFactory(
        author=owner, status=Status.DRAFT, published_at=None, title=title, body=body
    )


def publish_page(client_for, owner, story):
    response = client_for(owner).get(reverse("stories:publish", args=[story.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- The publish page -------------------------------------------------------------------------


def test_crisis_language_shows_help_lines_and_never_blocks_publishing(client_for, owner) -> None:
    story = draft(owner, CRISIS_BODY)
    html = publish_page(client_for, owner, story)
    assert "You don't have to go through this alone" in html
    for line in ("Call 999", "Call 111", "Call 116 123", "Text SHOUT to 85258"):
        assert line in html
    assert "our moderators will be told" in html
    assert '<button type="submit" class="button">Publish</button>' in html
    response = client_for(owner).post(
        reverse("stories:publish", args=[story.pk]), {"consent": "on"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_a_denial_gets_a_gentler_note_and_no_moderator_warning(client_for, owner) -> None:
    html = publish_page(
        client_for, owner, draft(owner, "I'm not suicidal, just worn out by the waiting list.")
    )
    assert "Support is here if you need it" in html and "Call 116 123" in html
    assert "our moderators will be told" not in html


def test_ordinary_stories_get_no_safeguarding_boxes(client_for, owner) -> None:
    html = publish_page(
        client_for,
        owner,
        draft(owner, "I was killing time in the waiting room. The nurse was lovely."),
    )
    assert "116 123" not in html and "could identify someone" not in html


def test_help_lines_from_settings_are_seeded_by_the_command(client_for, owner, settings) -> None:
    """SAFEGUARDING_HELPLINES no longer replaces the database at run time: it is what a site's
    table starts with, and `seed_helplines --replace` makes it the only national lines."""
    from django.core.management import call_command

    settings.SAFEGUARDING_HELPLINES = [
        {
            "name": "Lifeline",
            "contact": "Call 0808 808 8000",
            "description": "Northern Ireland crisis line.",
        }
    ]
    call_command("seed_helplines", "--replace", stdout=io.StringIO())
    html = publish_page(client_for, owner, draft(owner, CRISIS_BODY))
    assert "Lifeline" in html and "116 123" not in html


def test_personal_data_is_highlighted_with_a_suggestion_and_a_way_back(client_for, owner) -> None:
    body = (
        "The first paragraph is only about me.\n\n"
        "Dr Patel on Ward 7 said to ring 07700 900123. My NHS number is 943 476 5919."
    )
    story = draft(owner, body)
    html = publish_page(client_for, owner, story)
    assert "Check for details that could identify someone" in html
    assert "name with a title, named ward, phone number, nhs number" in html
    assert (
        "<mark>Dr Patel</mark> on <mark>Ward 7</mark> said to ring <mark>07700 900123</mark>"
        in html
    )
    assert "<mark>943 476 5919</mark>" in html
    assert (
        f'<a href="{reverse("stories:edit", args=[story.pk])}">Go back and change these details</a>'
        in html
    )
    assert (
        '<blockquote class="highlighted-passage">The first paragraph' not in html
    )  # only passages with findings


def test_highlighted_passages_are_escaped(client_for, owner) -> None:
    body = 'Nurse Sarah said <img src=x onerror="alert(1)"> & <script>steal()</script> was fine.'
    html = publish_page(client_for, owner, draft(owner, body))
    passage = html.split('<blockquote class="highlighted-passage">')[1].split("</blockquote>")[0]
    assert passage == (
        "<mark>Nurse Sarah</mark> said &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; "
        "&lt;script&gt;steal()&lt;/script&gt; was fine."
    )


def test_the_publish_page_runs_no_extra_queries_for_the_checks(
    client_for, owner, django_assert_max_num_queries
) -> None:
    story = draft(owner, CRISIS_BODY + "\n\nRing 07700 900123.")
    client = client_for(owner)
    client.get(reverse("stories:publish", args=[story.pk]))  # help lines are kept from here on
    with django_assert_max_num_queries(8):
        assert client.get(reverse("stories:publish", args=[story.pk])).status_code == 200


# --- Alerts -----------------------------------------------------------------------------------


def test_publishing_crisis_language_alerts_moderators_without_the_words_in_email(
    client_for, owner, moderator, admin_user, member, django_capture_on_commit_callbacks
) -> None:
    story = draft(owner, CRISIS_BODY, title="Nights after the redundancy")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(reverse("stories:publish", args=[story.pk]), {"consent": "on"})
    alert = SafeguardingAlert.objects.get(item=story.item)
    assert alert.kinds == ["suicide"] and alert.is_high and alert.item_id == story.item_id
    assert sorted(m.to[0] for m in mail.outbox) == sorted([moderator.email, admin_user.email])
    for message in mail.outbox:
        assert "/safeguarding/alerts/" in message.body
        for private in (
            "redundancy",
            "want to die",
            "Nights after",
            owner.display_name,
            owner.email,
        ):
            assert private not in message.body and private not in message.subject


def test_ordinary_or_denied_stories_raise_no_alert(
    owner, django_capture_on_commit_callbacks
) -> None:
    for body in ("My feet are killing me after the walk.", "I'm not suicidal, just tired."):
        story = draft(owner, body)
        with django_capture_on_commit_callbacks(execute=True):
            story_services.story_publish(story=story, actor=owner, consented=True)
    assert not SafeguardingAlert.objects.exists()
    assert not mail.outbox


def test_comments_with_crisis_language_raise_an_alert(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner)
    with django_capture_on_commit_callbacks(execute=True):
        comment = story_services.comment_create(
            story=story, author=member, body="My husband hits me when he drinks. Same as you."
        )
    alert = SafeguardingAlert.objects.get()
    assert (alert.item_id, alert.person_id, alert.kinds) == (
        comment.item_id,
        comment.author_id,
        ["abuse"],
    )


def test_one_open_alert_per_story_that_gathers_what_is_found(owner) -> None:
    story = StoryFactory(author=owner)
    first = alert_raise(content=story, text="I've been self-harming again.")
    second = alert_raise(
        content=story, text="I've been self-harming again. Some days I want to die."
    )
    assert first is not None and second is not None and first.pk == second.pk
    assert SafeguardingAlert.objects.get().kinds == ["self_harm", "suicide"]


def test_acknowledging_is_audited_and_a_new_alert_can_then_open(owner, moderator) -> None:
    story = StoryFactory(author=owner)
    alert = alert_raise(content=story, text="I want to die.")
    assert alert is not None
    alert_acknowledge(alert=alert, actor=moderator, note="Messaged them; they have support.")
    alert_acknowledge(alert=alert, actor=moderator)  # twice is harmless
    event = AuditEvent.objects.get(action=AuditAction.SAFEGUARDING_ACKNOWLEDGED)
    assert event.actor == moderator and event.details["kinds"] == ["suicide"]
    assert alert_raise(content=story, text="I want to die.") is not None
    assert SafeguardingAlert.objects.count() == 2


# --- The alerts page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 302),
        ("member", 403),
        ("owner", 403),
        ("organiser", 403),
        ("moderator", 200),
        ("admin_user", 200),
    ],
)
def test_alerts_page_is_for_moderators_only(persona, expected, request, client_for, owner) -> None:
    alert = alert_raise(content=StoryFactory(author=owner, body=CRISIS_BODY), text=CRISIS_BODY)
    assert alert is not None
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    response = client.get(reverse("safeguarding:alerts"))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    posted = client.post(reverse("safeguarding:acknowledge", args=[alert.pk]))
    assert posted.status_code == (302 if expected != 403 else 403)
    alert.refresh_from_db()
    assert (alert.acknowledged_at is not None) == (expected == 200)


def test_alerts_page_shows_the_passage_and_acknowledges(client_for, owner, moderator) -> None:
    story = StoryFactory(author=owner, title="Nights", body=CRISIS_BODY)
    alert = alert_raise(content=story, text=CRISIS_BODY)
    assert alert is not None
    client = client_for(moderator)
    html = client.get(reverse("safeguarding:alerts")).content.decode()
    assert "Urgent" in html and "Waiting for a moderator (1)" in html
    assert "<mark>I just want to die</mark>" in html
    response = client.post(
        reverse("safeguarding:acknowledge", args=[alert.pk]), {"note": "Sent a check-in message."}
    )
    assert response.status_code == 302
    html = client.get(reverse("safeguarding:alerts")).content.decode()
    assert (
        "Waiting for a moderator (0)" in html
        and "Sent a check-in message." in html
        and "Mo Moderator" in html
    )


def test_withdrawn_stories_no_longer_show_their_words(client_for, owner, moderator) -> None:
    story = StoryFactory(author=owner, body=CRISIS_BODY)
    alert_raise(content=story, text=CRISIS_BODY)
    story_services.story_withdraw(story=story, actor=owner)
    html = client_for(moderator).get(reverse("safeguarding:alerts")).content.decode()
    assert "The author withdrew this story" in html and "want to die" not in html


def test_anonymous_authors_are_not_unmasked_on_the_alerts_page(
    client_for, owner, moderator
) -> None:
    story = StoryFactory(author=owner, identity="anonymous", body=CRISIS_BODY)
    alert_raise(content=story, text=CRISIS_BODY)
    html = client_for(moderator).get(reverse("safeguarding:alerts")).content.decode()
    assert "Anonymous member" in html and owner.display_name not in html


@pytest.mark.parametrize("count", [2, 30])
def test_alerts_page_has_bounded_queries(
    count, client_for, moderator, django_assert_max_num_queries
) -> None:
    for i in range(count):
        story = StoryFactory(author=UserFactory(), body=CRISIS_BODY)
        if i % 2:
            comment = CommentFactory(
                story=story, author=UserFactory(), body="I've been self-harming again."
            )
            alert_raise(content=comment, text=comment.body)
        alert = alert_raise(content=story, text=CRISIS_BODY)
        if alert is not None and i % 3 == 0:
            alert_acknowledge(alert=alert, actor=moderator)
    client = client_for(moderator)
    helplines_for(None)  # kept in memory after the first page that shows them
    with django_assert_max_num_queries(8 + staff_menu_queries(moderator)):
        assert client.get(reverse("safeguarding:alerts")).status_code == 200


# --- Comments and private texts -----------------------------------------------------------------


def test_a_comment_about_ending_ones_life_shows_help_lines_after_it_is_posted(
    client_for, owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner)
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stories:comment_create", args=[story.pk]),
            {"body": "Reading this, I feel like ending my life too."},
            follow=True,
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your comment is posted" in html
    assert "have to go through this alone" in html
    assert "Samaritans" in html and "Our moderators have been told" in html
    comment = story.comments.get()
    assert SafeguardingAlert.objects.open().filter(item=comment.item).exists()
    # Only its author sees the page; an ordinary comment goes straight back to the story.
    other = client_for(owner).get(reverse("stories:comment_posted", args=[comment.pk]))
    assert other.status_code == 404
    plain = client.post(
        reverse("stories:comment_create", args=[story.pk]), {"body": "Thank you for sharing."}
    )
    assert plain.status_code == 302 and "#comment-" in plain["Location"]


def test_a_private_alert_records_who_and_where_but_never_the_words(member) -> None:
    from groundswell.safeguarding.services import alert_raise_private

    alert = alert_raise_private(person=member, source="message", text="I want to die tonight.")
    assert alert is not None and (alert.item_id, alert.person, alert.source) == (
        None,
        member,
        "message",
    )
    again = alert_raise_private(person=member, source="message", text="I keep cutting myself.")
    assert again is not None and again.pk == alert.pk
    assert sorted(SafeguardingAlert.objects.get().kinds) == ["self_harm", "suicide"]
    assert alert_raise_private(person=member, source="message", text="See you at 3pm") is None
    assert SafeguardingAlert.objects.count() == 1


def test_the_alerts_page_shows_a_private_alert_without_its_words(client_for, member, moderator):
    from groundswell.safeguarding.services import alert_raise_private

    alert_raise_private(person=member, source="message", text="I want to die tonight.")
    html = client_for(moderator).get(reverse("safeguarding:alerts")).content.decode()
    assert "in a private message" in html and "want to die" not in html
    assert f"/messages/new/?to={member.handle}" in html
