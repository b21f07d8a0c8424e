from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from groundswell.accounts.models import Visibility
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories.models import Comment, Identity, Story
from groundswell.trust import services
from groundswell.trust.models import TrustLevel, TrustProfile

pytestmark = pytest.mark.django_db


def member_url(user) -> str:
    return reverse("trust:member", args=[user.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 302),
        ("member", 403),
        ("owner", 403),  # the person the page is about
        ("organiser", 403),
        ("moderator", 200),
        ("admin_user", 200),
    ],
)
def test_member_trust_page_is_for_moderators_only(
    persona, expected, request, client_for, owner
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(member_url(owner))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    posted = client_for(user).post(
        member_url(owner), {"action": "set_level", "level": "3", "lock": "on", "reason": "x"}
    )
    assert posted.status_code == (302 if expected != 403 else 403)
    assert TrustProfile.objects.filter(user=owner, level=3).exists() == (expected == 200)


def test_unknown_member_is_404(client_for, moderator) -> None:
    assert client_for(moderator).get(reverse("trust:member", args=[999999])).status_code == 404


@pytest.mark.parametrize("history", [1, 30])
def test_member_trust_page_has_bounded_queries(
    history, client_for, moderator, owner, django_assert_max_num_queries
) -> None:
    services.professional_verify(member=owner, actor=moderator, title="GP", evidence="GMC register")
    for i in range(history):
        services.trust_set_level(
            member=owner, actor=moderator, level=i % 4, lock=True, reason=f"Change {i}"
        )
    client = client_for(moderator)
    with django_assert_max_num_queries(10):
        response = client.get(member_url(owner))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verified professional: GP" in html and "GMC register" in html


def test_moderator_sets_a_level_from_the_page_and_it_is_audited(
    client_for, moderator, owner
) -> None:
    client = client_for(moderator)
    response = client.post(
        member_url(owner),
        {"action": "set_level", "level": "2", "lock": "on", "reason": "Runs the Tuesday group"},
    )
    assert response.status_code == 302
    profile = TrustProfile.objects.get(user=owner)
    assert (profile.level, profile.level_locked_by_moderator) == (TrustLevel.MEMBER, True)
    event = AuditEvent.objects.get(action=AuditAction.TRUST_LEVEL_SET)
    assert event.details["reason"] == "Runs the Tuesday group" and event.ip_address == "127.0.0.1"
    page = client.get(member_url(owner)).content.decode()
    assert "Set by a moderator" in page and "Runs the Tuesday group" in page
    client.post(member_url(owner), {"action": "unlock"})
    assert not TrustProfile.objects.get(user=owner).level_locked_by_moderator


def test_setting_a_level_without_a_reason_shows_the_error(client_for, moderator, owner) -> None:
    response = client_for(moderator).post(member_url(owner), {"action": "set_level", "level": "2"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_moderators_cannot_change_themselves(client_for, moderator) -> None:
    client = client_for(moderator)
    assert (
        "You can't change your own trust level"
        in client.get(member_url(moderator)).content.decode()
    )
    response = client.post(
        member_url(moderator), {"action": "verify", "title": "GP", "evidence": "me"}
    )
    assert response.status_code == 403


def test_verified_badge_shows_on_named_stories_and_the_profile(
    client_for, moderator, owner
) -> None:
    owner.profile.roles_visibility = Visibility.PUBLIC  # the badge goes where their roles go
    owner.profile.save()
    client_for(moderator).post(
        member_url(owner),
        {
            "action": "verify",
            "title": "Mental health nurse",
            "evidence": "NMC register, PIN checked",
        },
    )
    named = StoryFactory(author=owner)
    pseudonymous = StoryFactory(author=owner, identity=Identity.PSEUDONYM, pseudonym="Night owl")
    today = timezone.localdate().strftime("%-d %B %Y")
    badge = 'Verified professional: Mental health nurse</span> <span class="muted">— verified by Mo Moderator on'
    for viewer in (None, UserFactory()):
        story_page = (
            client_for(viewer).get(reverse("stories:detail", args=[named.pk])).content.decode()
        )
        assert badge in story_page and today in story_page
        assert "NMC register" not in story_page  # how it was checked is for moderators only
        profile_page = (
            client_for(viewer)
            .get(reverse("accounts:profile", args=[owner.handle]))
            .content.decode()
        )
        assert badge in profile_page
        # Never beside a pseudonym: it would point straight at the author.
        assert (
            "Verified professional"
            not in client_for(viewer)
            .get(reverse("stories:detail", args=[pseudonymous.pk]))
            .content.decode()
        )


def test_badge_follows_the_members_choice_about_who_sees_their_roles(
    client_for, moderator, owner
) -> None:
    services.professional_verify(member=owner, actor=moderator, title="GP", evidence="GMC")
    owner.profile.roles_visibility = Visibility.MEMBERS
    owner.profile.save()
    story = StoryFactory(author=owner)
    url = reverse("stories:detail", args=[story.pk])
    assert "Verified professional" not in client_for(None).get(url).content.decode()
    assert "Verified professional" in client_for(UserFactory()).get(url).content.decode()
    owner.profile.roles_visibility = Visibility.ONLY_ME
    owner.profile.save()
    assert "Verified professional" not in client_for(UserFactory()).get(url).content.decode()
    assert "Verified professional" in client_for(owner).get(url).content.decode()


def test_removing_verification_takes_the_badge_away(client_for, moderator, owner) -> None:
    services.professional_verify(member=owner, actor=moderator, title="GP", evidence="GMC")
    client_for(moderator).post(member_url(owner), {"action": "unverify", "reason": "Retired"})
    story = StoryFactory(author=owner)
    assert (
        "Verified professional"
        not in client_for(None).get(reverse("stories:detail", args=[story.pk])).content.decode()
    )


def test_profile_links_moderators_to_the_trust_page(client_for, moderator, member, owner) -> None:
    StoryFactory(author=owner)  # a profile that shows nothing is not found
    url = reverse("accounts:profile", args=[owner.handle])
    assert member_url(owner) in client_for(moderator).get(url).content.decode()
    assert member_url(owner) not in client_for(member).get(url).content.decode()


def test_story_page_shows_the_badge_without_extra_queries(
    client_for, moderator, owner, django_assert_max_num_queries, settings
) -> None:
    settings.PAGE_CACHE_SECONDS = 0  # compare two rendered pages, not a stored one
    owner.profile.roles_visibility = Visibility.PUBLIC  # the badge goes where their roles go
    owner.profile.save()
    story = StoryFactory(author=owner)
    url = reverse("stories:detail", args=[story.pk])
    client = client_for(None)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    services.professional_verify(member=owner, actor=moderator, title="GP", evidence="GMC")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Verified professional" in client.get(url).content.decode()


# --- Limits through the web forms: the message shows and nothing typed is lost ----------------


def story_form(topic, **overrides):
    data = {
        "kind": "story",
        "title": "Waiting for the memory clinic",
        "body": "Mum's letters are at https://a.example, https://b.example and https://c.example — all useless.",
        "topics": [str(topic.pk)],
        "place": "",
        "identity": "named",
        "pseudonym": "",
        "audience": "public",
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.mark.usefixtures("trust_limits")
def test_link_limit_shows_beside_the_body_and_keeps_the_words(client_for, owner) -> None:
    topic = TopicFactory()
    data = story_form(topic)
    response = client_for(owner).post(reverse("stories:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "New members can add up to 2 links in a post, and this has 3." in html
    assert 'id="id_body_error"' in html  # next to the field, not only at the top
    assert (
        "Mum&#x27;s letters are at https://a.example, https://b.example and https://c.example — all useless."
        in html
    )
    assert "Waiting for the memory clinic" in html
    assert not Story.objects.exists()


@pytest.mark.usefixtures("trust_limits")
def test_image_refusal_shows_beside_the_image_field(client_for, owner) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    data = story_form(
        TopicFactory(), body="A photo of the hospital garden.", image_alt="Roses by a bench"
    )
    data["image"] = SimpleUploadedFile("garden.png", buffer.getvalue(), content_type="image/png")
    html = client_for(owner).post(reverse("stories:create"), data).content.decode()
    assert 'id="id_image_error"' in html and "can&#x27;t add images yet" in html
    assert "A photo of the hospital garden." in html and "Roses by a bench" in html


@pytest.mark.usefixtures("trust_limits")
def test_comment_limit_shows_on_the_comment_form_with_the_text_kept(client_for, owner) -> None:
    story = StoryFactory()
    CommentFactory.create_batch(10, author=owner, story=story)
    body = "This is exactly what happened to my dad at the Royal."
    response = client_for(owner).post(
        reverse("stories:comment_create", args=[story.pk]), {"body": body}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "New members can post up to 10 comments in 24 hours" in html
    assert body in html
    assert Comment.objects.filter(author=owner).count() == 10


@pytest.mark.usefixtures("trust_limits")
def test_publish_limit_shows_on_the_consent_page(client_for, owner) -> None:
    StoryFactory.create_batch(2, author=owner)  # published today
    draft = StoryFactory(author=owner, status="draft", published_at=None)
    response = client_for(owner).post(
        reverse("stories:publish", args=[draft.pk]), {"consent": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "New members can publish up to 2 stories, ideas or resources in 24 hours" in html
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.usefixtures("trust_limits")
def test_established_members_are_not_limited(client_for) -> None:
    user = UserFactory(date_joined=timezone.now() - timedelta(days=10))
    StoryFactory(author=user)
    response = client_for(user).post(reverse("stories:create"), story_form(TopicFactory()))
    assert response.status_code == 302
