"""The site's name, logo and colours: one owner, cached, and ended by a save."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from groundswell.sitepages import demo, identity, services
from groundswell.sitepages.context_processors import site
from groundswell.sitepages.logos import clean_logo

pytestmark = pytest.mark.django_db


def _identity(admin_user, **changes):
    kwargs = {"name": "Riverside", "tagline": "Sharing what helps", "brand": "#176b87"}
    kwargs |= {"brand_dark": "#0e4a60", **changes}
    return services.site_identity_save(actor=admin_user, **kwargs)


def test_a_fresh_site_uses_the_site_name_setting_and_the_stylesheets_colours(settings):
    settings.SITE_NAME = "Northside Health"
    identity.forget()  # the setting is read when the process starts
    current = identity.site_identity()
    assert current.name == "Northside Health"
    assert current.logo_url is None
    assert (current.brand, current.brand_dark) == ("#0b6e4f", "#07513a")


def test_a_save_is_seen_at_once(admin_user):
    assert identity.site_name() == "Groundswell"
    _identity(admin_user)
    assert identity.site_name() == "Riverside"
    _identity(admin_user, name="Riverside Health")
    assert identity.site_identity().name == "Riverside Health"


def test_the_context_processor_costs_no_query_once_warm(admin_user, django_assert_num_queries):
    _identity(admin_user)
    request = RequestFactory().get("/")
    site(request)  # warms this process's copy
    with django_assert_num_queries(0):
        context = site(request)
    assert context["SITE_NAME"] == "Riverside"
    assert context["SITE_TAGLINE"] == "Sharing what helps"
    assert (context["SITE_BRAND"], context["SITE_BRAND_DARK"]) == ("#176b87", "#0e4a60")
    assert context["SITE_LOGO_URL"] is None


def test_footer_pages_are_the_six_in_order_with_titles_as_written(written):
    pages = identity.footer_pages()
    assert [url for _, url in pages] == [
        "/pages/about/",
        "/pages/guidelines/",
        "/pages/privacy/",
        "/pages/terms/",
        "/pages/accessibility/",
        "/pages/contact/",
    ]
    assert pages[0][0] == "About us"  # not written yet: its usual title
    assert pages[1][0] == "Community guidelines"


def test_the_link_tag_prints_the_pages_own_title(admin_user):
    services.site_page_save(
        page_slug="privacy", title="How we use your data", body="Text.", note="", actor=admin_user
    )
    html = Template(
        '{% load sitepages %}{% site_page_link "privacy" %} '
        '{% site_page_link "guidelines" "our guidelines" %}'
    ).render(Context())
    assert html == (
        '<a href="/pages/privacy/">How we use your data</a> '
        '<a href="/pages/guidelines/">our guidelines</a>'
    )


def test_the_logo_is_served_with_a_policy_that_lets_nothing_run(admin_user, client):
    logo = clean_logo(SimpleUploadedFile("logo.svg", demo.LOGO.read_bytes()))
    _identity(admin_user, logo=logo)
    url = identity.site_identity().logo_url
    assert url is not None and url.endswith(".svg")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<svg" in b"".join(response.streaming_content)
    response.close()


def test_a_new_logo_replaces_the_old_file_and_address(
    admin_user, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _identity(admin_user, logo=clean_logo(SimpleUploadedFile("a.svg", demo.LOGO.read_bytes())))
    old = identity.site_identity().logo_url
    with django_capture_on_commit_callbacks(execute=True):
        _identity(admin_user, logo=clean_logo(SimpleUploadedFile("b.svg", demo.LOGO.read_bytes())))
    new = identity.site_identity().logo_url
    assert old != new
    assert client.get(old).status_code == 404
    response = client.get(new)
    response.close()
    assert response.status_code == 200


def test_no_logo_and_unknown_logo_are_404(client):
    assert client.get(reverse("sitepages:logo", args=["nothing.svg"])).status_code == 404


def test_the_demo_writes_six_pages_and_the_identity_once(admin_user):
    assert demo.load_site_pages(admin=admin_user) == 6
    assert demo.load_site_pages(admin=admin_user) == 0
    current = identity.site_identity()
    assert current.name == "Riverside Community Health Network"
    assert current.logo_url is not None
    assert [title for title, _ in identity.footer_pages()][2] == "Privacy notice"
