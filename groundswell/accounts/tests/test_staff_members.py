"""Members and roles: administrators find members, change their role, give organisers places."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groundswell.accounts import services
from groundswell.accounts.models import SiteRole, User
from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.notifications.models import Notification
from groundswell.places.models import OrganiserPlace
from groundswell.places.testing import Tree, grant_powers, make_organiser, make_tree


@pytest.fixture
def tree(db: None) -> Tree:
    return make_tree()


@pytest.fixture
def organiser(tree: Tree) -> User:
    return make_organiser("ola_organiser", tree.manchester)


@pytest.fixture
def person(db: None) -> User:
    return UserFactory(username="priya", display_name="Priya Shah", email="priya@example.org")


@pytest.mark.parametrize(
    ("persona", "mfa", "expected"),
    [
        ("anonymous", True, {302}),
        ("member", True, {403}),
        ("organiser", True, {403}),
        ("moderator", True, {403}),
        ("admin_user", True, {200}),
        ("admin_user", False, {302, 403}),
    ],
)
def test_permission_matrix(
    persona: str,
    mfa: bool,
    expected: set[int],
    person: User,
    tree: Tree,
    client_for,
    request: pytest.FixtureRequest,
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user, mfa=mfa)
    assert client.get(reverse("staff_members:list")).status_code in expected
    assert client.get(reverse("staff_members:detail", args=[person.handle])).status_code in expected
    role = client.post(reverse("staff_members:role", args=[person.handle]), {"role": "organiser"})
    places = client.post(
        reverse("staff_members:places", args=[person.handle]), {"places": [tree.leeds.pk]}
    )
    person.refresh_from_db()
    if expected == {200}:
        assert role.status_code == 302 and person.site_role == SiteRole.ORGANISER
        assert places.status_code == 302
    else:
        assert role.status_code in expected and places.status_code in expected
        assert person.site_role == SiteRole.MEMBER
        assert not OrganiserPlace.objects.filter(user=person).exists()


def test_search_by_name_handle_or_email(client_for, admin_user: User, person: User) -> None:
    UserFactory(display_name="Someone Else", email="else@example.org")
    client = client_for(admin_user)
    for term in ("priya", "SHAH", person.handle, f"@{person.handle}", "priya@example"):
        page = client.get(reverse("staff_members:list"), {"q": term}).content.decode()
        assert "Priya Shah" in page and "Someone Else" not in page, term
    nobody = client.get(reverse("staff_members:list"), {"q": "zzz"}).content.decode()
    assert "Nobody matches" in nobody


def test_list_shows_staff_by_default_and_no_health_data(
    client_for, admin_user: User, person: User, organiser: User, django_assert_max_num_queries
) -> None:
    StoryFactory(author=organiser, topics=[TopicFactory(name="Menopause", slug="menopause")])
    for n in range(30):
        UserFactory(site_role=SiteRole.MODERATOR, display_name=f"Mod {n}")
    client = client_for(admin_user)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("staff_members:list")).content.decode()
    assert "Ola Organiser" in page and "Mod 29" in page and "Priya Shah" not in page
    detail = client.get(reverse("staff_members:detail", args=[organiser.handle])).content.decode()
    assert "Menopause" not in detail and "What helped me" not in detail


def test_detail_query_count(
    client_for, admin_user: User, organiser: User, django_assert_max_num_queries
) -> None:
    client = client_for(admin_user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("staff_members:detail", args=[organiser.handle]))
    assert "Manchester" in page.content.decode()


def test_role_change_is_audited_and_told_to_the_person(
    client_for, admin_user: User, person: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            reverse("staff_members:role", args=[person.handle]), {"role": "moderator"}
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.site_role == SiteRole.MODERATOR and not person.is_staff
    event = AuditEvent.objects.get(action="role_changed", target_id=str(person.pk))
    assert event.details == {"from": "member", "to": "moderator"}
    note = Notification.objects.get(recipient=person, type_key="site_role_changed")
    assert "Moderator" in note.target_label


def test_you_cannot_change_your_own_role(client_for, admin_user: User) -> None:
    client = client_for(admin_user)
    page = client.get(reverse("staff_members:detail", args=[admin_user.handle])).content.decode()
    assert "change your own role. Ask another administrator." in page
    response = client.post(
        reverse("staff_members:role", args=[admin_user.handle]), {"role": "member"}
    )
    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.site_role == SiteRole.ADMIN


def test_the_last_administrator_cannot_be_removed(admin_user: User) -> None:
    """Two administrators demoting each other at the same moment: the second finds that the
    first is the last one left, and is refused (every administrator row is locked first)."""
    other = UserFactory(site_role=SiteRole.ADMIN, is_superuser=True, is_staff=True)
    first, second = grant_powers(admin_user), grant_powers(User.objects.get(pk=other.pk))
    services.user_role_set(user=other, role=SiteRole.MEMBER, actor=first)
    # `second` still believes it is an administrator (its request began before the change).
    with pytest.raises(ValidationError, match="last administrator"):
        services.user_role_set(user=admin_user, role=SiteRole.MEMBER, actor=second)
    admin_user.refresh_from_db()
    assert admin_user.site_role == SiteRole.ADMIN and admin_user.is_superuser


def test_administrator_role_gives_the_django_admin_and_demotion_takes_it_away(
    admin_user: User, person: User
) -> None:
    actor = grant_powers(admin_user)
    services.user_role_set(user=person, role=SiteRole.ADMIN, actor=actor)
    person.refresh_from_db()
    assert person.is_staff and person.is_superuser
    services.user_role_set(user=person, role=SiteRole.MEMBER, actor=actor)
    person.refresh_from_db()
    assert (person.site_role, person.is_staff, person.is_superuser) == (
        SiteRole.MEMBER,
        False,
        False,
    )


@pytest.mark.parametrize("persona", ["moderator", "organiser", "member", "admin_user"])
def test_only_administrators_with_two_step_sign_in_change_roles(
    persona: str, person: User, request: pytest.FixtureRequest
) -> None:
    """Even an administrator needs a two-step-verified session (no powers granted here)."""
    with pytest.raises(PermissionDenied):
        services.user_role_set(
            user=person, role=SiteRole.ADMIN, actor=request.getfixturevalue(persona)
        )
    person.refresh_from_db()
    assert person.site_role == SiteRole.MEMBER


def test_an_unchanged_role_is_not_logged(admin_user: User, person: User) -> None:
    services.user_role_set(user=person, role=SiteRole.MEMBER, actor=grant_powers(admin_user))
    assert not AuditEvent.objects.filter(action="role_changed").exists()


def test_bad_role_is_refused(client_for, admin_user: User, person: User) -> None:
    response = client_for(admin_user).post(
        reverse("staff_members:role", args=[person.handle]), {"role": "emperor"}
    )
    assert response.status_code == 400
    assert "Choose a role." in response.content.decode()


def test_demoting_an_organiser_takes_their_places_away(
    client_for, admin_user: User, organiser: User
) -> None:
    client_for(admin_user).post(
        reverse("staff_members:role", args=[organiser.handle]), {"role": "member"}
    )
    assert not OrganiserPlace.objects.filter(user=organiser).exists()
    event = AuditEvent.objects.get(action="role_changed", target_id=str(organiser.pk))
    assert event.details["places_removed"]


def test_giving_an_organiser_places_is_told_to_them(
    client_for, admin_user: User, organiser: User, tree: Tree, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            reverse("staff_members:places", args=[organiser.handle]),
            {"places": [tree.levenshulme.pk, tree.leeds.pk]},
        )
    assert response.status_code == 302
    assert set(OrganiserPlace.objects.filter(user=organiser).values_list("place", flat=True)) == {
        tree.levenshulme.pk,
        tree.leeds.pk,
    }
    note = Notification.objects.get(recipient=organiser, type_key="organiser_places_changed")
    assert "Levenshulme" in note.target_label and "Leeds" in note.target_label


def test_places_for_someone_who_is_not_an_organiser_are_refused(
    client_for, admin_user: User, person: User, tree: Tree
) -> None:
    response = client_for(admin_user).post(
        reverse("staff_members:places", args=[person.handle]), {"places": [tree.leeds.pk]}
    )
    assert response.status_code == 400
    assert "Make this person an organiser first." in response.content.decode()


def test_unknown_member_is_404(client_for, admin_user: User) -> None:
    assert (
        client_for(admin_user).get(reverse("staff_members:detail", args=["nobody"])).status_code
        == 404
    )
