"""A tiny HTTP client for the tests (urllib, no proxy: loopback only)."""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def ctype(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(url: str, *, method: str = "GET", data: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 20) -> Reply:
    assert urllib.parse.urlsplit(url).hostname in ("127.0.0.1", "localhost"), url
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=timeout) as r:
            return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def get(url: str, params: dict | None = None, **kw) -> Reply:
    if params:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    return request(url, **kw)


def post_form(url: str, fields: dict, **kw) -> Reply:
    headers = {"Content-Type": "application/x-www-form-urlencoded"} | kw.pop("headers", {})
    return request(url, method="POST", data=urllib.parse.urlencode(fields).encode("utf-8"),
                   headers=headers, **kw)
