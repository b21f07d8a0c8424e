from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.collaboration import services
from groundswell.collaboration.models import CoAuthor, CoAuthorStatus, Suggestion
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.stories import services as story_services
from groundswell.stories.models import Audience, Identity, Story

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "author",
    "coauthor",
    "member",
    "org_admin",
    "org_member",
    "blocked",
    "moderator",
    "admin",
)


@pytest.fixture
def world(
    resource: Story,
    owner: User,
    coauthor: User,
    member: User,
    org_coauthor: CoAuthor,
    org_admin: User,
    org_member: User,
    blocked: User,
    moderator: User,
    admin_user: User,
    outsider: User,
) -> dict[str, Any]:
    suggestion = services.suggestion_create(
        story=resource, suggester=member, title=resource.title, body="Bring a snack too."
    )
    invitation = services.coauthor_invite(story=resource, inviter=owner, member=outsider)
    people: dict[str, User | None] = {
        "anonymous": None,
        "author": owner,
        "coauthor": coauthor,
        "member": member,
        "org_admin": org_admin,
        "org_member": org_member,
        "blocked": blocked,
        "moderator": moderator,
        "admin": admin_user,
        "invitee": outsider,
    }
    coauthor_row = CoAuthor.objects.get(story=resource, member=coauthor)
    return {
        "story": resource,
        "suggestion": suggestion,
        "invitation": invitation,
        "coauthor_row": coauthor_row,
        "people": people,
    }


# (method, url template, {persona: expected status}); 302 for anonymous is the sign-in page.
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("get", "/resources/{story}/", dict.fromkeys(PERSONAS, 200)),
    ("get", "/resources/{story}/history/", dict.fromkeys(PERSONAS, 200)),
    (
        "get",
        "/resources/{story}/invite/",
        {
            "anonymous": 302,
            "author": 200,
            "coauthor": 200,
            "member": 403,
            "org_admin": 200,
            "org_member": 403,
            "blocked": 403,
            "moderator": 403,
            "admin": 403,
        },
    ),
    (
        "get",
        "/resources/{story}/edit/",
        {
            "anonymous": 302,
            "author": 200,
            "coauthor": 200,
            "member": 403,
            "org_admin": 200,
            "org_member": 403,
            "blocked": 403,
            "moderator": 403,
            "admin": 403,
        },
    ),
    (
        "get",
        "/resources/{story}/suggest/",
        {
            "anonymous": 302,
            "author": 403,
            "coauthor": 403,
            "member": 200,
            "org_admin": 403,
            "org_member": 200,
            "blocked": 403,
            "moderator": 200,
            "admin": 200,
        },
    ),
    (
        "get",
        "/resources/suggestions/{suggestion}/",
        {
            "anonymous": 302,
            "author": 200,
            "coauthor": 200,
            "member": 200,
            "org_admin": 200,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
    (
        "get",
        "/resources/invitations/{invitation}/",
        {
            "anonymous": 302,
            "author": 200,
            "coauthor": 404,
            "member": 404,
            "org_admin": 404,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
    ("get", "/resources/invitations/", {**dict.fromkeys(PERSONAS, 200), "anonymous": 302}),
    (
        "post",
        "/resources/suggestions/{suggestion}/accept/",
        {
            "anonymous": 302,
            "author": 302,
            "coauthor": 302,
            "member": 403,
            "org_admin": 302,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
    (
        "post",
        "/resources/suggestions/{suggestion}/decline/",
        {
            "anonymous": 302,
            "author": 302,
            "coauthor": 302,
            "member": 403,
            "org_admin": 302,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
    (
        "post",
        "/resources/coauthors/{coauthor_row}/remove/",
        {
            "anonymous": 302,
            "author": 302,
            "coauthor": 403,
            "member": 404,
            "org_admin": 404,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
    (
        "post",
        "/resources/coauthors/{coauthor_row}/leave/",
        {
            "anonymous": 302,
            "author": 403,
            "coauthor": 302,
            "member": 404,
            "org_admin": 404,
            "org_member": 404,
            "blocked": 404,
            "moderator": 404,
            "admin": 404,
        },
    ),
]


@pytest.mark.parametrize(
    ("method", "url", "persona", "expected"),
    [(m, u, p, e) for m, u, statuses in MATRIX for p, e in statuses.items()],
)
def test_permission_matrix(
    world: dict[str, Any],
    client_for: Callable[..., Client],
    method: str,
    url: str,
    persona: str,
    expected: int,
) -> None:
    path = url.format(
        story=world["story"].pk,
        suggestion=world["suggestion"].pk,
        invitation=world["invitation"].pk,
        coauthor_row=world["coauthor_row"].pk,
    )
    client = client_for(world["people"][persona])
    response = getattr(client, method)(path)
    assert response.status_code == expected
    if expected == 302 and persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_invitee_sees_and_answers_their_invitation(
    world: dict[str, Any], client_for: Callable[..., Client]
) -> None:
    client = client_for(world["people"]["invitee"])
    path = f"/resources/invitations/{world['invitation'].pk}/"
    assert "Accept" in client.get(path).content.decode()
    assert world["story"].title in client.get("/resources/invitations/").content.decode()
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert CoAuthor.objects.get(pk=world["invitation"].pk).status == CoAuthorStatus.ACCEPTED
    assert client.get(f"/resources/{world['story'].pk}/edit/").status_code == 200


def test_a_nonsense_answer_changes_nothing(
    world: dict[str, Any], client_for: Callable[..., Client]
) -> None:
    client = client_for(world["people"]["invitee"])
    response = client.post(f"/resources/invitations/{world['invitation'].pk}/", {"answer": "x"})
    assert response.status_code == 302
    assert CoAuthor.objects.get(pk=world["invitation"].pk).status == CoAuthorStatus.PENDING


@pytest.mark.parametrize("change", ["withdrawn", "hidden", "story"])
def test_withdrawn_hidden_or_not_a_resource_shows_nothing(
    resource: Story,
    owner: User,
    moderator: User,
    client_for: Callable[..., Client],
    change: str,
) -> None:
    if change == "withdrawn":
        story_services.story_withdraw(story=resource, actor=owner)
    elif change == "hidden":
        Story.objects.filter(pk=resource.pk).update(is_hidden=True)
    else:
        Story.objects.filter(pk=resource.pk).update(kind="story")
    for user in (None, owner, moderator):
        client = client_for(user)
        for path in (f"/resources/{resource.pk}/", f"/resources/{resource.pk}/history/"):
            assert client.get(path).status_code == 404


def test_members_only_resource_is_404_for_visitors(
    owner: User, client_for: Callable[..., Client]
) -> None:
    story = StoryFactory(author=owner, kind="resource", audience=Audience.MEMBERS)
    assert client_for(None).get(f"/resources/{story.pk}/").status_code == 404
    assert client_for(owner).get(f"/resources/{story.pk}/").status_code == 200


def test_unknown_ids_are_404(client_for: Callable[..., Client], member: User) -> None:
    client = client_for(member)
    for path in (
        "/resources/999999/",
        "/resources/999999/history/",
        "/resources/suggestions/999999/",
        "/resources/invitations/999999/",
    ):
        assert client.get(path).status_code == 404


def test_suggestion_form_keeps_what_was_typed_and_links_errors(
    resource: Story, member: User, client_for: Callable[..., Client]
) -> None:
    response = client_for(member).post(
        f"/resources/{resource.pk}/suggest/",
        {"title": "", "body": "My carefully typed words", "note": "why I changed it"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "My carefully typed words" in html
    assert "why I changed it" in html
    assert 'href="#id_title"' in html
    assert not Suggestion.objects.exists()


def test_invite_form_keeps_the_handle_and_says_what_is_wrong(
    resource: Story, owner: User, client_for: Callable[..., Client]
) -> None:
    response = client_for(owner).post(
        f"/resources/{resource.pk}/invite/", {"handle": "nobody-by-this-name"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="nobody-by-this-name"' in html
    assert "couldn&#x27;t find a member" in html


def test_invite_form_refuses_a_blocked_member_like_an_unknown_one(
    resource: Story, owner: User, blocked: User, client_for: Callable[..., Client]
) -> None:
    response = client_for(owner).post(
        f"/resources/{resource.pk}/invite/", {"handle": blocked.handle}
    )
    assert response.status_code == 400
    assert "couldn&#x27;t find a member" in response.content.decode()
    assert not CoAuthor.objects.filter(member=blocked).exists()


def test_double_submitted_forms_make_one_record(
    resource: Story, owner: User, member: User, outsider: User, client_for: Callable[..., Client]
) -> None:
    key = str(uuid.uuid4())
    client = client_for(member)
    data = {"title": "Better title", "body": resource.body, "submission_key": key}
    first = client.post(f"/resources/{resource.pk}/suggest/", data)
    second = client.post(f"/resources/{resource.pk}/suggest/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Suggestion.objects.count() == 1

    key = str(uuid.uuid4())
    owner_client = client_for(owner)
    for _ in range(2):
        response = owner_client.post(
            f"/resources/{resource.pk}/invite/", {"handle": outsider.handle, "submission_key": key}
        )
        assert response.status_code == 302
    assert CoAuthor.objects.filter(member=outsider).count() == 1


def test_accepting_twice_applies_once(
    resource: Story, owner: User, member: User, client_for: Callable[..., Client]
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="T2", body="B2")
    client = client_for(owner)
    client.post(f"/resources/suggestions/{s.pk}/accept/")
    response = client.post(f"/resources/suggestions/{s.pk}/accept/")
    assert response.status_code == 302
    assert resource.resource_revisions.count() == 1


def test_out_of_date_suggestion_asks_to_compare(
    resource: Story, owner: User, member: User, client_for: Callable[..., Client]
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="T2", body="B2")
    services.resource_edit(story=resource, editor=owner, title=resource.title, body="Newer words")
    client = client_for(owner)
    html = client.get(f"/resources/suggestions/{s.pk}/").content.decode()
    assert "has changed since this was suggested" in html
    response = client.post(f"/resources/suggestions/{s.pk}/accept/")
    assert response.status_code == 400
    assert 'href="#id_compared"' in response.content.decode()
    assert Story.objects.get(pk=resource.pk).body == "Newer words"
    client.post(f"/resources/suggestions/{s.pk}/accept/", {"compared": "on"})
    assert Story.objects.get(pk=resource.pk).body == "B2"


def test_diff_is_escaped_words(
    resource: Story, owner: User, member: User, client_for: Callable[..., Client]
) -> None:
    s = services.suggestion_create(
        story=resource,
        suggester=member,
        title=resource.title,
        body=resource.body + " <script>alert(1)</script>",
    )
    html = client_for(owner).get(f"/resources/suggestions/{s.pk}/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html


def test_decline_reason_too_long_keeps_it(
    resource: Story, owner: User, member: User, client_for: Callable[..., Client]
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="T2", body="B2")
    reason = "no " * 300
    response = client_for(owner).post(f"/resources/suggestions/{s.pk}/decline/", {"reason": reason})
    assert response.status_code == 400
    assert reason.strip() in response.content.decode()


def test_story_page_credits_everyone_and_history_shows_who_changed_what(
    resource: Story,
    owner: User,
    coauthor: User,
    member: User,
    org_coauthor: CoAuthor,
    client_for: Callable[..., Client],
) -> None:
    services.resource_edit(
        story=resource, editor=coauthor, title=resource.title, body="Cora's words"
    )
    s = services.suggestion_create(
        story=resource, suggester=member, title=resource.title, body="Mina's words"
    )
    services.suggestion_accept(suggestion=s, actor=owner)
    for user in (None, UserFactory()):
        html = client_for(user).get(f"/stories/{resource.pk}/").content.decode()
        assert (
            "Made by <strong>Olu Owner</strong>, <strong>Cora Coauthor</strong> and "
            '<a href="/organisations/levenshulme-walking/">Levenshulme Walking Group</a>, '
            "with contributions from Mina Member." in html
        )
    history = client_for(None).get(f"/resources/{resource.pk}/history/").content.decode()
    assert "Suggested by Mina Member, accepted by Olu Owner" in history
    assert "Edited by Cora Coauthor" in history
    assert "<del>Cora</del><ins>Mina</ins>&#x27;s words" in history


def test_other_stories_show_no_credits(owner: User, client_for: Callable[..., Client]) -> None:
    story = StoryFactory(author=owner, kind="story")
    assert (
        "Who made this resource"
        not in client_for(None).get(f"/stories/{story.pk}/").content.decode()
    )


def test_pseudonymous_author_is_never_named_on_any_page(
    member: User, outsider: User, client_for: Callable[..., Client]
) -> None:
    author = UserFactory(display_name="Priya Realname")
    story = StoryFactory(
        author=author, kind="resource", identity=Identity.PSEUDONYM, pseudonym="Quiet Heron"
    )
    invite = services.coauthor_invite(story=story, inviter=author, member=outsider)
    services.resource_edit(story=story, editor=author, title="T2", body="B2")
    s = services.suggestion_create(story=story, suggester=member, title="T3", body="B3")
    services.suggestion_decline(suggestion=s, actor=author, reason="no")
    pages = [
        (None, f"/stories/{story.pk}/"),
        (None, f"/resources/{story.pk}/"),
        (None, f"/resources/{story.pk}/history/"),
        (outsider, f"/resources/invitations/{invite.pk}/"),
        (member, f"/resources/suggestions/{s.pk}/"),
        (member, "/notifications/"),
        (outsider, "/notifications/"),
    ]
    for user, path in pages:
        response = client_for(user).get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Priya Realname" not in html, path
    assert "Quiet Heron" in client_for(None).get(f"/resources/{story.pk}/history/").content.decode()


def test_history_and_contributors_pages_take_few_queries(
    resource: Story,
    owner: User,
    coauthor: User,
    org_coauthor: CoAuthor,
    django_assert_max_num_queries: Any,
    client_for: Callable[..., Client],
) -> None:
    for n in range(8):
        services.resource_edit(story=resource, editor=coauthor, title=resource.title, body=f"v{n}")
        member = UserFactory()
        s = services.suggestion_create(story=resource, suggester=member, title="T", body=f"s{n}")
        if n % 2:
            services.suggestion_accept(suggestion=s, actor=owner, compared=True)
    anonymous, author = client_for(None), client_for(owner)
    with django_assert_max_num_queries(6):
        assert anonymous.get(f"/resources/{resource.pk}/history/").status_code == 200
    with django_assert_max_num_queries(6):
        assert anonymous.get(f"/resources/{resource.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert author.get(f"/resources/{resource.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert author.get(f"/resources/{resource.pk}/history/").status_code == 200


def test_stored_story_pages_show_a_new_coauthor_at_once(
    resource: Story, owner: User, outsider: User, member: User, client_for: Callable[..., Client]
) -> None:
    visitor, reader = client_for(None), client_for(member)
    for client in (visitor, reader, visitor, reader):  # the second look may come from storage
        assert outsider.public_name not in client.get(f"/stories/{resource.pk}/").content.decode()
    invite = services.coauthor_invite(story=resource, inviter=owner, member=outsider)
    services.coauthor_respond(coauthor=invite, actor=outsider, accept=True)
    for client in (visitor, reader):
        html = client.get(f"/stories/{resource.pk}/").content.decode()
        assert f"<strong>{outsider.public_name}</strong>" in html
