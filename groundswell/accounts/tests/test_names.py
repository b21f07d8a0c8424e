"""Names that could pass for the site's own labels or for someone else are refused, kindly,
next to the field, keeping what was typed (accounts/names.py)."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from groundswell.accounts import names
from groundswell.accounts.models import SiteRole, User
from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.lib.text import name_key

pytestmark = pytest.mark.django_db

CYRILLIC_A = "\u0430"
CYRILLIC_O = "\u043e"


def sign_up(display_name: str):
    password = "a long and unusual passphrase 42"  # noqa: S105 (tests only)
    return Client().post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "password1": password,
            "password2": password,
            "display_name": display_name,
        },
    )


def save_profile(client, display_name: str):
    data = {
        "display_name": display_name,
        "pronouns": "",
        "bio": "",
        "home_place": "",
        **{f"{f}_visibility": "members" for f in ("pronouns", "bio", "roles", "home_place")},
        "topics_visibility": "members",
    }
    return client.post(reverse("accounts:profile_edit"), data)


def story_post(pseudonym: str) -> dict[str, object]:
    return {
        "kind": "story",
        "title": "Finding a carers' group",
        "body": "After Dad's stroke I didn't know anyone else caring.",
        "topics": [str(TopicFactory().pk)],
        "place": "",
        "identity": "pseudonym",
        "pseudonym": pseudonym,
        "audience": "public",
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "save",
    }


@pytest.mark.parametrize(
    "name",
    [
        "Anonymous member",
        "anonymous MEMBER",
        "Former member",
        "Former\u200d member",  # a zero-width joiner
        "\u202eFormer member",  # a right-to-left override
        f"Anonym{CYRILLIC_O}us member",
        "Former member.",
        "Member 12",
        "Member l2",  # a small L for the 1
    ],
)
def test_site_labels_are_refused_at_sign_up(name):
    response = sign_up(name)
    assert response.status_code == 200
    assert "in place of a name, so it can&#x27;t be used as a display name" in response.text
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_refusal_keeps_what_was_typed():
    response = sign_up("Former member")
    assert 'value="Former member"' in response.text


def test_an_ordinary_name_signs_up_cleaned_of_invisible_characters():
    response = sign_up("Sam\u200b Some\u00adone\u2066")
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.display_name == "Sam Someone"


def test_a_moderators_name_is_refused_even_with_a_cyrillic_letter(moderator):
    for name in ("Mo Moderator", f"M{CYRILLIC_O} Moderator", "MO MODERATOR", "Mo.Moderator"):
        response = sign_up(name)
        assert "someone on the moderation team" in response.text, name
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_profile_cannot_take_an_administrators_name(client_for, member, admin_user):
    response = save_profile(client_for(member), f"{CYRILLIC_A}da Admin")
    assert "someone on the moderation team" in response.text
    member.refresh_from_db()
    assert member.display_name == "Mina Member"


def test_staff_keep_their_own_name(client_for, moderator):
    response = save_profile(client_for(moderator), "Mo Moderator")
    assert response.status_code == 302


def test_members_may_share_an_ordinary_name(client_for, member):
    UserFactory(display_name="Sam Jones")
    assert save_profile(client_for(member), "Sam Jones").status_code == 302


def test_profile_display_names_lose_invisible_characters(client_for, member):
    save_profile(client_for(member), "Mina\u3164 \u200fMember\ufeff")
    member.refresh_from_db()
    assert member.display_name == "Mina Member"


def test_a_pseudonym_cannot_be_another_members_name(client_for, owner, member):
    response = client_for(owner).post(
        reverse("stories:create"), story_post(f"Min{CYRILLIC_A} MEMBER")
    )
    assert response.status_code == 200
    assert "the name another member goes by" in response.text
    assert f'value="Min{CYRILLIC_A} MEMBER"' in response.text
    assert not owner.stories.exists()


def test_a_pseudonym_cannot_be_your_own_name_written_differently(client_for, owner):
    response = client_for(owner).post(reverse("stories:create"), story_post("OLU  0WNER"))
    assert "That is your own name or email" in response.text


def test_a_pseudonym_cannot_be_a_site_label(client_for, owner):
    response = client_for(owner).post(reverse("stories:create"), story_post("Anonymous member"))
    assert "can&#x27;t be used as a pseudonym" in response.text


def test_a_free_pseudonym_is_saved_without_invisible_characters(client_for, owner):
    response = client_for(owner).post(reverse("stories:create"), story_post("Quiet\u200d Heron"))
    assert response.status_code == 302
    assert owner.stories.get().pseudonym == "Quiet Heron"


def test_a_pseudonym_may_be_kept_when_a_member_later_takes_that_name(client_for, owner):
    story = StoryFactory(author=owner, identity="pseudonym", pseudonym="River")
    UserFactory(display_name="River")
    response = client_for(owner).post(
        reverse("stories:edit", args=[story.pk]), {**story_post("River"), "action": "save"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.pseudonym == "River"


def test_the_rule_refuses_what_the_pages_refuse(owner, member):
    """The same rule, without HTTP: the API and the forms both call it."""
    with pytest.raises(ValidationError):
        names.clean_pseudonym("Mina Member", author=owner)
    with pytest.raises(ValidationError):
        names.clean_display_name("Former member", user=member)
    assert names.clean_pseudonym(" Quiet\u2060Heron ", author=owner) == "QuietHeron"


def test_a_name_key_is_kept_with_the_display_name(member):
    member.display_name = f"S{CYRILLIC_A}m Jones"
    member.save(update_fields=["display_name"])
    assert User.objects.get(display_name_key=name_key("SAM.JONES")) == member


def test_promoting_a_member_does_not_lock_them_out_of_their_name(client_for, member):
    member.site_role = SiteRole.MODERATOR
    member.save(update_fields=["site_role"])
    assert save_profile(client_for(member), "Mina Member").status_code == 302
