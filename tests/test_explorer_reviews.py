"""The analysts' alignment reviews in the explorer (issue 18): accepted and rejected task links
marked on the implements link and in the side panel, in a real Chromium, from a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import open_store
from kg.cli import cli
from queries.explore import explore
from tests.test_explorer_browser import SEEDS, Visit, browser  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside")]


def _run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.output


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The seeds loaded and aligned; one proposed link accepted, another of the same plan
    rejected (with a hostile note), the page written by `kg explore`."""
    work = tmp_path_factory.mktemp("reviews")
    store = str(work / "kg.lbdb")
    _run("--store", store, "load", *map(str, sorted(SEEDS.glob("*.txt"))))
    s = open_store(store, read_only=True)
    try:
        g = explore(s)
    finally:
        s.close()
    plan, task, links = next((n, t, t["aligns"]) for n, d in g.nodes(data=True)
                             for t in d["tasks"] if len(t["aligns"]) >= 2)
    accepted, rejected = links[0], links[1]
    _run("--store", store, "align", "accept", task["uid"], accepted["central"], "--by", "An",
         "--note", "<img src=x onerror=alert(1)>")
    _run("--store", store, "align", "reject", task["uid"], rejected["central"], "--by", "Bình")
    out = work / "explorer.html"
    _run("--store", store, "explore", "--out", str(out))
    return out, {"plan": plan, "central_doc": accepted["document"], "label": task["label"],
                 "words": ", ".join(accepted["words"])}


def test_verdicts_show_on_the_link_and_in_the_panel(browser, reviewed):  # noqa: F811
    path, ids = reviewed
    v = Visit(browser, path).ready()
    page = v.page
    edge = f"{ids['plan']}->{ids['central_doc']}"
    assert page.evaluate(f"kgExplorer.edges.get({edge!r}).label") == "✓1 ✗1"
    assert "✓ 1 accepted, ✗ 1 rejected" in page.evaluate(f"kgExplorer.edges.get({edge!r}).title")
    page.evaluate(f"kgExplorer.select({ids['plan']!r}, true)")
    verdicts = page.locator(".kg-align").evaluate_all(
        "xs => xs.map(x => x.getAttribute('data-verdict'))")
    assert verdicts.count("accept") == 1 and verdicts.count("reject") == 1
    accepted = page.locator(".kg-align[data-verdict=accept]")
    assert "✓ accepted by An" in accepted.inner_text()
    assert "<img src=x onerror=alert(1)>" in accepted.inner_text()  # the note, as text
    assert ids["words"] and f"shared words: {ids['words']}" in accepted.inner_text()
    assert page.locator("#kg-panel img").count() == 0
    rejected = page.locator(".kg-align[data-verdict=reject]")
    assert "✗ rejected by Bình" in rejected.inner_text()
    assert "✓ 1 accepted, ✗ 1 rejected" in page.locator(".kg-review-line").first.inner_text()
    # the central document's panel counts the local tasks taking up each of its tasks
    page.evaluate(f"kgExplorer.select({ids['central_doc']!r}, true)")
    taken = page.locator(".kg-taken").all_inner_texts()
    assert any("✓ 1 accepted" in t for t in taken) and any("✗ 1 rejected" in t for t in taken)
    v.offline_and_clean()
    v.page.close()
