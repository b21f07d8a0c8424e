"""load_demo, loaded once for this module inside a transaction that is rolled back afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import MemberRole, Profile, SiteRole, User, Visibility
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.demo.data import ITEM_GROUPS
from groundswell.demo.data.schema import c
from groundswell.demo.data.schema import story as demo_story
from groundswell.demo.management.commands import load_demo as load_demo_command
from groundswell.demo.management.commands.load_demo import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    MEMBER_EMAIL,
    MODERATOR_EMAIL,
    ORGANISER_EMAIL,
    DemoLoader,
    demo_users,
)
from groundswell.places.models import Place, PlaceLevel
from groundswell.stories.models import (
    Audience,
    Comment,
    Follow,
    Identity,
    Reaction,
    Status,
    Story,
    StoryConsent,
    StoryRelation,
)
from groundswell.topics.models import Topic


@pytest.fixture(scope="module")
def demo_output(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    out = StringIO()
    # The same fast hasher that groundswell/conftest.py gives each test, which runs after this
    # module-wide fixture and would otherwise not recognise the hash.
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        call_command("load_demo", "--force", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output: str, db: None) -> str:
    return demo_output


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "stories": Story.objects.count(),
        "comments": Comment.objects.count(),
        "reactions": Reaction.objects.count(),
        "follows": Follow.objects.count(),
        "topics": Topic.objects.count(),
    }


def test_loads_at_least_40_members_with_verified_emails_and_profiles(demo: str) -> None:
    members = demo_users()

    assert members.count() >= 40
    assert (
        EmailAddress.objects.filter(user__in=members, verified=True, primary=True).count()
        == members.count()
    )
    profiles = Profile.objects.filter(user__in=members)
    assert profiles.count() == members.count()
    assert len(set(members.values_list("display_name", flat=True))) == members.count()
    assert {role for roles in profiles.values_list("roles", flat=True) for role in roles} == set(
        MemberRole.values
    )
    assert profiles.exclude(pronouns="").count() >= 10
    assert not profiles.filter(home_place__isnull=True).exists()
    assert set(profiles.values_list("home_place__level", flat=True)) == {
        PlaceLevel.COUNTY,
        PlaceLevel.NEIGHBOURHOOD,
    }
    assert set(profiles.values_list("home_place_visibility", flat=True)) == set(Visibility.values)
    for field in ("pronouns", "bio", "roles", "topics"):
        assert profiles.exclude(**{f"{field}_visibility": Visibility.PUBLIC}).exists(), field


@pytest.mark.parametrize(
    ("email", "site_role", "is_admin"),
    [
        (ADMIN_EMAIL, SiteRole.ADMIN, True),
        (MODERATOR_EMAIL, SiteRole.MODERATOR, False),
        (ORGANISER_EMAIL, SiteRole.ORGANISER, False),
        (MEMBER_EMAIL, SiteRole.MEMBER, False),
    ],
)
def test_named_accounts_have_their_role_and_the_demo_password(
    demo: str, email: str, site_role: str, is_admin: bool
) -> None:
    user = User.objects.get(email=email)

    assert user.site_role == site_role
    assert user.is_staff is is_admin
    assert user.is_superuser is is_admin
    assert user.check_password(DEMO_PASSWORD)
    assert email in demo
    assert DEMO_PASSWORD in demo


def test_demo_member_can_sign_in_through_the_login_form(demo: str) -> None:
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": MEMBER_EMAIL, "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert client.session["_auth_user_id"] == str(User.objects.get(email=MEMBER_EMAIL).pk)


def test_every_member_shares_one_password_hash(demo: str) -> None:
    assert demo_users().values("password").distinct().count() == 1


def test_loads_60_published_items_across_every_topic_and_several_place_levels(demo: str) -> None:
    items = Story.objects.filter(author__in=demo_users())

    assert items.filter(status=Status.PUBLISHED, is_hidden=False).count() >= 60
    assert items.exclude(status=Status.PUBLISHED).count() == 0
    assert set(items.values_list("kind", flat=True)) == {"story", "idea", "resource", "update"}
    # Members with a role post as their organisations, and only as those.
    from groundswell.organisations.permissions import can_post_as

    as_orgs = items.filter(identity="organisation").select_related("organisation", "author")
    assert as_orgs.count() >= 5 and {s.kind for s in as_orgs} >= {"update", "resource"}
    assert all(can_post_as(s.author, s.organisation) for s in as_orgs)
    topics_used = Topic.objects.filter(stories__in=items).distinct()
    assert topics_used.count() >= 8
    assert all(topic.description for topic in topics_used)
    levels = set(items.exclude(place=None).values_list("place__level", flat=True))
    assert levels == set(PlaceLevel.values)
    assert StoryConsent.objects.filter(story__in=items).count() == items.count()


def test_includes_members_only_pseudonymous_and_anonymous_items(demo: str) -> None:
    items = Story.objects.filter(author__in=demo_users())

    assert items.filter(audience=Audience.MEMBERS).count() >= 3
    pseudonymous = items.filter(identity=Identity.PSEUDONYM)
    assert pseudonymous.count() >= 3
    assert all(
        story.byline == story.pseudonym != story.author.public_name for story in pseudonymous
    )
    assert items.filter(identity=Identity.ANONYMOUS).count() >= 3
    assert Story.objects.visible_to(None).filter(audience=Audience.MEMBERS).count() == 0


def test_hidden_authors_never_reply_under_their_own_name(demo: str) -> None:
    unmasking = Comment.objects.filter(
        story__identity__in=[Identity.PSEUDONYM, Identity.ANONYMOUS], author=F("story__author")
    )

    assert not unmasking.exists()


def test_comments_are_threaded_at_least_three_levels_deep_on_many_stories(demo: str) -> None:
    comments = Comment.objects.filter(story__author__in=demo_users())

    assert comments.count() >= 200
    assert comments.filter(depth__gte=2).values("story").distinct().count() >= 10
    for reply in comments.filter(parent__isnull=False).select_related("parent"):
        assert reply.parent is not None
        assert reply.depth == reply.parent.depth + 1
        assert reply.parent.story_id == reply.story_id
        assert reply.created_at > reply.parent.created_at


def test_counters_agree_with_the_rows_written(demo: str) -> None:
    stories = Story.objects.annotate(
        n_comments=Count("comments", distinct=True),
        n_experienced=Count(
            "item__reactions", filter=Q(item__reactions__kind="experienced"), distinct=True
        ),
        n_helped=Count("item__reactions", filter=Q(item__reactions__kind="helped"), distinct=True),
    )
    for story in stories:
        assert (story.comment_count, story.experienced_count, story.helped_count) == (
            story.n_comments,
            story.n_experienced,
            story.n_helped,
        )
    assert Reaction.objects.filter(item__kind="comment").count() >= 100
    assert Follow.objects.count() >= 50
    assert not Reaction.objects.filter(item__author=F("user")).exists()


def test_activity_is_spread_over_the_past_six_months(demo: str) -> None:
    now = timezone.now()
    published = sorted(
        d for d in Story.objects.values_list("published_at", flat=True) if d is not None
    )

    assert len(published) == Story.objects.count()
    assert published[0] < now - timedelta(days=150)
    assert published[-1] < now
    months = {(moment.year, moment.month) for moment in published}
    assert len(months) >= 6
    assert not Comment.objects.filter(created_at__lt=F("story__published_at")).exists()
    assert not StoryConsent.objects.filter(created_at__gt=F("story__published_at")).exists()


def test_related_stories_are_computed_and_never_advertise_members_only_items_on_public_ones(
    demo: str,
) -> None:
    assert Story.objects.filter(relations__isnull=False).distinct().count() >= 50
    assert not StoryRelation.objects.filter(
        story__audience=Audience.PUBLIC, related__audience=Audience.MEMBERS
    ).exists()


def test_second_run_says_so_and_changes_nothing(demo: str) -> None:
    before = counts()
    out = StringIO()

    call_command("load_demo", "--force", stdout=out)

    assert "already loaded" in out.getvalue()
    assert counts() == before


def test_reset_deletes_the_demo_members_and_their_posts_but_nobody_else(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading again is what the module fixture already proves; here only the deleting is new.
    loads: list[DemoLoader] = []

    def record_load(self: DemoLoader) -> list[Story]:
        loads.append(self)
        return []

    monkeypatch.setattr(DemoLoader, "run", record_load)
    # Nobody to give the moderator's work to when the loader is skipped.
    monkeypatch.setattr(load_demo_command, "load_moderation_work", lambda **kwargs: None)
    neighbour = UserFactory(display_name="Nadia Neighbour")
    neighbours_story = StoryFactory(author=neighbour)
    places_before = Place.objects.count()

    call_command("load_demo", "--force", "--reset", stdout=StringIO())

    assert not demo_users().exists()
    assert not Story.objects.exclude(pk=neighbours_story.pk).exists()
    assert not Comment.objects.exists()
    assert not Reaction.objects.exists()
    assert User.objects.filter(pk=neighbour.pk).exists()
    assert Place.objects.count() == places_before
    assert len(loads) == 1


def test_refuses_to_run_without_debug_unless_forced() -> None:
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())


def test_every_item_body_is_80_to_400_words() -> None:
    lengths = {item.title: len(item.body.split()) for group in ITEM_GROUPS for item in group}

    assert {title: n for title, n in lengths.items() if not 80 <= n <= 400} == {}


def test_content_mistakes_are_reported_before_anything_is_written() -> None:
    unmasking = demo_story(
        "gwen",
        "A story with mistakes",
        "Body.",
        topics=["no-such-topic"],
        place="Atlantis",
        identity=Identity.ANONYMOUS,
        comments=[c("gwen", "Replying to myself under my own name."), c("nobody", "Hello.")],
    )
    loader = DemoLoader(places={}, topics={}, stdout=OutputWrapper(StringIO()))

    with pytest.raises(CommandError) as error:
        loader.check([unmasking])

    message = str(error.value)
    assert "unknown place 'Atlantis'" in message
    assert "unknown topic 'no-such-topic'" in message
    assert "hidden author comments on their own story" in message
    assert "unknown commenter 'nobody'" in message
