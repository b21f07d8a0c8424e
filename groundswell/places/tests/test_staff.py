"""The places staff screen: administrators everywhere, organisers in their own places."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.places import permissions, services
from groundswell.places.models import Place
from groundswell.places.testing import Tree, grant_powers, make_organiser

DENIED = {302, 403}  # a password-only staff session: asked for its code (302) or refused


def _persona(name: str, request: pytest.FixtureRequest) -> User | None:
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("persona", "mfa", "list_status", "edit_here_status"),
    [
        ("anonymous", True, {302}, {302}),
        ("member", True, {403}, {403}),
        ("moderator", True, {403}, {403}),
        ("organiser_here", True, {200}, {200}),
        ("organiser_here", False, DENIED, DENIED),
        ("organiser_elsewhere", True, {200}, {403}),
        ("admin_user", True, {200}, {200}),
        ("admin_user", False, DENIED, DENIED),
    ],
)
def test_permission_matrix(
    persona: str,
    mfa: bool,
    list_status: set[int],
    edit_here_status: set[int],
    tree: Tree,
    client_for,
    request: pytest.FixtureRequest,
) -> None:
    client = client_for(_persona(persona, request), mfa=mfa)
    assert client.get(reverse("staff_places:list")).status_code in list_status
    edit = reverse("staff_places:edit", args=[tree.levenshulme.pk])
    assert client.get(edit).status_code in edit_here_status
    add_below = reverse("staff_places:add") + f"?parent={tree.manchester.pk}"
    assert client.get(add_below).status_code in edit_here_status
    retire = reverse("staff_places:retire", args=[tree.wythenshawe.pk])
    response = client.post(retire)
    tree.wythenshawe.refresh_from_db()
    if edit_here_status == {200}:
        assert response.status_code == 302
        assert tree.wythenshawe.is_retired
    else:
        assert response.status_code in edit_here_status
        assert not tree.wythenshawe.is_retired


def test_only_administrators_add_nations(
    client_for, organiser_here: User, admin_user: User
) -> None:
    assert client_for(organiser_here).get(reverse("staff_places:add")).status_code == 403
    assert client_for(admin_user).get(reverse("staff_places:add")).status_code == 200


def test_unknown_place_is_404(client_for, admin_user: User, tree: Tree) -> None:
    client = client_for(admin_user)
    assert client.get(reverse("staff_places:edit", args=[999999])).status_code == 404
    assert client.get(reverse("staff_places:add") + "?parent=abc").status_code == 404


def test_organiser_sees_only_their_places(
    client_for, organiser_here: User, tree: Tree, django_assert_max_num_queries
) -> None:
    client = client_for(organiser_here)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("staff_places:list")).content.decode()
    assert "Levenshulme" in page and "Wythenshawe" in page and "Manchester" in page
    assert "Leeds" not in page and "Yorkshire" not in page
    assert "Add a nation" not in page


def test_admin_list_query_count_does_not_grow_with_places(
    client_for, admin_user: User, tree: Tree, django_assert_max_num_queries
) -> None:
    for n in range(30):
        services.place_create(name=f"Ward {n}", level="neighbourhood", parent=tree.leeds)
    client = client_for(admin_user)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("staff_places:list")).content.decode()
    assert "Ward 29" in page and "Add a nation" in page


def test_organiser_adds_a_neighbourhood_under_their_city(
    client_for, organiser_here: User, tree: Tree
) -> None:
    client = client_for(organiser_here)
    response = client.post(
        reverse("staff_places:add"),
        {"parent": tree.manchester.pk, "name": "Hulme", "description": "South of the city centre."},
    )
    assert response.status_code == 302
    hulme = Place.objects.get(name="Hulme")
    assert hulme.parent == tree.manchester and hulme.level == "neighbourhood"
    assert hulme.path == f"{tree.manchester.path}{hulme.pk}/"
    assert hulme.description == "South of the city centre."
    assert AuditEvent.objects.filter(action="place_changed", target_id=str(hulme.pk)).exists()


def test_organiser_cannot_add_under_someone_elses_place(
    client_for, organiser_here: User, tree: Tree
) -> None:
    response = client_for(organiser_here).post(
        reverse("staff_places:add"), {"parent": tree.leeds.pk, "name": "Chapeltown"}
    )
    assert response.status_code == 403
    assert not Place.objects.filter(name="Chapeltown").exists()


def test_duplicate_name_is_refused_beside_the_field_and_keeps_what_was_typed(
    client_for, admin_user: User, tree: Tree
) -> None:
    response = client_for(admin_user).post(
        reverse("staff_places:add"),
        {"parent": tree.manchester.pk, "name": "levenshulme", "description": "Typed words"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is already a place called levenshulme there." in page
    assert "Typed words" in page
    assert Place.objects.filter(parent=tree.manchester).count() == 2


def test_empty_name_is_refused(client_for, admin_user: User, tree: Tree) -> None:
    response = client_for(admin_user).post(
        reverse("staff_places:edit", args=[tree.levenshulme.pk]),
        {"name": "  ", "description": "Still here"},
    )
    assert response.status_code == 400
    assert "Enter the place&#x27;s name." in response.content.decode()
    assert "Still here" in response.content.decode()


def test_edit_renames_and_keeps_the_address(client_for, organiser_here: User, tree: Tree) -> None:
    response = client_for(organiser_here).post(
        reverse("staff_places:edit", args=[tree.levenshulme.pk]),
        {"name": "Levenshulme and Burnage", "description": "Two neighbourhoods together."},
    )
    assert response.status_code == 302
    tree.levenshulme.refresh_from_db()
    assert tree.levenshulme.name == "Levenshulme and Burnage"
    assert tree.levenshulme.slug == "levenshulme"
    detail = client_for(None).get(reverse("places:detail", args=["levenshulme"]))
    assert "Two neighbourhoods together." in detail.content.decode()


def test_retiring_a_place_with_places_in_use_below_it_says_why(
    client_for, admin_user: User, tree: Tree
) -> None:
    client = client_for(admin_user)
    response = client.post(reverse("staff_places:retire", args=[tree.manchester.pk]), follow=True)
    tree.manchester.refresh_from_db()
    assert not tree.manchester.is_retired
    assert "still has places in use below it (Levenshulme, Wythenshawe)" in (
        response.content.decode()
    )


def test_retired_place_keeps_its_stories_and_page_but_is_not_offered(
    client_for, admin_user: User, tree: Tree, member: User
) -> None:
    from groundswell.core.testing.factories import StoryFactory

    story = StoryFactory(author=member, place=tree.wythenshawe)
    client_for(admin_user).post(reverse("staff_places:retire", args=[tree.wythenshawe.pk]))
    story.refresh_from_db()
    assert story.place_id == tree.wythenshawe.pk
    assert client_for(None).get(reverse("places:detail", args=["wythenshawe"])).status_code == 200
    index = client_for(None).get(reverse("places:index")).content.decode()
    assert "Wythenshawe" not in index and "Levenshulme" in index
    assert tree.wythenshawe not in Place.objects.current()
    # And it can come back.
    client_for(admin_user).post(
        reverse("staff_places:retire", args=[tree.wythenshawe.pk]), {"restore": "1"}
    )
    tree.wythenshawe.refresh_from_db()
    assert not tree.wythenshawe.is_retired


# --- the rule, without HTTP ---------------------------------------------------------------------


def test_scope_rule(tree: Tree, admin_user: User, moderator: User) -> None:
    here = grant_powers(make_organiser("scoped", tree.manchester))
    assert permissions.can_manage_place(here, tree.levenshulme)
    assert permissions.can_manage_place(here, tree.manchester)
    assert not permissions.can_manage_place(here, tree.north_west)
    assert not permissions.can_manage_place(here, tree.leeds)
    assert not permissions.can_manage_place(here, None)
    assert set(permissions.places_managed_by(here)) == {
        tree.manchester,
        tree.levenshulme,
        tree.wythenshawe,
    }
    assert permissions.can_manage_place(grant_powers(admin_user), tree.leeds)
    assert not permissions.can_manage_place(grant_powers(moderator), tree.leeds)


def test_without_a_verified_session_an_organiser_manages_nothing(tree: Tree) -> None:
    organiser = make_organiser("password_only", tree.manchester)
    assert not permissions.can_manage_place(organiser, tree.levenshulme)
    assert not permissions.places_managed_by(organiser).exists()


def test_organiser_places_set_is_audited_and_needs_an_administrator(
    tree: Tree, admin_user: User
) -> None:
    organiser = make_organiser("new_one")
    with pytest.raises(PermissionDenied):
        services.organiser_places_set(user=organiser, places=[tree.leeds], actor=organiser)
    services.organiser_places_set(
        user=organiser, places=[tree.leeds, tree.manchester], actor=grant_powers(admin_user)
    )
    assert [p.name for p in permissions.organiser_roots(organiser)] == ["Manchester", "Leeds"]
    event = AuditEvent.objects.get(action="organiser_places_set")
    assert event.details["to"] == sorted([tree.leeds.pk, tree.manchester.pk])


def test_places_only_for_organisers(tree: Tree, admin_user: User, member: User) -> None:
    with pytest.raises(ValidationError):
        services.organiser_places_set(
            user=member, places=[tree.leeds], actor=grant_powers(admin_user)
        )
