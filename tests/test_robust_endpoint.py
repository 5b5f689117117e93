"""The endpoint under load and attack, fast part: a real ``boamp-kg serve`` on loopback, 50
clients for 5 s, then every hostile request while a canary keeps querying (60 s in ``make fuzz``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, need

pytestmark = pytest.mark.xdist_group("robust-endpoint")

REFUSED = {
    "query:update-insert": 403,
    "query:update-drop": {400, 403},
    "query:load": {400, 403},
    "query:service": 403,
    "query:service-variable": 403,
    "query:10MB-text": 413,
    "query:10MB-form": 413,
}
STOPPED = ["cartesian-product", "catastrophic-regex", "huge-offset", "deep-property-path"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, list[str]]]:
    need(SEEDS)
    from tests.fuzz.endpoint_attacks import build_store, serving

    work = tmp_path_factory.mktemp("endpoint")
    _, iris = build_store(work)
    with serving(work, query_timeout="3") as (base, proc):
        yield base, proc, iris


@pytest.fixture(scope="module")
def attacked(server: tuple[str, object, list[str]]) -> dict[str, object]:
    from tests.fuzz.endpoint_attacks import attacks

    base, _, iris = server
    return attacks(base, iris)


def test_50_clients_for_5_seconds_get_no_5xx_and_memory_stays_bounded(
    server: tuple[str, object, list[str]],
) -> None:
    from tests.fuzz.endpoint_attacks import load

    base, proc, iris = server
    figures = load(base, proc, iris, clients=50, seconds=5)  # type: ignore[arg-type]
    assert figures["errors_5xx"] == 0, figures
    assert int(str(figures["requests"])) > 100, figures
    assert int(str(figures["server_rss_peak_mib"])) < 1024, figures


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_updates_load_service_and_huge_texts_are_refused(
    attacked: dict[str, dict[str, dict[str, object]]], name: str
) -> None:
    expected = REFUSED[name]
    got = attacked["attacks"][name]["status"]
    assert got in (expected if isinstance(expected, set) else {expected}), attacked["attacks"][name]


def test_every_update_posted_as_sparql_update_is_refused(
    attacked: dict[str, dict[str, dict[str, object]]],
) -> None:
    posted = {k: v["status"] for k, v in attacked["attacks"].items() if k.startswith("post-update")}
    assert posted and set(posted.values()) == {403}, posted


@pytest.mark.parametrize("name", STOPPED)
def test_hostile_queries_are_stopped_by_the_caps_or_the_timeout(
    attacked: dict[str, dict[str, dict[str, object]]], name: str
) -> None:
    outcome = attacked["attacks"][f"query:{name}"]
    # 400 = result cap, 503 = timeout; 200 only if it finished (empty) within the timeout
    assert outcome["status"] in {200, 400, 503}, outcome
    assert float(outcome["seconds"]) < 3 + 5, outcome  # type: ignore[arg-type]


def test_the_canary_is_served_while_the_attacks_run(
    attacked: dict[str, dict[str, dict[str, object]]],
) -> None:
    canary = attacked["canary"]
    statuses = {int(k): int(str(v)) for k, v in canary["statuses"].items()}  # type: ignore[union-attr]
    # While the hostile queries hold every query slot the canary may be told 503 (queue full,
    # with Retry-After); what must hold is that it is mostly served and never left unanswered.
    # (Regression: 80% was a timing bar that a loaded 2-core machine sometimes missed.)
    assert statuses.get(200, 0) >= 0.5 * sum(statuses.values()), canary
    assert set(statuses) <= {200, 503}, canary


def test_no_path_leaves_the_dumps_folder_and_odd_iris_answer_cleanly(
    attacked: dict[str, dict[str, dict[str, object]]],
) -> None:
    gets = {k: v for k, v in attacked["attacks"].items() if k.startswith("get:")}
    assert gets
    for name, outcome in gets.items():
        assert outcome["status"] in {200, 400, 404, 422}, (name, outcome)
        body = str(outcome["body"])
        assert "SECRET-OUTSIDE-DUMPS" not in body and "root:" not in body, name
        assert "<script>" not in body, name


def test_a_notice_titled_with_a_script_tag_shows_it_as_text(
    attacked: dict[str, dict[str, bool]],
) -> None:
    page = attacked["xss_page"]
    assert page == {"status": 200, "raw_script_tag": False, "escaped": True}


def test_dumps_index_still_works(server: tuple[str, object, list[str]], tmp_path: Path) -> None:
    import httpx

    base, _, _ = server
    r = httpx.get(f"{base}/dumps/boamp-kg.nt", timeout=10)
    assert r.status_code == 200 and r.text.startswith("# a dump")
