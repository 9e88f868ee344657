"""Screenshot of the dashboard in a real browser with the network blocked: docs/dashboard.png.

make screenshot            # the overview
python -m benchmarks.screenshot --corridor titr --output docs/titr.png
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from corridors import e2e


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", default="docs/dashboard.png")
    parser.add_argument("--feature", default="cku-railway", help="click this feature id first")
    args = parser.parse_args(argv)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    guard = e2e.NetworkGuard()
    with e2e.serve() as server, sync_playwright() as pw:
        browser = e2e.launch(pw)
        page = e2e.new_context(browser, guard).new_page()
        page.goto(server.url)
        e2e.wait_for_routes(page, 8)
        e2e.settle(page)
        if args.feature:
            e2e.click_feature(page, args.feature)
            page.get_by_test_id("corridor-panel").first.wait_for(timeout=15_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(output), full_page=False)
        browser.close()
    print(f"wrote {output}; requests blocked (left the machine): {len(guard.blocked)}")
    for url in guard.blocked[:10]:
        print("  blocked:", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
