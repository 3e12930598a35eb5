"""The progress bar: lines with counts in logs, a redrawn bar on a terminal, silence with -q."""
from __future__ import annotations

import io
import re

from kg.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def feed(progress: Progress, total: int) -> None:
    for done in range(1, total + 1):
        progress(done, total, f"dir/article{done:03d}.txt")
    progress.close()


def test_non_tty_prints_one_line_per_step_with_counts():
    stream = io.StringIO()
    feed(Progress("building", stream=stream), 3)
    assert stream.getvalue().splitlines() == [
        "building: 1/3 (33%) dir/article001.txt",
        "building: 2/3 (66%) dir/article002.txt",
        "building: 3/3 (100%) dir/article003.txt",
    ]
    assert "\r" not in stream.getvalue()


def test_non_tty_prints_every_ten_percent_and_always_the_end():
    stream = io.StringIO()
    feed(Progress("building", stream=stream), 250)
    lines = stream.getvalue().splitlines()
    counts = [tuple(map(int, re.match(r"building: (\d+)/(\d+) \(\d+%\)", line).groups()))
              for line in lines]
    assert all(total == 250 for _, total in counts)
    assert 10 <= len(lines) <= 12  # a line per tenth (CI logs stay short), not 250
    assert counts[0][0] == 1 and counts[-1][0] == 250
    assert lines[-1] == "building: 250/250 (100%) dir/article250.txt"
    done = [d for d, _ in counts]
    assert done == sorted(done)


def test_disabled_progress_prints_nothing():
    for stream in (io.StringIO(), Terminal()):
        feed(Progress("building", stream=stream, enabled=False), 5)
        assert stream.getvalue() == ""


def test_terminal_gets_a_bar_redrawn_in_place_and_a_final_newline():
    stream = Terminal()
    feed(Progress("building", stream=stream), 4)
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("\n") and text.count("\n") == 1
    last = text.rsplit("\r", 1)[-1]
    assert "[########################]" in last and "4/4" in last and "article004.txt" in last


def test_nothing_to_do_prints_nothing():
    stream = io.StringIO()
    Progress("building", stream=stream)(0, 0, "")
    assert stream.getvalue() == ""
