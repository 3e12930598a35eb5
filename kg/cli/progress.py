"""A dependency-free progress bar on stderr: redrawn in place on a terminal,
a line every few percent otherwise (CI logs), silent with --quiet."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._last_pct = -1

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled or total <= 0:
            return
        pct = done * 100 // total
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate else 0.0
        if self.tty:
            width = 24
            fill = width * done // total
            bar = "#" * fill + "-" * (width - fill)
            line = (f"\r{self.label} [{bar}] {done}/{total} {rate:5.1f}/s "
                    f"eta {eta:4.0f}s  {item[-40:]:<40}")
            self.stream.write(line)
            self.stream.flush()
        elif pct // 10 != self._last_pct // 10 or done == total:
            self.stream.write(f"{self.label}: {done}/{total} ({pct}%) {item}\n")
            self.stream.flush()
        self._last_pct = pct

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
