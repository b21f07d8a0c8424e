"""The pages as people see them, and the administrators' screens: who may open what, and what
they notice."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.moderation.testing import give_totp
from groundswell.sitepages import identity, services
from groundswell.sitepages.models import SiteIdentity, SitePage, SitePageRevision

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "moderator", "organiser", "admin_user"]


def _statuses(**by_persona: int) -> dict[str, int]:
    default = by_persona.pop("default")
    return {p: by_persona.get(p, default) for p in PERSONAS}


EVERYONE = _statuses(default=200)
ADMINS_SEE = _statuses(default=403, anonymous=302, admin_user=200)
ADMINS_ACT = _statuses(default=403, anonymous=302, admin_user=302)
IDENTITY_FORM = {"name": "Riverside", "tagline": "", "brand": "#176b87", "brand_dark": "#0e4a60"}

# (name, method, url builder, data, expected by persona)
MATRIX: list[tuple[str, str, Any, dict[str, str], dict[str, int]]] = [
    ("page written", "get", lambda r: reverse("sitepages:page", args=["guidelines"]), {}, EVERYONE),
    ("page not written", "get", lambda r: reverse("sitepages:page", args=["terms"]), {}, EVERYONE),
    (
        "unknown page",
        "get",
        lambda r: reverse("sitepages:page", args=["blog"]),
        {},
        _statuses(default=404),
    ),
    ("staff list", "get", lambda r: reverse("sitepages:staff_pages"), {}, ADMINS_SEE),
    (
        "edit",
        "get",
        lambda r: reverse("sitepages:staff_page_edit", args=["guidelines"]),
        {},
        ADMINS_SEE,
    ),
    (
        "edit save",
        "post",
        lambda r: reverse("sitepages:staff_page_edit", args=["guidelines"]),
        {"title": "Guidelines", "body": "Be kind.", "note": "", "action": "save"},
        ADMINS_ACT,
    ),
    (
        "history",
        "get",
        lambda r: reverse("sitepages:staff_page_history", args=["guidelines"]),
        {},
        ADMINS_SEE,
    ),
    (
        "revision",
        "get",
        lambda r: reverse("sitepages:staff_revision", args=["guidelines", r.pk]),
        {},
        ADMINS_SEE,
    ),
    (
        "restore",
        "post",
        lambda r: reverse("sitepages:staff_revision_restore", args=["guidelines", r.pk]),
        {},
        ADMINS_ACT,
    ),
    ("identity", "get", lambda r: reverse("sitepages:staff_identity"), {}, ADMINS_SEE),
    (
        "identity save",
        "post",
        lambda r: reverse("sitepages:staff_identity"),
        {**IDENTITY_FORM, "action": "save"},
        ADMINS_ACT,
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(
    request, client_for, written, persona, name, method, url, data, expected
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if persona == "organiser":
        # Organisers use other staff screens with two-step sign-in: signed in that way, they are
        # still refused these.
        give_totp(user)
    response = getattr(client_for(user), method)(url(written), data)
    assert response.status_code == expected[persona], (name, persona)
    if expected[persona] == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_an_administrator_who_has_not_entered_a_code_is_asked_for_one(client_for, admin_user):
    response = client_for(admin_user, mfa=False).get(reverse("sitepages:staff_pages"))
    assert response.status_code == 302
    assert "/mfa/" in response["Location"] or "/2fa/" in response["Location"]


def test_anyone_reads_a_page_with_its_date(client, written, django_assert_max_num_queries):
    identity.site_identity()  # as every process has it, warm
    with django_assert_max_num_queries(3):
        response = client.get(reverse("sitepages:page", args=["guidelines"]))
    html = response.text
    assert "<h1>Community guidelines</h1>" in html
    assert "<h2>1. Be kind</h2>" in html
    assert "Last updated <time" in html
    assert f"{written.created_at:%-d %B %Y}</time>" in html
    assert "Edit this page" not in html


def test_a_page_nobody_wrote_says_so_instead_of_404(client):
    response = client.get(reverse("sitepages:page", args=["accessibility"]))
    assert response.status_code == 200
    assert "<h1>Accessibility statement</h1>" in response.text
    assert "This page has not been written yet." in response.text


def test_members_page_costs_few_queries_and_admins_get_an_edit_link(
    client_for, member, admin_user, written, django_assert_max_num_queries
):
    client = client_for(member)
    client.get(reverse("sitepages:page", args=["guidelines"]))  # warm the site's identity
    with django_assert_max_num_queries(8):
        client.get(reverse("sitepages:page", args=["guidelines"]))
    html = client_for(admin_user).get(reverse("sitepages:page", args=["guidelines"])).text
    assert "Edit this page" in html


def test_staff_list_shows_every_page_and_costs_few_queries(
    client_for, admin_user, written, django_assert_max_num_queries
):
    client = client_for(admin_user)
    client.get(reverse("sitepages:staff_pages"))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("sitepages:staff_pages")).text
    for label in ("About us", "Privacy notice", "Terms of use", "Contact us"):
        assert label in html
    assert "not written yet" in html
    assert "by Ada Admin" in html


def test_preview_shows_the_page_and_saves_nothing(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("sitepages:staff_page_edit", args=["about"]),
        {"title": "About us", "body": "## Who we are\n\nNeighbours.", "action": "preview"},
    )
    assert response.status_code == 200
    assert "Preview: not saved yet" in response.text
    assert "<h2>Who we are</h2>" in response.text
    assert not SitePage.objects.exists()


def test_saving_twice_makes_one_version(client_for, admin_user):
    client = client_for(admin_user)
    form = {"title": "About us", "body": "Neighbours.", "note": "First", "action": "save"}
    url = reverse("sitepages:staff_page_edit", args=["about"])
    assert client.post(url, form).status_code == 302
    response = client.post(url, form, follow=True)
    assert "Nothing changed" in response.text
    assert SitePageRevision.objects.count() == 1


def test_an_empty_page_is_refused_beside_the_field_and_keeps_the_title(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("sitepages:staff_page_edit", args=["about"]),
        {"title": "About the network", "body": "   ", "action": "save"},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Write the page&#x27;s text." in response.text
    assert 'value="About the network"' in response.text
    assert not SitePage.objects.exists()


def test_history_names_who_changed_what_and_restores(client_for, admin_user, written):
    services.site_page_save(
        page_slug="guidelines", title="Guidelines", body="Oops.", note="Trimmed", actor=admin_user
    )
    client = client_for(admin_user)
    html = client.get(reverse("sitepages:staff_page_history", args=["guidelines"])).text
    assert "Trimmed" in html and "First version" in html and "Ada Admin" in html
    assert html.count("Put this version back") == 1  # not offered for what the page says now
    response = client.post(
        reverse("sitepages:staff_revision_restore", args=["guidelines", written.pk]), follow=True
    )
    assert "Restored." in response.text
    assert SitePage.objects.get().body == written.body


def test_a_revision_of_another_page_is_404(client_for, admin_user, written):
    url = reverse("sitepages:staff_revision", args=["about", written.pk])
    assert client_for(admin_user).get(url).status_code == 404


def test_identity_refusal_names_the_ratio_and_previews_the_colours(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("sitepages:staff_identity"),
        {**IDENTITY_FORM, "brand": "#7fb3d5", "action": "save"},
    )
    assert response.status_code == 400
    html = response.text
    assert "contrast ratio of 2.2:1" in html
    assert "There is a problem" in html
    assert 'fill="#7fb3d5"' in html  # the sample header in the colour entered
    assert "too faint" in html
    assert 'value="Riverside"' in html
    assert not SiteIdentity.objects.exists()


def test_identity_preview_saves_nothing(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("sitepages:staff_identity"), {**IDENTITY_FORM, "action": "preview"}
    )
    assert response.status_code == 200
    assert 'fill="#0e4a60"' in response.text
    assert not SiteIdentity.objects.exists()


def test_identity_save_with_an_unsafe_svg_is_refused(client_for, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    logo = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    response = client_for(admin_user).post(
        reverse("sitepages:staff_identity"), {**IDENTITY_FORM, "action": "save", "logo": logo}
    )
    assert response.status_code == 400
    assert "can&#x27;t show safely" in response.text
    assert not SiteIdentity.objects.exists()


def test_every_page_shows_the_new_name_once_saved(client, client_for, admin_user, site_context):
    response = client_for(admin_user).post(
        reverse("sitepages:staff_identity"), {**IDENTITY_FORM, "action": "save"}, follow=True
    )
    assert "Saved." in response.text
    assert identity.site_name() == "Riverside"
    html = client.get(reverse("sitepages:page", args=["about"])).text
    assert "<title>About us · Riverside</title>" in html


def test_staff_screens_are_in_the_menu_for_administrators_only(client_for, admin_user, moderator):
    html = client_for(admin_user).get(reverse("sitepages:staff_pages")).text
    assert "Site name, logo and colours" in html
    queue = client_for(moderator).get(reverse("moderation:queue")).text
    assert "Site name, logo and colours" not in queue
