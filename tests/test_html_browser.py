"""The HTML report in a real browser: Debian's chromium driven by Selenium (never a downloaded browser).

Skipped with a message when chromium, its driver or selenium is missing, except under ``CI=true``,
where a missing browser fails (``.ci/run`` installs the Debian packages).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsprism
from html_stories import BRIDGE_A, BRIDGE_B, bridge_texts, hostile_text
from newsprism.render.html import comparison_to_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("NEWSPRISM_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSPRISM_CHROMEDRIVER", "/usr/bin/chromedriver")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (it is in requirements-dev.lock)"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI=true: {why}")
        pytest.skip(f"browser tests skipped: {why}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    drv = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()


def _open(drv: Any, html: str, path: Path) -> list[dict[str, Any]]:
    """Load the page from a file and return the network requests it made (the page itself excluded)."""
    path.write_text(html, encoding="utf-8")
    drv.get_log("performance")  # drop what came before
    url = path.resolve().as_uri()
    drv.get(url)
    time.sleep(0.3)  # let anything the page might start show up in the log
    requests = []
    for entry in drv.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            req = msg["params"]["request"]["url"]
            if req != url:
                requests.append(msg["params"])
    return requests


@pytest.fixture(scope="module")
def example_html() -> str:
    report = newsprism.compare([ROOT / "examples" / "blinken-lavrov-afp.txt", ROOT / "examples" / "blinken-lavrov-ru-state.txt"])
    return report.to_html()


def _with_counterparts(drv: Any) -> tuple[str, list[str]]:
    links = json.loads(drv.find_element("id", "np-data").get_attribute("textContent"))["links"]
    sid = next(s for s, pairs in links.items() if pairs)
    return sid, [other for other, _kind in links[sid]]


def _classes(drv: Any, sid: str) -> list[str]:
    return str(drv.find_element("id", f"s-{sid}").get_attribute("class")).split()


def test_example_report_makes_no_request_and_click_marks_counterparts(driver: Any, example_html: str, tmp_path: Path) -> None:
    assert _open(driver, example_html, tmp_path / "example.html") == []
    assert driver.execute_script("return document.querySelectorAll('.column').length") == 2
    sid, others = _with_counterparts(driver)
    driver.find_element("id", f"s-{sid}").click()
    assert "active" in _classes(driver, sid)
    assert driver.find_element("id", f"s-{sid}").get_attribute("aria-pressed") == "true"
    for other in others:
        assert "counterpart" in _classes(driver, other)
    assert "counterpart" in driver.find_element("id", "np-status").text
    # A counterpart is scrolled into view inside its column.
    visible = driver.execute_script(
        "var el = document.getElementById(arguments[0]); var box = el.closest('.text').getBoundingClientRect();"
        "var r = el.getBoundingClientRect(); return r.bottom > box.top && r.top < box.bottom;", f"s-{others[0]}")
    assert visible
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_keyboard_alone_tab_enter_escape(driver: Any, example_html: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, example_html, tmp_path / "keys.html")
    links = json.loads(driver.find_element("id", "np-data").get_attribute("textContent"))["links"]
    focused = None
    for _ in range(400):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.execute_script(
            "var a = document.activeElement; return a && a.classList.contains('st') ? a.dataset.sid : null")
        if focused and links.get(focused):
            break
    assert focused and links.get(focused), "Tab never reached a statement with counterparts"
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert "active" in _classes(driver, focused)
    marked = [o for o, _k in links[focused] if "counterpart" in _classes(driver, o)]
    assert marked == [o for o, _k in links[focused]]
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert driver.execute_script("return document.querySelectorAll('.active, .counterpart').length") == 0
    assert driver.find_element("id", f"s-{focused}").get_attribute("aria-pressed") == "false"


def test_hostile_article_runs_nothing_and_requests_nothing(driver: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    cmp = newsprism.compare([*bridge_texts(), hostile_text()]).comparison
    requests = _open(driver, comparison_to_html(cmp), tmp_path / "hostile.html")
    assert requests == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, svg, textarea, iframe').length") == 0
    assert driver.execute_script("return document.querySelectorAll('script').length") == 2
    assert driver.execute_script("return document.querySelectorAll('meta[http-equiv]').length") == 1
    body = driver.find_element("tag name", "body").text
    assert "<script>window.__pwned = 1" in body and "{{ 7*7 }}" in body
    # Still on the page: the meta refresh in the text did not navigate.
    time.sleep(0.5)
    assert driver.current_url.endswith("hostile.html")
    # The page's own script works under its CSP: clicking marks the statement.
    first = driver.find_element("css selector", ".st[data-sid]")
    first.click()
    assert "active" in str(first.get_attribute("class")).split()


def _twenty_articles() -> list[newsprism.Text]:
    """Twenty reports of the bridge story, written from the two test reports' sentences."""
    sentences = [s for text in (BRIDGE_A, BRIDGE_B) for s in text.split("\n\n")[2:] if s.strip()]
    extra = [f"Outlet {n} reported that local shops near the bridge saw {n * 3} fewer customers on Friday."
             for n in range(20)]
    texts = []
    for n in range(20):
        chosen = [sentences[(n + k) % len(sentences)] for k in range(4)] + [extra[n]]
        texts.append(newsprism.Text("\n\n".join(chosen), origin=f"outlet{n}.txt", source=f"Outlet {n}",
                                    published="2025-03-14", language="en"))
    return texts


def test_twenty_article_story_renders_with_sideways_columns(driver: Any, tmp_path: Path) -> None:
    cmp = newsprism.compare(_twenty_articles()).comparison
    assert len(cmp.articles) == 20
    assert _open(driver, comparison_to_html(cmp), tmp_path / "twenty.html") == []
    assert driver.execute_script("return document.querySelectorAll('.column').length") == 20
    # The columns scroll sideways inside their box; the page itself does not get wider than the window.
    widths = driver.execute_script(
        "var c = document.querySelector('.columns'); return [c.scrollWidth, c.clientWidth,"
        " document.documentElement.scrollWidth, window.innerWidth];")
    assert widths[0] > widths[1]
    assert widths[2] <= widths[3] + 1
    assert driver.execute_script("return document.querySelectorAll('table.matrix thead th').length") == 21
    # Phone width: the columns stack.
    driver.set_window_size(400, 900)
    try:
        xs = driver.execute_script(
            "return Array.from(document.querySelectorAll('.column')).slice(0, 3).map(c => c.getBoundingClientRect().left)")
        assert len(set(round(x) for x in xs)) == 1
    finally:
        driver.set_window_size(1400, 1000)


def test_the_request_counter_sees_a_request(driver: Any, tmp_path: Path) -> None:
    # Control for the zero counts above: a page without the CSP that loads an image (from a
    # loopback port where nothing listens) shows up as one request.
    page = '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/pixel.png" alt=""></body></html>'
    requests = _open(driver, page, tmp_path / "control.html")
    assert [r["request"]["url"] for r in requests] == ["http://127.0.0.1:9/pixel.png"]
