"""Help lines in the database: the one cached selector, local lines, and the staff screen."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import StoryFactory
from groundswell.places.models import Place
from groundswell.places.testing import Tree, grant_powers
from groundswell.safeguarding import helplines, services
from groundswell.safeguarding.helplines import helplines_for
from groundswell.safeguarding.models import Helpline
from groundswell.stories.models import Status

CRISIS_BODY = "Since the redundancy I haven't slept. Some nights I just want to die."


@pytest.fixture
def local_line(tree: Tree) -> Helpline:
    return Helpline.objects.create(
        name="Manchester Crisis Cafe",
        contact="Call 0161 000 0000",
        description="Evenings, 6pm to midnight.",
        place=tree.manchester,
        order=5,
    )


def names(lines: list[helplines.Line]) -> list[str]:
    return [line.name for line in lines]


# --- the selector -------------------------------------------------------------------------------


def test_the_migration_seeded_the_uk_help_lines(db: None) -> None:
    assert names(helplines_for(None)) == [
        "Emergency services",
        "NHS 111",
        "Samaritans",
        "Shout",
        "National Domestic Abuse Helpline",
    ]


def test_a_local_line_is_shown_in_its_place_and_below_as_well_as_the_national_ones(
    tree: Tree, local_line: Helpline
) -> None:
    in_levenshulme = names(helplines_for(tree.levenshulme.pk))
    assert in_levenshulme[0] == "Manchester Crisis Cafe"  # order 5, before the national 10-50
    assert "Samaritans" in in_levenshulme and len(in_levenshulme) == 6
    assert "Manchester Crisis Cafe" in names(helplines_for(tree.manchester.pk))
    assert "Manchester Crisis Cafe" not in names(helplines_for(tree.leeds.pk))
    assert "Manchester Crisis Cafe" not in names(helplines_for(tree.north_west.pk))
    assert "Manchester Crisis Cafe" not in names(helplines_for(None))


def test_a_warm_read_costs_no_query(
    tree: Tree, local_line: Helpline, django_assert_num_queries
) -> None:
    helplines_for(tree.levenshulme.pk)
    with django_assert_num_queries(0):
        assert "Manchester Crisis Cafe" in names(helplines_for(tree.levenshulme.pk))
        helplines_for(None)


def test_a_change_on_the_staff_screen_is_shown_at_once(
    tree: Tree, local_line: Helpline, admin_user: User, django_capture_on_commit_callbacks
) -> None:
    helplines_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        services.helpline_save(
            line=local_line,
            data={
                "name": "Manchester Crisis Cafe",
                "contact": "Call 0161 000 0000",
                "place": tree.manchester,
                "order": 5,
                "is_active": False,
            },
            actor=grant_powers(admin_user),
        )
    assert "Manchester Crisis Cafe" not in names(helplines_for(tree.levenshulme.pk))
    assert AuditEvent.objects.filter(action="helpline_changed").exists()


def test_with_no_national_line_in_the_database_the_settings_ones_are_shown(
    db: None, settings
) -> None:
    Helpline.objects.update(is_active=False)
    caches["local"].clear()
    settings.SAFEGUARDING_HELPLINES = [
        {"name": "Lifeline", "contact": "Call 0808 808 8000", "description": "NI crisis line."}
    ]
    assert names(helplines_for(None)) == ["Lifeline"]


def test_the_publish_page_shows_the_line_for_the_storys_place(
    client_for, owner: User, tree: Tree, local_line: Helpline
) -> None:
    story = StoryFactory(
        author=owner,
        status=Status.DRAFT,
        published_at=None,
        body=CRISIS_BODY,
        place=tree.wythenshawe,
    )
    html = client_for(owner).get(reverse("stories:publish", args=[story.pk])).content.decode()
    assert "Manchester Crisis Cafe" in html and "Call 0161 000 0000" in html
    assert "Call 116 123" in html


# --- the staff screen ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "mfa", "list_status", "local_status", "national_status"),
    [
        ("anonymous", True, {302}, {302}, {302}),
        ("member", True, {403}, {403}, {403}),
        ("moderator", True, {403}, {403}, {403}),
        ("organiser_here", True, {200}, {200}, {403}),
        ("organiser_here", False, {302, 403}, {302, 403}, {302, 403}),
        ("organiser_elsewhere", True, {200}, {403}, {403}),
        ("admin_user", True, {200}, {200}, {200}),
        ("admin_user", False, {302, 403}, {302, 403}, {302, 403}),
    ],
)
def test_permission_matrix(
    persona: str,
    mfa: bool,
    list_status: set[int],
    local_status: set[int],
    national_status: set[int],
    local_line: Helpline,
    client_for,
    request: pytest.FixtureRequest,
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user, mfa=mfa)
    national = Helpline.objects.get(name="Samaritans")
    assert client.get(reverse("staff_helplines:list")).status_code in list_status
    assert client.get(reverse("staff_helplines:add")).status_code in list_status
    assert (
        client.get(reverse("staff_helplines:edit", args=[local_line.pk])).status_code
        in local_status
    )
    assert (
        client.get(reverse("staff_helplines:edit", args=[national.pk])).status_code
        in national_status
    )


def test_list_shows_an_organiser_their_lines_and_the_national_ones(
    client_for,
    organiser_here: User,
    local_line: Helpline,
    tree: Tree,
    django_assert_max_num_queries,
) -> None:
    Helpline.objects.create(name="Leeds Survivor Led Crisis", contact="Call 0113", place=tree.leeds)
    client = client_for(organiser_here)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("staff_helplines:list")).content.decode()
    assert "Manchester Crisis Cafe" in page and "Samaritans" in page
    assert "Leeds Survivor Led Crisis" not in page


def test_organiser_adds_a_line_for_their_neighbourhood(
    client_for, organiser_here: User, tree: Tree
) -> None:
    response = client_for(organiser_here).post(
        reverse("staff_helplines:add"),
        {
            "name": "Wythenshawe Safe Space",
            "contact": "Walk in at the Forum, or call 0161 111 1111",
            "description": "Fridays and Saturdays, 7pm to 2am.",
            "place": tree.wythenshawe.pk,
            "order": 20,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    line = Helpline.objects.get(name="Wythenshawe Safe Space")
    assert line.place == tree.wythenshawe
    assert "Wythenshawe Safe Space" in names(helplines_for(tree.wythenshawe.pk))


def test_organiser_must_choose_one_of_their_places_and_keeps_what_they_typed(
    client_for, organiser_here: User, tree: Tree
) -> None:
    client = client_for(organiser_here)
    data = {"name": "Somewhere line", "contact": "Call 0800 000", "order": 20}
    response = client.post(reverse("staff_helplines:add"), data)
    assert response.status_code == 400
    assert "Choose the place this help line is for." in response.content.decode()
    assert "Somewhere line" in response.content.decode()
    response = client.post(reverse("staff_helplines:add"), {**data, "place": tree.leeds.pk})
    assert response.status_code == 400
    assert "Choose one of the places you look after." in response.content.decode()
    assert not Helpline.objects.filter(name="Somewhere line").exists()


def test_duplicate_name_in_the_same_place_is_refused(
    client_for, admin_user: User, db: None
) -> None:
    response = client_for(admin_user).post(
        reverse("staff_helplines:add"),
        {"name": "samaritans", "contact": "Call 116 123", "order": 10, "is_active": "on"},
    )
    assert response.status_code == 400
    assert "There is already a help line called samaritans there." in response.content.decode()


def test_bad_order_is_refused_beside_the_field(client_for, admin_user: User, db: None) -> None:
    response = client_for(admin_user).post(
        reverse("staff_helplines:add"), {"name": "X line", "contact": "Call 1", "order": "soon"}
    )
    assert response.status_code == 400
    assert "Enter a number from 0 to 999." in response.content.decode()


def test_editing_a_line_in_a_retired_place_keeps_it_there(
    client_for, admin_user: User, local_line: Helpline, tree: Tree
) -> None:
    """A retired place is not offered for a new line, but a line already there is not moved
    to the whole country just because its form was saved."""
    Place.objects.filter(pk=tree.manchester.pk).update(retired_at=timezone.now())
    client = client_for(admin_user)
    new_form = client.get(reverse("staff_helplines:add")).content.decode()
    assert f'value="{tree.manchester.pk}"' not in new_form
    url = reverse("staff_helplines:edit", args=[local_line.pk])
    assert f'value="{tree.manchester.pk}" selected' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": local_line.name,
            "contact": local_line.contact,
            "description": "Evenings, 5pm to midnight.",
            "place": tree.manchester.pk,
            "order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    local_line.refresh_from_db()
    assert local_line.place == tree.manchester
    assert local_line.description == "Evenings, 5pm to midnight."
