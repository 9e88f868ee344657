"""Screenshots of the dashboard in a real browser with the network blocked, desktop and phone.

    make screenshot        # docs/dashboard.png (1440x900), docs/dashboard-phone.png (390x844),
                           # docs/timeline.png (the timeline of milestones, opened),
                           # docs/review.png (the review page after one ingest), and the
                           # time views: docs/asof.png (the railway as of 2025-06-01, undated
                           # sources ticked), docs/figures.png and docs/changes.png
    python -m benchmarks.screenshot --feature titr-caspian-aktau-alat --output docs/titr.png

The railway is chosen from the corridor list by default (the map fits it, highlights it and the
panel opens with where the sources disagree); ``--feature`` clicks a feature instead, so that its
popup shows.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from corridors.curate import ingest
from corridors.store.datadir import REPO_ROOT, DataDir
from devtools import browser as e2e

#: The article the review picture ingests: a development note (our own words on a real report).
REVIEW_ARTICLE = REPO_ROOT / "benchmarks" / "reporting" / "dev" / "01-cku-groundbreaking.txt"

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def shoot(
    browser, url: str, output: Path, feature: str, corridor: str, guard, phone: bool = False
) -> None:
    context = (
        browser.new_context(**PHONE, device_scale_factor=2) if phone else e2e.new_context(browser)
    )
    context.route("**/*", guard.handle)
    page = context.new_page()
    page.goto(f"{url}/?corridor={corridor}" if corridor and not feature else url)
    e2e.wait_for_routes(page, 8)
    e2e.wait_for_page(page)
    e2e.settle(page)
    if feature:
        e2e.click_feature(page, feature)
        page.get_by_test_id("corridor-panel").first.wait_for(timeout=15_000)
    elif corridor:
        page.get_by_test_id("corridor-panel").first.wait_for(timeout=15_000)
    page.wait_for_timeout(800)
    e2e.settle(page)
    page.screenshot(path=str(output), full_page=False)
    context.close()


def shoot_timeline(browser, url: str, output: Path, guard) -> None:
    """The timeline of milestones of every system, opened under the map."""
    context = e2e.new_context(browser)
    context.route("**/*", guard.handle)
    page = context.new_page()
    page.goto(url)
    e2e.wait_for_routes(page, 8)
    e2e.wait_for_page(page)
    expander = page.get_by_test_id("stExpander").filter(has_text="Timeline of milestones").first
    expander.locator("summary").click()
    chart = expander.locator("canvas, svg.marks").first
    chart.wait_for(timeout=15_000)
    page.wait_for_timeout(800)
    expander.screenshot(path=str(output))
    context.close()


def shoot_review(browser, output: Path, guard) -> None:
    """The review page after `ingest` of one note into a copy of the live data (the live data is
    never touched): proposals with their quotes, a disagreement beside the accepted claims."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(REPO_ROOT / "geodata", root / "geodata")
        shutil.copytree(REPO_ROOT / "seeds", root / "seeds")
        ingest.ingest(DataDir(root), REVIEW_ARTICLE)
        with e2e.serve(env={"CORRIDORS_DATA_DIR": str(root)}) as server:
            context = e2e.new_context(browser)
            context.route("**/*", guard.handle)
            page = context.new_page()
            page.goto(f"{server.url}/?view=review")
            page.get_by_test_id("review-disagreement").first.wait_for(timeout=30_000)
            page.wait_for_timeout(800)  # the page is sorted: disagreements come first
            page.screenshot(path=str(output), full_page=False)
            context.close()


def shoot_expander(browser, url: str, query: str, title: str, output: Path, guard) -> None:
    """One expander under the map (figures over time, what changed), opened, at a view."""
    context = e2e.new_context(browser)
    context.route("**/*", guard.handle)
    page = context.new_page()
    page.goto(f"{url}/{query}")
    e2e.wait_for_routes(page, 1)
    e2e.wait_for_page(page)
    expander = page.get_by_test_id("stExpander").filter(has_text=title).first
    expander.locator("summary").click()
    page.wait_for_timeout(2500)
    # An element taller than the window is shot with its lower part blank (the page scrolls inside
    # Streamlit's own container), so the window is made as tall as the expander, and the picture
    # keeps its first MAX_EXPANDER_HEIGHT pixels: enough to read the first entries.
    box = expander.bounding_box()
    viewport = page.viewport_size
    page.set_viewport_size(
        {"width": viewport["width"], "height": int(box["y"] + box["height"]) + 40}
    )
    page.wait_for_timeout(500)
    box = expander.bounding_box()
    clip = {**box, "height": min(box["height"], MAX_EXPANDER_HEIGHT)}
    page.screenshot(path=str(output), clip=clip)
    context.close()


#: How much of a long expander the README shows (CSS pixels).
MAX_EXPANDER_HEIGHT = 1100


#: The time views: (query, what is shot, file).
TIME_SHOTS = (
    ("?asof=2025-06-01&undated=yes&corridor=cku-railway", "", "docs/asof.png"),
    ("?corridor=cku-railway", "Figures over time", "docs/figures.png"),
    ("?corridor=cku-railway", "What changed", "docs/changes.png"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", default="docs/dashboard.png")
    parser.add_argument("--phone-output", default="docs/dashboard-phone.png")
    parser.add_argument("--timeline-output", default="docs/timeline.png")
    parser.add_argument("--review-output", default="docs/review.png")
    parser.add_argument("--corridor", default="cku-railway", help="choose this corridor first")
    parser.add_argument("--feature", default="", help="click this feature id instead")
    args = parser.parse_args(argv)
    outputs = [(Path(args.output), False), (Path(args.phone_output), True)]
    guard = e2e.NetworkGuard()
    with e2e.serve() as server, sync_playwright() as pw:
        browser = e2e.launch(pw)
        for output, phone in outputs:
            output.parent.mkdir(parents=True, exist_ok=True)
            shoot(browser, server.url, output, args.feature, args.corridor, guard, phone)
            print(f"wrote {output}")
        shoot_timeline(browser, server.url, Path(args.timeline_output), guard)
        print(f"wrote {args.timeline_output}")
        shoot_review(browser, Path(args.review_output), guard)
        print(f"wrote {args.review_output}")
        for query, title, output in TIME_SHOTS:
            if title:
                shoot_expander(browser, server.url, query, title, Path(output), guard)
            else:
                shoot(browser, f"{server.url}/{query}", Path(output), "", "", guard)
            print(f"wrote {output}")
        browser.close()
    print(f"requests blocked (left the machine): {len(guard.blocked)}")
    for url in guard.blocked[:10]:
        print("  blocked:", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
