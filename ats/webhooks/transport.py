"""One outbound POST, guarded: http(s) only, the host resolved once and every address checked
(loopback, link-local, private, multicast and reserved ranges refused unless
WEBHOOK_ALLOW_PRIVATE_TARGETS), the connection made to the address that was checked (so a DNS
answer that changes in between cannot send it elsewhere), a timeout, and no redirects followed."""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

EXCERPT_CHARS = 500


class TargetRefused(Exception):
    """The URL may not be called (scheme, or an address in a refused range); not worth retrying soon."""


@dataclass
class Result:
    status_code: int | None
    latency_ms: int
    excerpt: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("Only http:// and https:// URLs with a host can receive webhooks.")


def _refused_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def resolve(host: str, port: int) -> str:
    """The address to connect to, after checking every address the name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConnectionError(f"{host} does not resolve ({exc.strerror})") from None
    addresses = [info[4][0] for info in infos]
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS and any(_refused_address(a) for a in addresses):
        raise TargetRefused(f"{host} resolves to a loopback, link-local or private address.")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float | None = None) -> Result:
    """POST `body`; never raises for the far end's failures (they are in the Result), only TargetRefused."""
    check_url(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    timeout = timeout if timeout is not None else settings.WEBHOOK_TIMEOUT_SECONDS
    started = time.monotonic()
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = None
    try:
        address = resolve(parts.hostname or "", port)
        connection = connection_class(parts.hostname or "", port, address, timeout)
        connection.request("POST", path, body=body, headers={**headers, "User-Agent": "ATS-Webhooks/1"})
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")[:EXCERPT_CHARS]
        return Result(response.status, round((time.monotonic() - started) * 1000), excerpt)
    except (OSError, http.client.HTTPException) as exc:
        return Result(None, round((time.monotonic() - started) * 1000), error=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        if connection is not None:
            connection.close()
