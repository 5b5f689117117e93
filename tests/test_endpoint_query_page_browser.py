"""The query page in a real browser: one click on an example runs it and shows its rows.

Headless Chromium (Debian ``chromium``, driven by Playwright) against the endpoint under uvicorn
over the two seed notices. With the YASGUI build vendored (``make assets``) the click goes
through YASGUI; without it, through the plain form. Screenshots go to ``tests/output/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from endpoint.query_page import has_yasgui
from tests.conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = ROOT / "tests" / "output"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.endpoint_support import config_for, running_server
    from tests.ld_support import seed_store_on_disk

    store = seed_store_on_disk(tmp_path_factory.mktemp("query-page") / "store")
    with running_server(config_for(store)) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[object]:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (.ci/system-deps.sh installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        yield tab
        browser.close()


def test_one_click_runs_an_example(page: object, base_url: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    if has_yasgui():
        page.get_by_role("button", name="Top buyers by number of notices").click()  # type: ignore[attr-defined]
        results = page.locator(".yasr")  # type: ignore[attr-defined]
        results.get_by_text("CHAMBRES D'AGRICULTURE FRANCE").first.wait_for(timeout=20_000)
        assert "CAP Territoires (60)" in results.inner_text()
        buyer = results.get_by_role(
            "link", name="organisation/siret/18007004700014", exact=False
        ).first
        assert buyer.get_attribute("href") == base_url + "/id/organisation/siret/18007004700014"
    else:
        page.get_by_role("link", name="Top buyers by number of notices").click()  # type: ignore[attr-defined]
        assert "epo:Buyer" in page.locator("textarea#query").input_value()  # type: ignore[attr-defined]
    page.screenshot(path=str(OUTPUT / "query-page.png"), full_page=True)  # type: ignore[attr-defined]
