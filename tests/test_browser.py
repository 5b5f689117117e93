"""A person's walk through the pages in a real browser: buyer -> notice -> lot -> winner.

Headless Chromium (Debian ``chromium``, driven by Playwright) against ``create_app`` served by
uvicorn on a loopback port, over an embedded store holding the two seed notices. Screenshots of
each step go to ``tests/output/`` (gitignored) for a human to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ld_support import seed_store_on_disk

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("browser")]

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = ROOT / "tests" / "output"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUYER = "/id/organisation/siret/18007004700014"  # CHAMBRES D'AGRICULTURE FRANCE


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.endpoint_support import config_for, running_server

    store = seed_store_on_disk(tmp_path_factory.mktemp("browser") / "store")
    with running_server(config_for(store, max_concurrent_queries=1)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (.ci/system-deps.sh installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def test_buyer_to_notice_to_lot_to_winner(browser: object, base_url: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + BUYER)
    assert page.url.endswith("/page/organisation/siret/18007004700014")  # the 303 was followed
    assert page.locator("h1").inner_text() == "CHAMBRES D'AGRICULTURE FRANCE"
    assert "75008 PARIS" in page.locator("address").inner_text()
    page.screenshot(path=str(OUTPUT / "1-buyer.png"), full_page=True)

    page.get_by_role("link", name="Avis d'attribution de marché n° 25-103341").first.click()
    assert page.url.endswith("/page/notice/25-103341/01")
    assert page.locator("h1").inner_text() == "Avis d'attribution de marché n° 25-103341"
    page.screenshot(path=str(OUTPUT / "2-notice.png"), full_page=True)

    lots = page.locator("section", has=page.get_by_role("heading", name="Lots"))
    lots.get_by_role("link").first.click()
    assert "/lot/LOT-0001" in page.url
    page.screenshot(path=str(OUTPUT / "3-lot.png"), full_page=True)

    results = page.locator("section", has=page.get_by_role("heading", name="Résultats"))
    results.get_by_role("link", name="NXO FRANCE", exact=True).first.click()
    assert page.url.endswith("/page/organisation/siret/81193436300482")
    assert page.locator("h1").inner_text() == "NXO FRANCE"
    page.screenshot(path=str(OUTPUT / "4-winner.png"), full_page=True)
    page.close()


def test_pages_have_landmarks_labels_and_a_language(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    for path in (BUYER, "/search?q=agriculture"):
        page.goto(base_url + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
        assert page.get_by_label("Rechercher (nom, SIRET, code CPV, n° d'avis)").count() <= 1
    page.goto(base_url + "/search?q=agriculture")
    assert page.get_by_role("link", name="CHAMBRES D'AGRICULTURE FRANCE").count() >= 1
    page.screenshot(path=str(OUTPUT / "5-search.png"), full_page=True)
    page.close()
