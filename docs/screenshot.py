"""Make docs/report.png: the example story's HTML report, as headless Debian chromium shows it.

    .venv/bin/python docs/screenshot.py [--out docs/report.png] [--width 1280] [--height 1500]

Needs the development lock (selenium) and Debian's chromium and chromium-driver
(`apt-get install chromium chromium-driver`; never a downloaded browser). The page is rendered
from `examples/` with `newsprism compare`, opened from a file, its first statement with
counterparts clicked (so the picture shows the marking), and the window captured from the
top (`--at columns`: from the side-by-side texts).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Relative paths: an article without a title is named by its path, and the picture shows it.
EXAMPLES = ["examples/blinken-lavrov-afp.txt", "examples/blinken-lavrov-ru-state.txt"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    parser.add_argument("--at", default="top", choices=("top", "columns"),
                        help="top: the page from its title; columns: from the side-by-side texts")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    for path in (args.chromium, args.chromedriver):
        if not Path(path).is_file():
            print(f"screenshot: {path} not found (apt-get install chromium chromium-driver)", file=sys.stderr)
            return 2

    import newsprism
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.chdir(ROOT)
    html = newsprism.compare(EXAMPLES).to_html()
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                f"--window-size={args.width},{args.height}", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=args.chromedriver))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "report.html"
            page.write_text(html, encoding="utf-8")
            driver.get(page.as_uri())
            links = json.loads(driver.find_element("id", "np-data").get_attribute("textContent"))["links"]
            sid = next((s for s, pairs in links.items() if pairs), None)
            if sid:
                driver.find_element("id", f"s-{sid}").click()
            # The picture: the title, then the columns with the marking (the matrix is further down).
            if args.at == "columns":
                driver.execute_script("document.getElementById('columns').scrollIntoView({block: 'start'});")
            else:
                driver.execute_script("window.scrollTo(0, 0);")
            time.sleep(0.3)
            driver.save_screenshot(args.out)
    finally:
        driver.quit()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
