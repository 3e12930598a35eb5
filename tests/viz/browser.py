"""Headless Chromium for the page tests: Debian's /usr/bin/chromium driven by playwright.

Never ``playwright install``: the browser is the system's.  Every request the
page makes is recorded, and anything that is not ``file:`` or ``data:`` is
blocked (so a regression fails the test instead of reaching the network).
"""
from __future__ import annotations

import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class Visit:
    page: object
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def console_errors(self) -> list[str]:
        return [t for kind, t in self.console if kind == "error"] + self.errors

    @property
    def remote_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


def visit(context, path: Path, *, settle_timeout_ms: int = 60_000) -> Visit:
    """Open ``path`` in a new page of ``context`` and wait until the layout has settled."""
    page = context.new_page()
    v = Visit(page)
    page.on("console", lambda m: v.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: v.errors.append(str(e)))
    page.on("request", lambda r: v.requests.append(r.url))

    def dialog(d):
        v.dialogs.append(d.message)
        d.dismiss()
    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("document.documentElement.getAttribute('data-kg-state') === 'settled'",
                           timeout=settle_timeout_ms)
    return v


def block_network(context) -> None:
    """Abort every request that is not file: or data: (recorded by :func:`visit` anyway)."""
    def handle(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()
    context.route("**/*", handle)


# -- a tiny PNG reader (8-bit RGB/RGBA, as Chromium writes screenshots) -----------------------

def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of raw pixel bytes) of an 8-bit truecolour PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows]


def colours(data: bytes, step: int = 3) -> int:
    """How many distinct colours a PNG shows (sampling every ``step``-th pixel)."""
    width, height, rows = png_pixels(data)
    bpp = len(rows[0]) // width
    seen = set()
    for y in range(0, height, step):
        row = rows[y]
        for x in range(0, width, step):
            seen.add(row[x * bpp:x * bpp + 3])
    return len(seen)
