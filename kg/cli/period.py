"""--since / --until: the period of publication a command looks at (kg analyze, kg viz)."""
from __future__ import annotations

import argparse
from datetime import date


def _day(text: str) -> date:
    value = text.strip()
    for form in (value, value + "-01", value + "-01-01"):  # 2022-03-05, 2022-03, 2022
        try:
            return date.fromisoformat(form)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, not {text!r}")


def _end(text: str) -> date:
    """The last day a YYYY or YYYY-MM bound covers (--until 2022 is through 2022-12-31)."""
    start = _day(text)
    value = text.strip()
    if len(value) == 4:
        return date(start.year, 12, 31)
    if len(value) == 7:
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return start


def add_period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=_day, metavar="DATE",
                   help="only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or "
                        "YYYY); undated articles are then left out")
    p.add_argument("--until", type=_end, metavar="DATE",
                   help="only articles published on or before DATE (--until 2022: through "
                        "2022-12-31)")
