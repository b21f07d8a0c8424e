"""Open Referral in a real browser: an administrator checks a council's file with a bad record
(a dry run), then imports it from the staff screen, sees the bad record reported by its id with
the reason and the valid ones imported, and finds one on the community map's list and through the
read API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from groundswell.accounts.models import User
from groundswell.assets.models import Asset
from groundswell.e2e.tests.conftest import DESKTOP, MOBILE, save_screenshot
from groundswell.e2e.tests.test_accessibility import AXE_SCRIPT, BLOCKING, RUN_AXE
from groundswell.e2e.tests.test_trust_safety import log_in_with_mfa
from groundswell.openreferral.tests.conftest import oruk_service
from groundswell.places.testing import make_tree

pytestmark = pytest.mark.browser


def test_admin_imports_a_file_with_a_bad_record_from_the_staff_screen(
    browsing_factory: Any, admin_user: User, tmp_path: Path
) -> None:
    make_tree()
    good = [oruk_service("Chapeltown Lunch Club"), oruk_service("Seacroft Library")]
    bad = oruk_service("Mystery Service", taxonomy="Made-up Codes")
    path = tmp_path / "leeds-directory.json"
    path.write_text(json.dumps([*good, bad]))

    browsing = browsing_factory(DESKTOP)
    log_in_with_mfa(browsing, admin_user)
    browsing.context.add_init_script(path=AXE_SCRIPT)  # axe-core, for the check on the report
    page = browsing.new_page()
    page.goto(browsing.url("/staff/open-referral/"))
    expect(page.get_by_role("heading", name="Open Referral import", level=1)).to_be_visible()

    # A dry run first: the report, and nothing written.
    page.get_by_label("Open Referral file").set_input_files(str(path))
    page.get_by_label("Who published it").fill("Leeds City Council")
    page.get_by_label("Check the file only, and import nothing").check()
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="What this file would import")).to_be_visible()
    expect(page.locator("main")).to_contain_text("This was a check only: nothing was imported.")
    assert not Asset.objects.exists()

    # Then the import itself: the form kept what was typed, the check box included.
    expect(page.get_by_label("Who published it")).to_have_value("Leeds City Council")
    page.get_by_label("Check the file only, and import nothing").uncheck()
    page.get_by_label("Open Referral file").set_input_files(str(path))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="What was imported")).to_be_visible()
    rows = page.locator("#invalid-records tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(bad["id"])
    expect(rows.first).to_contain_text("unknown taxonomy Made-up Codes")
    report = page.locator(".import-report")
    expect(report).to_contain_text("Open Referral UK: Leeds City Council")
    violations = page.evaluate(RUN_AXE)["violations"]
    assert [v["id"] for v in violations if v["impact"] in BLOCKING] == []
    save_screenshot(page, "openreferral-import-report-1280")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "openreferral-import-report-390")
    assert sorted(Asset.objects.values_list("source_id", flat=True)) == sorted(
        record["id"] for record in good
    )

    # The imported service is public at once: its page and the read API show it.
    club = Asset.objects.get(source_id=good[0]["id"])
    visitor = browsing_factory(DESKTOP).new_page()
    visitor.goto(browsing.url(f"/assets/{club.slug}/"))
    expect(visitor.locator("main")).to_contain_text("Open Referral UK: Leeds City Council")
    response = visitor.request.get(browsing.url(f"/openreferral/services/{good[0]['id']}"))
    assert response.ok and response.headers["access-control-allow-origin"] == "*"
    assert response.json()["name"] == "Chapeltown Lunch Club"
