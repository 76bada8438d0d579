"""Fetching URLs: the only network code in newsprism, used only when asked (``ingest --fetch``).

A fetch is one GET with httpx, within limits that a hostile or broken server cannot push past:

- **addresses**: every connection is made by :class:`_GuardedBackend`, which resolves the host
  itself, refuses it if *any* of its addresses is loopback, private, link-local, multicast,
  reserved or a cloud metadata address, and connects to exactly the address it checked. So the
  check holds after DNS resolution, on every redirect (each new host is a new connection), and
  a name that resolves to a public address when checked and a private one when connecting (DNS
  rebinding) cannot slip through. ``allow_private_addresses`` or ``allowed_networks`` in the
  configuration lift the refusal (metadata addresses stay refused: nothing legitimate is there);
- **redirects** are followed by hand, at most ``fetch_max_redirects``, a loop named as one;
- **time**: ``fetch_timeout`` bounds each connect and read and the whole body;
- **size**: the body is streamed and cut at ``max_input_bytes`` (a Content-Length over it is
  refused before the body is read);
- **robots.txt** of every host is read first and honoured for the agent ``newsprism``, with its
  Crawl-delay (capped); a robots.txt that answers 4xx allows everything, one that cannot be
  reached (5xx, timeout) allows nothing (RFC 9309);
- a **user agent** naming the project; environment proxies are not used (a proxy would be the
  address checked).

A page becomes an article through the same readers as a file (HTML, text, JSONL); a feed URL's
entries are fetched one by one (each entry's link is a page; an entry without a link is read
from the feed's own text). Every failure is an :class:`~newsprism.errors.FetchError` (or another
:class:`~newsprism.errors.InputError`) naming the URL; the rest goes on.
"""

from __future__ import annotations

import codecs
import html
import ipaddress
import re
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsprism import __version__
from newsprism._input import Url
from newsprism.config import Config
from newsprism.errors import FetchError, InputError
from newsprism.ingest import Text, read_input
from newsprism.ingest._decode import decode, sniff_format
from newsprism.model import Article

__all__ = ["USER_AGENT", "AddressPolicy", "Fetched", "Fetcher", "Url", "is_url"]

USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism/newsprism)"
ROBOTS_AGENT = "newsprism"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Instance metadata services (AWS, GCP, Azure, OpenStack; AWS over IPv6; Alibaba; ECS task
# metadata): credentials live there, so they are refused even when private addresses are allowed.
_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.170.2"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
_MAX_CRAWL_DELAY = 30.0
_MAX_FEED_ENTRIES = 200
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_READABLE_TYPES = frozenset({"application/xhtml+xml", "application/xml", "application/json",
                             "application/x-ndjson", "application/jsonl", *_FEED_TYPES})


def is_url(text: str) -> bool:
    """Whether a command-line source is an http(s) URL (ingest then asks for ``--fetch``)."""
    return text[:8].lower().startswith(("http://", "https://"))


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), which is where it really goes."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


class AddressPolicy:
    """Which addresses a fetch may connect to.

    Args:
        allow_private: Allow every non-public address except metadata ones.
        networks: Non-public networks allowed anyway ("127.0.0.1", "10.0.0.0/8").
    """

    def __init__(self, allow_private: bool = False, networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.networks = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks if n.strip())

    @classmethod
    def from_config(cls, config: Config) -> AddressPolicy:
        """The policy the configuration sets (``allow_private_addresses``, ``allowed_networks``)."""
        return cls(config.allow_private_addresses, config.allowed_networks.split(","))

    def refusal(self, ip: IPAddress) -> str | None:
        """Why ``ip`` is refused ("a loopback address"), or ``None`` when it may be reached."""
        inner = _embedded_ipv4(ip)
        if inner is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
            return self.refusal(inner)
        if ip in _METADATA:
            return "a cloud metadata address"
        if ip.is_global and not ip.is_multicast:
            return None
        if self.allow_private or any(ip.version == n.version and ip in n for n in self.networks):
            return None
        for test, kind in ((ip.is_loopback, "a loopback"), (ip.is_link_local, "a link-local"),
                           (ip.is_multicast, "a multicast"), (ip.is_unspecified, "an unspecified"),
                           (ip.is_private, "a private")):
            if test:
                return f"{kind} address"
        return "not a public address"


class AddressRefused(Exception):
    """Raised inside httpcore's connect when the host resolves to a refused address."""

    def __init__(self, host: str, ip: IPAddress, reason: str) -> None:
        self.host, self.ip, self.reason = host, ip, reason
        try:
            literal = ipaddress.ip_address(host.strip("[]")) == ip
        except ValueError:
            literal = False
        super().__init__(f"{host} is {reason}" if literal else f"{host} is {reason} ({ip})")


def _resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is itself), in the resolver's order."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise httpcore.ConnectError(f"cannot resolve host {host!r} ({err})") from None
    out: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in out:
            out.append(ip)
    return out


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy allows, and to exactly those."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        ips = _resolve(host, port)
        for ip in ips:  # one refused answer refuses the host: a resolver can mix them to get through
            reason = self.policy.refusal(ip)
            if reason is not None:
                raise AddressRefused(host, ip, reason)
        last: Exception = httpcore.ConnectError(f"no address for {host!r}")
        for ip in ips:
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                last = err
        raise last


def _transport(policy: AddressPolicy) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(retries=0)
    # httpx 0.28 takes no network backend argument; its pool does. The lock pins httpx, and the
    # tests fail at once if this stops holding (every refusal test goes through it).
    pool = transport._pool
    transport._pool = httpcore.ConnectionPool(ssl_context=pool._ssl_context, max_connections=pool._max_connections,
                                              max_keepalive_connections=pool._max_keepalive_connections,
                                              keepalive_expiry=pool._keepalive_expiry, retries=0,
                                              network_backend=_GuardedBackend(policy))
    return transport


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched document.

    Attributes:
        url: The URL it came from after redirects.
        status: The HTTP status.
        content_type: The media type, lower-case, without parameters ("" if none was sent).
        charset: The charset the Content-Type named, if any.
        body: The body (decompressed), at most the size limit.
    """

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class _Status(FetchError):
    """An HTTP error status (kept apart so robots.txt can tell 4xx from 5xx)."""

    def __init__(self, origin: str, status: int, reason: str) -> None:
        self.status = status
        super().__init__(origin, f"HTTP {status}{' ' + reason if reason else ''}")


class Fetcher:
    """Fetches URLs within the limits of a configuration; one per run (it keeps robots.txt per host).

    Args:
        config: ``fetch_timeout``, ``fetch_max_redirects``, ``max_input_bytes`` and the address policy.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.policy = AddressPolicy.from_config(self.config)
        self._client = httpx.Client(
            transport=_transport(self.policy), timeout=httpx.Timeout(self.config.fetch_timeout),
            follow_redirects=False, trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                     "application/atom+xml,application/xml;q=0.9,text/*;q=0.8"})
        self._robots: dict[str, RobotFileParser | FetchError | None] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        """Fetch one URL, following redirects by hand, each hop checked like the first.

        Raises:
            FetchError: Refused (address, robots.txt, scheme), timed out, an HTTP error, too many
                redirects, a body over the limit or of a type that is not an article.
        """
        hops = [url]
        current = url
        for _ in range(self.config.fetch_max_redirects + 1):
            where = url if current == url else f"{url} (redirected to {current})"
            self._check_url(current, where)
            self._check_robots(current, where)
            got = self._request(current, where, self.config.max_input_bytes, truncate=False)
            if isinstance(got, Fetched):
                return got
            if got in hops:
                raise FetchError(url, "redirect loop (" + " -> ".join([*hops[hops.index(got):], got]) + ")")
            hops.append(got)
            current = got
        raise FetchError(url, f"more than {self.config.fetch_max_redirects} redirects (fetch_max_redirects)")

    @staticmethod
    def _check_url(url: str, where: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in {"http", "https"}:
            raise FetchError(where, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
        if not parts.hostname:
            raise FetchError(where, "not a URL with a host")

    def _wait(self, netloc: str, delay: float) -> None:
        """Keep the host's Crawl-delay between two requests to it."""
        last = self._last_request.get(netloc)
        if last is not None and delay > 0:
            pause = last + min(delay, _MAX_CRAWL_DELAY) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last_request[netloc] = time.monotonic()

    def _request(self, url: str, where: str, limit: int, *, truncate: bool) -> Fetched | str:
        """One GET: the document, or the absolute URL a redirect points to."""
        timeout = self.config.fetch_timeout
        netloc = urlsplit(url).netloc.lower()
        robots = self._robots.get(_site(url))
        delay = robots.crawl_delay(ROBOTS_AGENT) if isinstance(robots, RobotFileParser) else None
        self._wait(netloc, float(delay or 0.0))
        deadline = time.monotonic() + timeout
        try:
            with self._client.stream("GET", url) as resp:
                if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                    return urljoin(str(resp.url), resp.headers["location"].strip())
                if resp.status_code >= 400:
                    raise _Status(where, resp.status_code, resp.reason_phrase)
                ctype, charset = _content_type(resp.headers.get("content-type", ""))
                if not truncate and ctype and not (ctype.startswith("text/") or ctype in _READABLE_TYPES):
                    raise FetchError(where, f"content type {ctype!r} is not an article (HTML, text, a feed)")
                length = resp.headers.get("content-length", "")
                if not truncate and length.isdigit() and int(length) > limit:
                    raise FetchError(where, f"{int(length):,} bytes is over the {limit:,}-byte limit "
                                            "(max_input_bytes); not fetched")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        if truncate:
                            del body[limit:]
                            break
                        raise FetchError(where, f"body over the {limit:,}-byte limit (max_input_bytes); cut off")
                    if time.monotonic() > deadline:
                        raise FetchError(where, f"timed out after {timeout:g} s (fetch_timeout) reading the body")
                return Fetched(str(resp.url), resp.status_code, ctype, charset, bytes(body))
        except AddressRefused as err:
            hint = ("" if err.ip in _METADATA else
                    "; allow it with allow_private_addresses or allowed_networks in the configuration")
            raise FetchError(where, f"refused: {err}{hint}") from None
        except httpx.TimeoutException:
            raise FetchError(where, f"timed out after {timeout:g} s (fetch_timeout)") from None
        except httpx.HTTPError as err:
            reason = str(err).split("\n", 1)[0] or type(err).__name__
            raise FetchError(where, f"cannot fetch ({reason})") from None

    def _check_robots(self, url: str, where: str) -> None:
        site = _site(url)
        if site not in self._robots:
            self._robots[site] = self._read_robots(site, where)
        rules = self._robots[site]
        if isinstance(rules, FetchError):
            raise FetchError(where, f"{site}/robots.txt could not be read ({rules.problem}), so nothing there "
                                    "is fetched")
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(where, f"disallowed by {site}/robots.txt for {ROBOTS_AGENT}")

    def _read_robots(self, site: str, where: str) -> RobotFileParser | FetchError | None:
        """The site's rules; ``None`` allows everything (no robots.txt), an error allows nothing."""
        url = site + "/robots.txt"
        for _ in range(5):  # RFC 9309: follow at least five redirects
            try:
                got = self._request(url, url, _ROBOTS_MAX_BYTES, truncate=True)
            except _Status as err:
                return None if 400 <= err.status < 500 else err
            except FetchError as err:
                if err.problem.startswith("refused:"):  # the address, not robots.txt: say so for the page
                    raise FetchError(where, err.problem) from None
                return err
            if isinstance(got, str):
                url = got
                continue
            parser = RobotFileParser(url)
            parser.parse(got.body.decode("utf-8", errors="replace").splitlines())
            return parser
        return FetchError(url, "too many redirects")

    def articles(self, url: str) -> list[Article | InputError]:
        """Fetch a URL and read it: a page is one article, a feed gives one per entry (each fetched).

        Returns:
            The articles and the errors (one per URL or entry that failed), in order.
        """
        return self._read(url, feeds=True)

    def _read(self, url: str, *, feeds: bool) -> list[Article | InputError]:
        try:
            got = self.get(url)
            text, fmt = _readable(got, url, self.config)
        except InputError as err:
            return [err]
        if fmt == "feed":
            if not feeds:  # an entry linking to a feed (perhaps its own): not followed
                return [FetchError(url, "a feed entry links to a feed, not to an article")]
            return list(self._feed_entries(got, text, url))
        return read_input(Text(text, origin=url, url=got.url), self.config, fmt)

    def _feed_entries(self, got: Fetched, text: str, origin: str) -> Iterator[Article | InputError]:
        import feedparser

        from newsprism.ingest import _apply_metadata
        from newsprism.ingest._feed import _day as entry_day
        from newsprism.ingest._feed import feed_articles

        raw = text.encode("utf-8")
        own = list(feed_articles(raw, origin, lambda parsed, where, meta: _apply_metadata(parsed, where, None, meta)))
        entries = list(feedparser.parse(raw).get("entries") or ())
        if not entries:
            yield from own  # the one error feed_articles gives a document with no entries
            return
        seen: set[str] = set()
        for n, (entry, from_feed) in enumerate(zip(entries, own, strict=False), start=1):
            if n > _MAX_FEED_ENTRIES:
                yield FetchError(origin, f"more than {_MAX_FEED_ENTRIES} entries; the rest are not fetched")
                return
            link = str(entry.get("link") or "").strip()
            link = urljoin(got.url, link) if link else ""  # urljoin("feed", "") is the feed itself
            if not is_url(link):
                yield from_feed  # no page to fetch: the entry's own text (or the error saying it has none)
                continue
            if link in seen:
                continue
            seen.add(link)
            for page in self._read(link, feeds=False):
                if isinstance(page, Article):  # the page's own metadata wins; the feed fills what it lacks
                    title = html.unescape(re.sub(r"<[^>]*>", "", str(entry.get("title") or ""))).strip()
                    page = replace(page, title=page.title or title or None,
                                   published=page.published or entry_day(entry),
                                   author=page.author or str(entry.get("author") or "").strip() or None)
                yield page


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _readable(got: Fetched, origin: str, config: Config) -> tuple[str, str]:
    """The fetched body as text and its format; a charset the server declared is honoured, none guessed."""
    data = got.body
    if got.charset:
        try:
            codec = codecs.lookup(got.charset).name
        except LookupError:
            codec = "utf-8"  # an unknown label: read as UTF-8, which refuses what it is not
        if codec not in {"utf-8", "utf-16", "utf-32", "ascii"}:
            try:
                data = data.decode(codec).encode("utf-8")
            except UnicodeDecodeError as err:
                raise FetchError(origin, f"not valid {got.charset} at byte {err.start}") from None
    text = decode(data, origin, config.max_input_bytes)
    if got.content_type in _FEED_TYPES:
        return text, "feed"
    fmt = sniff_format(PurePosixPath(urlsplit(got.url).path).name, text, origin)
    if fmt == "text" and got.content_type in {"text/html", "application/xhtml+xml"}:
        fmt = "html"
    return text, fmt
