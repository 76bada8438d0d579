"""``ingest --fetch`` against a real HTTP server on 127.0.0.1 (a thread of this test run; no other network).

Loopback is refused by default, so each test that talks to the server switches the allowance on
for itself (``allowed_networks="127.0.0.1"`` or ``allow_private_addresses``); one test checks
that without it nothing reaches the server at all.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.cli import main
from newsprism.config import Config
from newsprism.errors import FetchError
from newsprism.ingest.fetch import USER_AGENT, AddressPolicy, Fetcher
from newsprism.model import Article

PAGE = """<!doctype html><html><head><title>Ferry strike halts island crossings</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body><article>
<h1>Ferry strike halts island crossings</h1>
<p>Ferry crews walked out on Tuesday morning, halting every crossing to the three islands for the day.</p>
<p>The crews' union said talks with the operator over rosters had broken down after three weeks.</p>
<p>The operator said it regretted the disruption and hoped to resume sailings on Wednesday.</p>
</article></body></html>"""

PAGE2 = PAGE.replace("Ferry strike halts island crossings", "Swing bridge reopens after repairs").replace(
    "Ferry crews walked out", "Road crews finished work").replace("talks with the operator", "the council")

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: newsprism\nDisallow: /private/\nDisallow: /members\n"


def feed(port: int) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferry strike</title><link>http://127.0.0.1:{port}/page</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>
<item><title>Bridge</title><link>/page2</link><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Broken link</title><link>/missing</link></item>
<item><title>Members only</title><link>/members/scoop</link></item>
<item><title>A note with no page</title><description>The harbour master said on Thursday that the
northern quay would close for dredging next month.</description></item>
</channel></rss>"""


class Server:
    """A threaded HTTP server on 127.0.0.1 with the routes the tests need; it records every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append((self.path, self.headers.get("User-Agent", "")))
                route = outer.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self.send_error(404)
                    return
                # The client cutting the body off is the point of some tests.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def reply(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = route

    def redirect(self, path: str, to: str) -> None:
        def route(h: BaseHTTPRequestHandler) -> None:
            h.send_response(302)
            h.send_header("Location", to)
            h.send_header("Content-Length", "0")
            h.end_headers()

        self.routes[path] = route


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.reply("/robots.txt", ROBOTS, "text/plain")
    srv.reply("/page", PAGE)
    srv.reply("/page2", PAGE2)
    srv.reply("/members/scoop", PAGE2)
    srv.reply("/private/page", PAGE)
    srv.reply("/feed.xml", feed(srv.port), "application/rss+xml")
    srv.reply("/error", "<h1>oops</h1>", status=500)

    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        h.send_response(200)
        h.end_headers()

    def huge(h: BaseHTTPRequestHandler) -> None:  # 50 MB, no Content-Length: only streaming can stop it
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.write(b"<html><body><p>")
        chunk = b"word " * 20_000
        for _ in range(50_000_000 // len(chunk)):
            h.wfile.write(chunk)

    srv.routes["/slow"] = slow
    srv.routes["/huge"] = huge
    srv.redirect("/loop-a", "/loop-b")
    srv.redirect("/loop-b", "/loop-a")
    srv.redirect("/to-private", "http://10.20.30.40/admin")
    srv.redirect("/to-other-loopback", f"http://127.0.0.2:{srv.port}/page")
    srv.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    srv.redirect("/moved", "/page")
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


LOCAL = Config(allowed_networks="127.0.0.1", fetch_timeout=1.0)


def fetch_one(url: str, config: Config = LOCAL) -> list[Article | Exception]:
    with Fetcher(config) as fetcher:
        return list(fetcher.articles(url))


def test_a_page_is_read_as_an_article_with_the_projects_user_agent(server: Server) -> None:
    [article] = fetch_one(server.base + "/moved")
    assert isinstance(article, Article)
    assert article.title == "Ferry strike halts island crossings" and "three islands" in article.text
    assert article.url == server.base + "/page" and article.origin == server.base + "/moved"
    assert [p for p, _ in server.requests] == ["/robots.txt", "/moved", "/page"]
    assert {ua for _, ua in server.requests} == {USER_AGENT} and "newsprism" in USER_AGENT


def test_http_500_and_timeout_are_named(server: Server) -> None:
    [err] = fetch_one(server.base + "/error")
    assert isinstance(err, FetchError) and str(err) == f"{server.base}/error: HTTP 500 Internal Server Error"
    started = time.monotonic()
    [err] = fetch_one(server.base + "/slow")
    assert isinstance(err, FetchError) and str(err) == f"{server.base}/slow: timed out after 1 s (fetch_timeout)"
    assert time.monotonic() - started < 2.5


def test_a_50_mb_body_is_cut_at_the_limit(server: Server) -> None:
    started = time.monotonic()
    [err] = fetch_one(server.base + "/huge")
    assert isinstance(err, FetchError)
    assert err.problem == "body over the 10,000,000-byte limit (max_input_bytes); cut off"
    assert time.monotonic() - started < 10


def test_redirect_loops_and_redirects_to_refused_addresses(server: Server) -> None:
    [err] = fetch_one(server.base + "/loop-a")
    assert str(err) == (f"{server.base}/loop-a: redirect loop ({server.base}/loop-a -> {server.base}/loop-b -> "
                        f"{server.base}/loop-a)")
    [err] = fetch_one(server.base + "/to-private")
    assert str(err).startswith(f"{server.base}/to-private (redirected to http://10.20.30.40/admin): refused: "
                               "10.20.30.40 is a private address; allow it with allow_private_addresses")
    # Allowing 127.0.0.1 is not allowing loopback: 127.0.0.2 is refused after the redirect.
    [err] = fetch_one(server.base + "/to-other-loopback")
    assert "refused: 127.0.0.2 is a loopback address" in str(err)
    # Metadata addresses stay refused even when every private address is allowed.
    [err] = fetch_one(server.base + "/to-metadata", LOCAL.replace(allow_private_addresses=True))
    assert str(err).endswith("refused: 169.254.169.254 is a cloud metadata address")
    assert [p for p, _ in server.requests].count("/to-private") == 1
    with Fetcher(LOCAL.replace(fetch_max_redirects=0)) as fetcher, pytest.raises(FetchError, match="more than 0"):
        fetcher.get(server.base + "/moved")


def test_robots_txt_is_honoured(server: Server) -> None:
    [err] = fetch_one(server.base + "/private/page")
    assert str(err) == f"{server.base}/private/page: disallowed by {server.base}/robots.txt for newsprism"
    assert "/private/page" not in [p for p, _ in server.requests]
    del server.routes["/robots.txt"]  # 404: no rules, everything allowed
    [article] = fetch_one(server.base + "/private/page")
    assert isinstance(article, Article)
    server.reply("/robots.txt", "down", "text/plain", status=503)  # unreachable: nothing allowed (RFC 9309)
    [err] = fetch_one(server.base + "/page")
    assert "robots.txt could not be read (HTTP 503" in str(err)


def test_without_the_allowance_nothing_reaches_loopback(server: Server) -> None:
    for url in (server.base + "/page", f"http://localhost:{server.port}/page",
                f"http://[::ffff:127.0.0.1]:{server.port}/page", f"http://2130706433:{server.port}/page"):
        [err] = fetch_one(url, Config(fetch_timeout=1.0))
        assert isinstance(err, FetchError) and "refused: " in str(err) and "loopback address" in str(err), err
    assert server.requests == []


def test_address_policy() -> None:
    from ipaddress import ip_address as ip

    default = AddressPolicy()
    for addr in ("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
                 "::1", "fe80::1", "fc00::1", "::ffff:192.168.0.1", "224.0.0.1", "64:ff9b::a00:1", "2002:a00:1::"):
        assert default.refusal(ip(addr)) is not None, addr
    for addr in ("93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"):
        assert default.refusal(ip(addr)) is None, addr
    assert AddressPolicy(networks=["10.1.0.0/16"]).refusal(ip("10.1.2.3")) is None
    assert AddressPolicy(networks=["10.1.0.0/16"]).refusal(ip("10.2.0.1")) == "a private address"
    assert AddressPolicy(allow_private=True).refusal(ip("fd00:ec2::254")) == "a cloud metadata address"


def test_ingest_fetch_reads_a_feeds_entries_into_the_store(server: Server, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSPRISM_ALLOWED_NETWORKS", "127.0.0.1")
    db = tmp_path / "news.db"
    code = main(["ingest", "--db", str(db), "--quiet", "--no-group", "--fetch", server.base + "/feed.xml"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert f"newsprism: {server.base}/missing: HTTP 404 Not Found" in err
    assert f"newsprism: {server.base}/members/scoop: disallowed by {server.base}/robots.txt for newsprism" in err
    assert "3 new" in err[-1] and "2 failed" in err[-1]
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT title, url, published FROM articles ORDER BY published IS NULL, published").fetchall()
    conn.close()
    assert stored[0] == ("Ferry strike halts island crossings", server.base + "/page", "2024-03-05")
    assert stored[1][:2] == ("Swing bridge reopens after repairs", server.base + "/page2")
    assert stored[2][0] == "A note with no page"  # no link: the feed's own text
    again = main(["ingest", "--db", str(db), "--quiet", "--no-group", "--fetch", server.base + "/feed.xml"])
    assert again == 1 and "0 new, 3 already stored" in capsys.readouterr().err.splitlines()[-1]


def test_a_url_given_as_a_source_asks_for_fetch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "https://example.org/a", "--db", str(tmp_path / "n.db")]) == 2
    assert "give it as --fetch https://example.org/a" in capsys.readouterr().err
    assert not (tmp_path / "n.db").exists()
