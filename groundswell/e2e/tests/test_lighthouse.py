"""Lighthouse (mobile, its default configuration) on the pages most people land on: home, search
results and sign-up. Accessibility must score 100 and best practices 95 or more.

Lighthouse is the Node CLI pinned in package.json (`npm ci --no-audit --no-fund` installs it), run
against the live test server with Debian's Chromium. Reports go to artifacts/lighthouse/<page>.json
(open one in https://googlechrome.github.io/lighthouse/viewer/ or read it as JSON); a failure
lists the audits that lost points, and the elements they found, so a person can act on them.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from .conftest import CHROMIUM, Community

pytestmark = pytest.mark.browser

BASE_DIR = Path(django_settings.BASE_DIR)
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORT_DIR = BASE_DIR / "artifacts" / "lighthouse"
INSTALL = "npm ci --no-audit --no-fund"
# Lighthouse's own limit for loading a page is 45 s; a shared 2-core machine needs the rest.
RUN_TIMEOUT_S = 300
TARGETS = {"accessibility": 100, "best-practices": 95}
PAGES = {
    "home": "/",
    "search": "/search/?q=carers",
    "signup": "/accounts/signup/",
}


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
        f"--only-categories={','.join(TARGETS)}",
        "--output=json",
        f"--output-path={report}",
    ]
    done = subprocess.run(  # noqa: S603 (our own pinned tool, arguments from this file)
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0 or not report.exists():
        pytest.fail(
            f"Lighthouse could not check {url} (exit {done.returncode}):\n"
            f"{done.stderr[-3000:]}{done.stdout[-1000:]}"
        )
    result: dict[str, Any] = json.loads(report.read_text())
    return result


def failing_audits(result: dict[str, Any], category: str) -> list[str]:
    """The audits that cost this category points, with up to three of the elements each found."""
    audits = result["audits"]
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        line = f"  - {audit['title']} [{ref['id']}]"
        items = (audit.get("details") or {}).get("items") or []
        found = []
        for item in items[:3]:
            node = item.get("node") or {}
            found.append(
                node.get("selector") or item.get("description") or item.get("url") or str(item)
            )
        if found:
            line += ": " + "; ".join(str(f)[:160] for f in found)
        lines.append(line)
    return lines


def test_lighthouse_is_installed() -> None:
    assert LIGHTHOUSE.exists(), (
        f"Lighthouse is not installed at {LIGHTHOUSE.relative_to(BASE_DIR)}: run `{INSTALL}` in "
        f"{BASE_DIR} (it installs the version pinned in package-lock.json)."
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_mobile_scores(live_server: Any, community: Community, name: str) -> None:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"Lighthouse is not installed: run `{INSTALL}` in {BASE_DIR}.")
    url = live_server.url + PAGES[name]
    result = run_lighthouse(url, REPORT_DIR / f"{name}.json")
    assert result["configSettings"]["formFactor"] == "mobile"
    problems = []
    for category, target in TARGETS.items():
        score = result["categories"][category]["score"]
        shown = round(score * 100) if score is not None else None
        if shown is None or shown < target:
            problems.append(
                f"{result['categories'][category]['title']}: {shown}, needs {target} or more"
            )
            problems += failing_audits(result, category)
    assert problems == [], f"Lighthouse on {name} ({url}):\n" + "\n".join(problems)
